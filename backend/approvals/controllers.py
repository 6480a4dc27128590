"""The teacher's approval queue, single and bulk decisions, and each class's policy."""

from __future__ import annotations

from litestar import Controller, get, post, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody

from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest, Principal
from backend.accounts.roles import Role
from backend.accounts.tables import User
from backend.approvals.lock_order import lock_order, placements
from backend.approvals.policies import POLICY_COLUMNS, policy_of, publish_student_policies
from backend.approvals.schemas import (
    ApprovalItem,
    DecisionBatch,
    DecisionReport,
    PolicyBody,
)
from backend.approvals.service import decider_of, queue_for
from backend.audit.log import client_ip, record
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.db import write_transaction
from backend.syncing.pokes import poke
from backend.syncing.store import SqlSyncStore
from sync.approvals import decide

TEACHER_ONLY = [allow(Role.TEACHER)]


class ApprovalController(Controller):
    path = "/api/approvals"
    tags = ["approvals"]
    guards = TEACHER_ONLY

    @get("/")
    async def queue(self, request: AuthedRequest) -> list[ApprovalItem]:
        """Everything waiting for this teacher, across their classes, oldest first: new goals
        and changes of goals in their classes, each under its own class's policy."""
        return await queue_for(request.user)

    @post("/decisions", status_code=200)
    async def decide_many(
        self,
        request: AuthedRequest,
        data: JSONBody[DecisionBatch],
        channels: NamedDependency[ChannelsPlugin],
    ) -> list[DecisionReport]:
        """Approve or return one or many items at once; each reports its own outcome.

        An item whose goal changed after the teacher looked is not applied ("stale"): the
        queue shows its current values so the teacher can decide again. Reports come in the
        order of the request, whatever order the items were applied in.
        """
        teacher = request.user
        # Only goals of the teacher's own classes, and changes mentees sent them for advice;
        # never the teacher's own goals (`teaching` and `mentees` leave those out).
        decider = await decider_of(teacher)
        engine = User._meta.db
        now_ms = int(utcnow().timestamp() * 1000)
        items = data.decisions
        reports: list[DecisionReport | None] = [None] * len(items)
        touched: set[int] = set()
        # Decisions take their locks in one order, so no lock cycle should form; if one still
        # does with some other writer, the app answers 503 with Retry-After, nothing applied.
        async with write_transaction(engine):
            store = SqlSyncStore(engine)
            for index in lock_order(items, await placements(items)):
                item = items[index]
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
                reports[index] = DecisionReport(
                    type=item.type,
                    id=item.id,
                    outcome=result.outcome,
                    message=result.message,
                    goal_version=result.goal_version,
                )
                if result.outcome in ("approved", "returned") and result.space is not None:
                    touched.add(result.space)
        decided = [report for report in reports if report is not None]
        for item, report in zip(items, decided, strict=True):
            if report.outcome in ("approved", "returned"):
                await record(
                    f"approval.{report.outcome}",
                    actor=teacher.id,
                    ip=client_ip(request),
                    item_type=item.type,
                    item_id=item.id,
                    comment=item.comment[:200],
                )
        if touched:
            await poke(channels, touched)
        return decided


async def _owned_policy(teacher: Principal, class_id: int) -> PolicyBody:
    rows = await SchoolClass.select(*POLICY_COLUMNS).where(
        (SchoolClass.id == class_id)
        & (SchoolClass.teacher == teacher.id)
        & (SchoolClass.school == teacher.school_id)
    )
    if not rows:
        raise NotFoundException(detail=f"No class {class_id} of yours.")
    policy = policy_of(rows[0])
    return PolicyBody(
        approve_new_goals=policy.approve_new_goals,
        approve_target_decrease=policy.approve_target_decrease,
        approve_abandon=policy.approve_abandon,
        deadline_shift_free_days=policy.deadline_shift_free_days,
    )


class PolicyController(Controller):
    path = "/api/classes/{class_id:int}/policy"
    tags = ["approvals"]
    guards = TEACHER_ONLY

    @get("/")
    async def get_policy(self, request: AuthedRequest, class_id: FromPath[int]) -> PolicyBody:
        """Which goal changes in this class wait for the teacher."""
        return await _owned_policy(request.user, class_id)

    @put("/")
    async def set_policy(
        self,
        request: AuthedRequest,
        class_id: FromPath[int],
        data: JSONBody[PolicyBody],
        channels: NamedDependency[ChannelsPlugin],
    ) -> PolicyBody:
        """Change the class's policy; it applies to changes that arrive from now on.

        Each student's devices get the policy their changes now meet on their next pull.
        """
        await _owned_policy(request.user, class_id)
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
            rows = await Enrolment.select(Enrolment.student).where(
                Enrolment.school_class == class_id
            )
            touched = await publish_student_policies(
                SqlSyncStore(engine),
                [r["student"] for r in rows],
                int(utcnow().timestamp() * 1000),
            )
        if touched:
            await poke(channels, touched)
        await record(
            "class.policy_changed", actor=request.user.id, ip=client_ip(request), class_id=class_id
        )
        return await _owned_policy(request.user, class_id)
