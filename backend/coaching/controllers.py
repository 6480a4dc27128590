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
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.coaching.attention import Attention, needs_attention
from backend.coaching.coach import StudentOverview, class_overview
from backend.coaching.service import student_inputs


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
        if not await SchoolClass.exists().where(
            (SchoolClass.id == class_id) & (SchoolClass.teacher == request.user.id)
        ):
            raise NotFoundException(detail=f"No class {class_id} of yours.")
        rows = await Enrolment.select(Enrolment.student).where(Enrolment.school_class == class_id)
        students = await student_inputs([r["student"] for r in rows])
        await record(
            "class.overview_read", actor=request.user.id, ip=client_ip(request), class_id=class_id
        )
        return class_overview(students, utcnow(), class_id)


class AttentionController(Controller):
    path = "/api/attention"
    tags = ["goals"]
    guards = [allow(Role.TEACHER)]

    @get("/")
    async def attention(self, request: AuthedRequest) -> list[Attention]:
        """Across all my classes, the students who need me: decisions waiting, persistently
        behind, no work logged for a week; most urgent first."""
        teacher = request.user
        classes = await SchoolClass.select(SchoolClass.id, SchoolClass.name).where(
            (SchoolClass.teacher == teacher.id) & (SchoolClass.school == teacher.school_id)
        )
        names = {r["id"]: r["name"] for r in classes}
        enrolled = await Enrolment.select(Enrolment.school_class, Enrolment.student).where(
            Enrolment.school_class.is_in(list(names) or [0]) & (Enrolment.student != teacher.id)
        )
        inputs = {s.student_id: s for s in await student_inputs({e["student"] for e in enrolled})}
        now = utcnow()
        rows = {
            class_id: class_overview(
                [
                    inputs[e["student"]]
                    for e in enrolled
                    if e["school_class"] == class_id and e["student"] in inputs
                ],
                now,
                class_id,
            )
            for class_id in names
        }
        await record("teacher.attention_read", actor=teacher.id, ip=client_ip(request))
        return needs_attention(names, rows, await queue_for(teacher), now.date())
