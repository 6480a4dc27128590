"""Security-relevant events land in the audit log."""

from __future__ import annotations

from tests.integration.client import Api
from tests.integration.database import query
from tests.integration.people import classroom, parent_of, student_in
from tests.integration.servers import Server


def _actions(server: Server, subject: int) -> list[str]:
    rows = query(server, "SELECT action FROM audit_event WHERE subject = $1 ORDER BY id", subject)
    return [r["action"] for r in rows]


def test_login_failure_is_audited(server: Server) -> None:
    student = student_in(server.base_url, classroom(server.base_url))
    Api(server.base_url).post(
        "/api/auth/login", json={"login": student.login, "password": "wrong-password"}
    )
    assert "login.failed" in _actions(server, student.id)


def test_links_made_revoked_and_reads_are_audited(server: Server) -> None:
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    parent, link_id = parent_of(server.base_url, student)
    parent.api.get(f"/api/students/{student.id}")
    room.teacher.api.get(f"/api/students/{student.id}")
    student.api.delete(f"/api/guardian-links/{link_id}")
    assert _actions(server, student.id) == [
        "guardian.invite_issued",
        "guardian.linked",
        "student.read",
        "student.read",
        "guardian.unlinked",
    ]
