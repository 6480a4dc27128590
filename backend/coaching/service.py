"""Pace, nudges and the class overview against the database."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection
from typing import TYPE_CHECKING

from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.accounts.tables import User
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.coaching.coach import StudentInput, StudentOverview, class_overview, nudges_for
from backend.db import write_transaction
from backend.i18n import language_of
from backend.i18n.request_language import spoken
from backend.learner.store import learner_records
from backend.syncing.pokes import poke
from backend.syncing.store import SqlSyncStore
from sync import Record, hlc
from sync.approvals import SERVER_CLIENT_ID
from sync.push import write_record
from sync.records import NUDGE

if TYPE_CHECKING:
    # Only the type: the service is called with the app's plugin, it never builds one.
    from litestar.channels import ChannelsPlugin

log = logging.getLogger("waypoint.nudges")


async def student_inputs(student_ids: Collection[int]) -> list[StudentInput]:
    if not student_ids:
        return []
    people = await User.select(User.id, User.display_name, User.time_zone, User.locale).where(
        User.id.is_in(sorted(student_ids))
    )
    records = await learner_records(User._meta.db, [p["id"] for p in people])
    return [
        StudentInput(
            p["id"], p["display_name"], p["time_zone"], records[p["id"]], language_of(p["locale"])
        )
        for p in people
    ]


async def class_students(teacher_id: int, class_id: int) -> list[StudentInput] | None:
    """The students of one of the teacher's classes with their records; None if it is not
    theirs."""
    if not await SchoolClass.exists().where(
        (SchoolClass.id == class_id) & (SchoolClass.teacher == teacher_id)
    ):
        return None
    rows = await Enrolment.select(Enrolment.student).where(Enrolment.school_class == class_id)
    return await student_inputs([r["student"] for r in rows])


async def overviews_by_class(
    teacher: Principal, now: dt.datetime
) -> tuple[dict[int, str], dict[int, list[StudentOverview]]]:
    """The teacher's classes by id (their names), and each one's overview at `now`."""
    classes = await SchoolClass.select(SchoolClass.id, SchoolClass.name).where(
        (SchoolClass.teacher == teacher.id) & (SchoolClass.school == teacher.school_id)
    )
    names = {r["id"]: r["name"] for r in classes}
    enrolled = await Enrolment.select(Enrolment.school_class, Enrolment.student).where(
        Enrolment.school_class.is_in(list(names) or [0]) & (Enrolment.student != teacher.id)
    )
    inputs = {s.student_id: s for s in await student_inputs({e["student"] for e in enrolled})}
    rows = {
        class_id: class_overview(
            [
                inputs[e["student"]]
                for e in enrolled
                if e["school_class"] == class_id and e["student"] in inputs
            ],
            now,
            class_id,
            spoken(),
        )
        for class_id in names
    }
    return names, rows


async def create_due_nudges(now: dt.datetime, channels: ChannelsPlugin | None = None) -> int:
    """Create the nudges due now for every student; returns how many were created.

    Ids are derived from (student, kind, goal, local day), so a second worker or a rerun
    creates nothing twice.
    """
    students = await User.select(User.id).where(User.role == Role.STUDENT.value)
    inputs = await student_inputs([s["id"] for s in students])
    engine = User._meta.db
    # `now` is the moment the rules judge; the write itself happens at the real time, so its
    # clock orders correctly against the student's later edits (e.g. dismissing it).
    write_ms = int(utcnow().timestamp() * 1000)
    clock = hlc.tick(None, write_ms, SERVER_CLIENT_ID)
    created = 0
    touched: set[int] = set()
    for student in inputs:
        try:
            due = nudges_for(
                student.student_id,
                student.records,
                now=now,
                time_zone=student.time_zone,
                language=student.language,
            )
        except Exception:
            # One student's unusable data must not cost every other student their nudges.
            log.exception("nudges skipped for student %s", student.student_id)
            continue
        if not due:
            continue
        async with write_transaction(engine):
            store = SqlSyncStore(engine)
            for record_id, fields in due:
                if await store.get_record(NUDGE, record_id) is not None:
                    continue
                record = Record(
                    kind=NUDGE,
                    id=record_id,
                    space=student.student_id,
                    fields=fields,
                    clocks=dict.fromkeys(fields, clock),
                    created_by=student.student_id,
                    origin_client=SERVER_CLIENT_ID,
                )
                await write_record(store, record, write_ms)
                created += 1
                touched.add(student.student_id)
    if channels is not None and touched:
        await poke(channels, touched)
    return created
