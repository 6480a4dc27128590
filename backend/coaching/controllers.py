"""The teacher's class overview: pace per student, this week's time, who is persistently behind."""

from __future__ import annotations

from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest
from backend.accounts.roles import Role
from backend.audit.log import client_ip, record
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
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
        """Each student's goals with pace status and this week's time; the persistently behind
        come first."""
        if not await SchoolClass.exists().where(
            (SchoolClass.id == class_id) & (SchoolClass.teacher == request.user.id)
        ):
            raise NotFoundException(detail=f"No class {class_id} of yours.")
        rows = await Enrolment.select(Enrolment.student).where(Enrolment.school_class == class_id)
        students = await student_inputs([r["student"] for r in rows])
        await record(
            "class.overview_read", actor=request.user.id, ip=client_ip(request), class_id=class_id
        )
        return class_overview(students, utcnow())
