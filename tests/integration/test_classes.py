"""Classes, join codes and rosters."""

from __future__ import annotations

from tests.integration.people import PASSWORD, classroom, register, student_in


def test_teacher_sees_roster_of_own_class(base_url: str) -> None:
    room = classroom(base_url)
    a = student_in(base_url, room)
    b = student_in(base_url, room)
    roster = room.teacher.api.get(f"/api/classes/{room.class_id}/students").json()
    assert [r["student_id"] for r in roster] == [a.id, b.id]


def test_rotated_join_code_stops_the_old_one(base_url: str) -> None:
    room = classroom(base_url)
    rotated = room.teacher.api.post(f"/api/classes/{room.class_id}/join-code").json()
    assert rotated["join_code"] != room.join_code
    late = register(base_url, "teacher")  # any signed-in student-to-be; use the register path
    response = late.api.post(
        "/api/auth/register",
        json={
            "role": "student",
            "login": "x" + room.join_code.lower(),
            "password": PASSWORD,
            "display_name": "Late",
            "join_code": room.join_code,
        },
    )
    assert response.status_code == 404
    student = register(base_url, "student", join_code=rotated["join_code"])
    assert student.api.get(f"/api/classes/{room.class_id}").status_code == 200


def test_student_joins_a_second_class_once(base_url: str) -> None:
    first, second = classroom(base_url), classroom(base_url)
    student = student_in(base_url, first)
    assert (
        student.api.post("/api/classes/join", json={"join_code": second.join_code}).status_code
        == 201
    )
    again = student.api.post("/api/classes/join", json={"join_code": second.join_code})
    assert again.status_code == 409
    assert {c["id"] for c in student.api.get("/api/classes").json()} == {
        first.class_id,
        second.class_id,
    }
