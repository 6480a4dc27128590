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
from backend.approvals import service
from backend.approvals.schemas import (
    ApprovalItem,
    DecisionBatch,
    DecisionReport,
    PolicyBody,
)
from backend.audit.log import client_ip, record
from backend.syncing.pokes import poke

TEACHER_ONLY = [allow(Role.TEACHER)]


class ApprovalController(Controller):
    path = "/api/approvals"
    tags = ["approvals"]
    guards = TEACHER_ONLY

    @get("/")
    async def queue(self, request: AuthedRequest) -> list[ApprovalItem]:
        """Everything waiting for this teacher, across their classes, oldest first: new goals
        and changes of goals in their classes, each under its own class's policy."""
        return await service.queue_for(request.user)

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
        items = data.decisions
        decided, touched = await service.decide_many(teacher, items)
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
    try:
        return await service.owned_policy(teacher, class_id)
    except service.ClassNotFound as exc:
        raise NotFoundException(detail=str(exc)) from None


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
        touched = await service.set_policy(class_id, data)
        if touched:
            await poke(channels, touched)
        await record(
            "class.policy_changed", actor=request.user.id, ip=client_ip(request), class_id=class_id
        )
        return await _owned_policy(request.user, class_id)
