"""The teacher's class overview (pace per student, this week's time, who is persistently behind)
and the teacher's day across classes (who needs them first)."""

from __future__ import annotations

from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest
from backend.accounts.roles import Role
from backend.approvals.service import queue_for
from backend.audit.log import client_ip, record
from backend.clock import utcnow
from backend.coaching import service
from backend.coaching.attention import Attention, needs_attention
from backend.coaching.coach import StudentOverview, class_overview
from backend.i18n.request_language import spoken


class OverviewController(Controller):
    path = "/api/classes/{class_id:int}/overview"
    tags = ["goals"]
    guards = [allow(Role.TEACHER)]

    @get("/")
    async def overview(
        self, request: AuthedRequest, class_id: FromPath[int]
    ) -> list[StudentOverview]:
        """Each student's goals in this class with pace status, this week's time and, of their
        other subjects, only the load; the persistently behind come first."""
        students = await service.class_students(request.user.id, class_id)
        if students is None:
            raise NotFoundException(detail=f"No class {class_id} of yours.")
        await record(
            "class.overview_read", actor=request.user.id, ip=client_ip(request), class_id=class_id
        )
        return class_overview(students, utcnow(), class_id, spoken())


class AttentionController(Controller):
    path = "/api/attention"
    tags = ["goals"]
    guards = [allow(Role.TEACHER)]

    @get("/")
    async def attention(self, request: AuthedRequest) -> list[Attention]:
        """Across all my classes, the students who need me: decisions waiting, persistently
        behind, no work logged for a week; most urgent first."""
        teacher = request.user
        now = utcnow()
        names, rows = await service.overviews_by_class(teacher, now)
        await record("teacher.attention_read", actor=teacher.id, ip=client_ip(request))
        return needs_attention(names, rows, await queue_for(teacher), now.date())
