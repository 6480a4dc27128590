"""Learning objectives and mastery marks against the database.

A class's objectives reach its students' devices inside the ``policy`` record of their space
(with the class's name and policy), so the goal form offers them offline. A teacher's mark is a
server-written ``mastery`` record in the student's space: it syncs to the student, the mentor,
the parents and the class's teacher like any write, and the audit log keeps who marked what.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import msgspec

from backend.accounts.principal import Principal
from backend.approvals.policies import publish_student_policies
from backend.audit.log import record as audit
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.db import write_transaction
from backend.mastery.objectives_csv import NewObjective
from backend.mastery.schemas import Mastery as MasteryOut
from backend.mastery.schemas import MasteryMark, Objective
from backend.mastery.tables import Objective as ObjectiveRow
from backend.syncing.server_records import write_server_record
from backend.syncing.store import SqlSyncStore
from sync.kinds import MAX_OBJECTIVES, MasteryFields
from sync.records import MASTERY, mastery_id


class TooManyObjectives(ValueError):
    """Adding these would make the class list more objectives than it may."""


class NotInClass(LookupError):
    """The student or the objective is not in the class; the message says which."""


def _objective(row: dict[str, Any]) -> Objective:
    return Objective(id=row["id"], code=row["code"], title=row["title"], position=row["position"])


async def teaches(teacher: Principal, class_id: int) -> bool:
    """Whether the class is one of this teacher's, in their school."""
    return bool(
        await SchoolClass.exists().where(
            (SchoolClass.id == class_id)
            & (SchoolClass.teacher == teacher.id)
            & (SchoolClass.school == teacher.school_id)
        )
    )


async def objectives_of(class_id: int) -> list[Objective]:
    rows = (
        await ObjectiveRow.select()
        .where(ObjectiveRow.school_class == class_id)
        .order_by(ObjectiveRow.position)
        .order_by(ObjectiveRow.id)
    )
    return [_objective(r) for r in rows]


async def _students_of(class_id: int) -> list[int]:
    rows = await Enrolment.select(Enrolment.student).where(Enrolment.school_class == class_id)
    return [r["student"] for r in rows]


def _key(code: str, title: str) -> tuple[str, str]:
    return code.casefold(), " ".join(title.split()).casefold()


async def add_objectives(
    class_id: int, items: Sequence[NewObjective]
) -> tuple[list[Objective], int, frozenset[int]]:
    """Append objectives to the class, skipping any it already lists (same code and title).

    Returns what was added, how many were already listed, and the spaces whose ``policy``
    record changed (to poke their devices).
    """
    engine = ObjectiveRow._meta.db
    async with write_transaction(engine):
        existing = await objectives_of(class_id)
        known = {_key(o.code, o.title) for o in existing}
        fresh: list[NewObjective] = []
        for item in items:
            key = _key(item.code, item.title)
            if key not in known:
                known.add(key)
                fresh.append(item)
        if len(existing) + len(fresh) > MAX_OBJECTIVES:
            raise TooManyObjectives(
                f"a class lists at most {MAX_OBJECTIVES} objectives; it has {len(existing)}"
            )
        position = max((o.position for o in existing), default=0)
        now = utcnow()
        added = []
        for offset, item in enumerate(fresh, start=1):
            rows = await ObjectiveRow.insert(
                ObjectiveRow(
                    school_class=class_id,
                    code=item.code.strip(),
                    title=" ".join(item.title.split()),
                    position=position + offset,
                    created_at=now,
                )
            ).returning(*ObjectiveRow.all_columns())
            added.append(_objective(rows[0]))
        touched: frozenset[int] = frozenset()
        if added:
            touched = await publish_student_policies(
                SqlSyncStore(engine), await _students_of(class_id), int(now.timestamp() * 1000)
            )
    return added, len(items) - len(fresh), touched


async def remove_objective(class_id: int, objective_id: int) -> frozenset[int] | None:
    """Take an objective off the class's list; None when the class has no such objective.

    Marks already made stay in the students' records (their history), but no longer count:
    views count only what the class lists now.
    """
    engine = ObjectiveRow._meta.db
    async with write_transaction(engine):
        rows = (
            await ObjectiveRow.delete()
            .where((ObjectiveRow.id == objective_id) & (ObjectiveRow.school_class == class_id))
            .returning(ObjectiveRow.id)
        )
        if not rows:
            return None
        return await publish_student_policies(
            SqlSyncStore(engine), await _students_of(class_id), int(utcnow().timestamp() * 1000)
        )


async def mark_mastery(
    teacher: Principal,
    class_id: int,
    student_id: int,
    objective_id: int,
    mark: MasteryMark,
    ip: str,
) -> MasteryOut:
    """Write the teacher's mark on one objective into the student's space, and audit it.

    The caller checked that the class is the teacher's.
    """
    engine = ObjectiveRow._meta.db
    async with write_transaction(engine):
        if not await Enrolment.exists().where(
            (Enrolment.school_class == class_id) & (Enrolment.student == student_id)
        ):
            raise NotInClass(f"No student {student_id} in class {class_id}.")
        if not await ObjectiveRow.exists().where(
            (ObjectiveRow.id == objective_id) & (ObjectiveRow.school_class == class_id)
        ):
            raise NotInClass(f"Class {class_id} lists no objective {objective_id}.")
        now = utcnow()
        fields = MasteryFields(
            objective_id=objective_id,
            class_id=class_id,
            mastered=mark.mastered,
            evidence=mark.evidence.strip(),
            marked_by_name=teacher.display_name[:80],
            marked_at=now,
        )
        store = SqlSyncStore(engine)
        await store.lock_spaces([student_id])
        await write_server_record(
            store,
            kind=MASTERY,
            record_id=mastery_id(student_id, objective_id),
            space=student_id,
            fields=msgspec.to_builtins(fields),
            created_by=teacher.id,
            now_ms=int(now.timestamp() * 1000),
        )
        await audit(
            "objective.mastery_marked",
            actor=teacher.id,
            subject=student_id,
            ip=ip,
            class_id=class_id,
            objective_id=objective_id,
            mastered=mark.mastered,
        )
    return MasteryOut(
        student_id=student_id,
        objective_id=objective_id,
        class_id=class_id,
        mastered=fields.mastered,
        evidence=fields.evidence,
        marked_by_name=fields.marked_by_name,
        marked_at=now,
    )
