"""Students as the people allowed to see them see them: self, linked parents, their teachers."""

from __future__ import annotations

from litestar import Controller, get
from litestar.params import FromPath

from backend.access import require_student_visible, visible_student_ids
from backend.accounts.principal import AuthedRequest
from backend.accounts.roles import Role
from backend.audit.log import client_ip, record
from backend.students import service
from backend.students.schemas import StudentProfile


class StudentController(Controller):
    path = "/api/students"
    tags = ["students"]

    @get("/")
    async def list_students(self, request: AuthedRequest) -> list[StudentProfile]:
        """Every student the caller may see."""
        return await service.profiles(await visible_student_ids(request.user))

    @get("/{student_id:int}")
    async def get_student(
        self, request: AuthedRequest, student_id: FromPath[int]
    ) -> StudentProfile:
        """One student; a read by a teacher or parent is audited."""
        user = request.user
        await require_student_visible(user, student_id)
        if user.role is not Role.STUDENT:
            await record("student.read", actor=user.id, subject=student_id, ip=client_ip(request))
        return await service.profile(student_id)
