"""The teacher's approval queue, decisions and class policies against the database."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from backend.access import mentees, teaching
from backend.accounts.principal import Principal
from backend.accounts.tables import User
from backend.approvals.lock_order import lock_order, placements
from backend.approvals.policies import POLICY_COLUMNS, policy_of, publish_student_policies
from backend.approvals.queue import build_queue
from backend.approvals.schemas import ApprovalItem, DecisionItem, DecisionReport, PolicyBody
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.db import write_transaction
from backend.syncing.store import SqlSyncStore
from sync.approvals import decide
from sync.policy import class_of
from sync.records import CHANGE_REQUEST, GOAL, Record


def in_classes(taught: Mapping[int, frozenset[int]], goal: Record) -> bool:
    """Whether a goal is in one of the classes through which the teacher sees its student."""
    return class_of(goal.fields) in taught.get(goal.space, frozenset())


def for_mentor(request: Record | None) -> bool:
    """Whether a change request is one the student sent their mentor for advice."""
    return request is not None and request.fields.get("reviewer") == "mentor"


class Decider:
    """Whose decision an item is: a goal of one of my classes, or, for a student I mentor, a
    change of a personal goal they sent me for advice."""

    def __init__(self, taught: Mapping[int, frozenset[int]], mentored: set[int]) -> None:
        self.taught = taught
        self.mentored = mentored
        self.spaces = frozenset(set(taught) | mentored)

    def may_decide(self, goal: Record, request: Record | None) -> bool:
        if for_mentor(request):
            return goal.space in self.mentored
        return in_classes(self.taught, goal)


async def decider_of(user: Principal) -> Decider:
    return Decider(await teaching(user), await mentees(user))


async def _names(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = await User.select(User.id, User.display_name).where(User.id.is_in(sorted(ids)))
    return {r["id"]: r["display_name"] for r in rows}


async def queue_for(teacher: Principal) -> list[ApprovalItem]:
    """Everything waiting for this teacher, across their classes, oldest first: new goals
    and changes of goals in their classes, each under its own class's policy."""
    decider = await decider_of(teacher)
    store = SqlSyncStore(User._meta.db)
    goals = await store.live_records(GOAL, decider.spaces)
    requests = await store.live_records(CHANGE_REQUEST, decider.spaces)
    classes = await SchoolClass.select(SchoolClass.id, SchoolClass.name).where(
        SchoolClass.teacher == teacher.id
    )
    names = {r["id"]: r["name"] for r in classes}
    by_id = {g.id: g for g in goals}
    mine = [
        r
        for r in requests
        if (goal := by_id.get(str(r.fields.get("goal_id")))) is not None
        and decider.may_decide(goal, r)
    ]
    ours = [g for g in goals if decider.may_decide(g, None)]
    # New goals of my classes, and the changes that are mine to decide (their goals come along
    # for the current values, never as new-goal items of their own).
    items = build_queue(goals, mine, await _names(set(decider.spaces)), utcnow(), names)
    return [i for i in items if i.type == "change_request" or i.id in {g.id for g in ours}]


class ClassNotFound(LookupError):
    """Not one of the teacher's classes."""


async def _decide_one(
    store: SqlSyncStore, item: DecisionItem, teacher: Principal, decider: Decider, now_ms: int
) -> tuple[DecisionReport, int | None]:
    result = await decide(
        store,
        item_type=item.type,
        item_id=item.id,
        decision=item.decision,
        seen_goal_version=item.goal_version,
        comment=item.comment.strip(),
        decided_by=teacher.id,
        allowed_spaces=decider.spaces,
        now_ms=now_ms,
        may_decide=decider.may_decide,
    )
    report = DecisionReport(
        type=item.type,
        id=item.id,
        outcome=result.outcome,
        message=result.message,
        goal_version=result.goal_version,
    )
    applied = result.outcome in ("approved", "returned") and result.space is not None
    return report, result.space if applied else None


async def decide_many(
    teacher: Principal, items: Sequence[DecisionItem]
) -> tuple[list[DecisionReport], set[int]]:
    """Apply the teacher's decisions in one write transaction.

    Returns a report per item, in the order of `items`, and the spaces the decisions touched.
    """
    # Only goals of the teacher's own classes, and changes mentees sent them for advice;
    # never the teacher's own goals (`teaching` and `mentees` leave those out).
    decider = await decider_of(teacher)
    engine = User._meta.db
    now_ms = int(utcnow().timestamp() * 1000)
    reports: list[DecisionReport | None] = [None] * len(items)
    touched: set[int] = set()
    # Decisions take their locks in one order, so no lock cycle should form; if one still
    # does with some other writer, the app answers 503 with Retry-After, nothing applied.
    async with write_transaction(engine):
        store = SqlSyncStore(engine)
        for index in lock_order(items, await placements(items)):
            reports[index], space = await _decide_one(store, items[index], teacher, decider, now_ms)
            if space is not None:
                touched.add(space)
    return [report for report in reports if report is not None], touched


async def owned_policy(teacher: Principal, class_id: int) -> PolicyBody:
    """The policy of one of the teacher's classes in their school."""
    rows = await SchoolClass.select(*POLICY_COLUMNS).where(
        (SchoolClass.id == class_id)
        & (SchoolClass.teacher == teacher.id)
        & (SchoolClass.school == teacher.school_id)
    )
    if not rows:
        raise ClassNotFound(f"No class {class_id} of yours.")
    policy = policy_of(rows[0])
    return PolicyBody(
        approve_new_goals=policy.approve_new_goals,
        approve_target_decrease=policy.approve_target_decrease,
        approve_abandon=policy.approve_abandon,
        deadline_shift_free_days=policy.deadline_shift_free_days,
    )


async def set_policy(class_id: int, data: PolicyBody) -> frozenset[int]:
    """Change a class's policy and republish its students' policies in one write transaction;
    returns the spaces to poke."""
    engine = SchoolClass._meta.db
    async with write_transaction(engine):
        await SchoolClass.update(
            {
                SchoolClass.approve_new_goals: data.approve_new_goals,
                SchoolClass.approve_target_decrease: data.approve_target_decrease,
                SchoolClass.approve_abandon: data.approve_abandon,
                SchoolClass.deadline_shift_free_days: data.deadline_shift_free_days,
            }
        ).where(SchoolClass.id == class_id)
        rows = await Enrolment.select(Enrolment.student).where(Enrolment.school_class == class_id)
        return await publish_student_policies(
            SqlSyncStore(engine),
            [r["student"] for r in rows],
            int(utcnow().timestamp() * 1000),
        )
