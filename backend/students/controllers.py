"""Students as the people allowed to see them see them: self, linked parents, their teachers."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, get
from litestar.params import FromPath

from backend.access import require_student_visible, visible_student_ids
from backend.accounts.principal import AuthedRequest
from backend.accounts.roles import Role
from backend.accounts.tables import User
from backend.audit.log import client_ip, record


class StudentProfile(msgspec.Struct, kw_only=True):
    id: int
    display_name: str
    login: str
    time_zone: str


def _profile(row: dict[str, Any]) -> StudentProfile:
    return StudentProfile(
        id=row["id"],
        display_name=row["display_name"],
        login=row["login"],
        time_zone=row["time_zone"],
    )


_COLUMNS = (User.id, User.display_name, User.login, User.time_zone)


class StudentController(Controller):
    path = "/api/students"
    tags = ["students"]

    @get("/")
    async def list_students(self, request: AuthedRequest) -> list[StudentProfile]:
        """Every student the caller may see."""
        ids = await visible_student_ids(request.user)
        if not ids:
            return []
        rows = await User.select(*_COLUMNS).where(User.id.is_in(sorted(ids))).order_by(User.id)
        return [_profile(r) for r in rows]

    @get("/{student_id:int}")
    async def get_student(
        self, request: AuthedRequest, student_id: FromPath[int]
    ) -> StudentProfile:
        """One student; a read by a teacher or parent is audited."""
        user = request.user
        await require_student_visible(user, student_id)
        if user.role is not Role.STUDENT:
            await record("student.read", actor=user.id, subject=student_id, ip=client_ip(request))
        rows = await User.select(*_COLUMNS).where(User.id == student_id)
        return _profile(rows[0])
