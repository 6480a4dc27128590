"""A school: its administrator (made on the command line), invited teachers, and the people
an administrator manages. Nobody becomes a teacher by saying so."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.integration.client import Api
from tests.integration.people import (
    PASSWORD,
    Person,
    administrator,
    classroom,
    parent_of,
    register,
    school_admin,
    sign_in,
    student_in,
    teacher_invite,
    unique_login,
)
from tests.integration.syncing import goal_args, new_client_id, push

NEW_PASSWORD = "a brand new passphrase"


@pytest.fixture(scope="module")
def other_school(base_url: str) -> Person:
    """The administrator of a second school on the same server."""
    return school_admin(base_url, school=f"Lyceum {uuid.uuid4().hex[:6]}")


def _register(base_url: str, **body: object) -> tuple[int, Any]:
    response = Api(base_url).post(
        "/api/auth/register",
        json={"login": unique_login("x"), "password": PASSWORD, "display_name": "X", **body},
    )
    return response.status_code, response.json()


def test_nobody_becomes_a_teacher_without_an_invitation(base_url: str) -> None:
    status, body = _register(base_url, role="teacher")
    assert status == 400
    assert body["errors"][0]["field"] == "invite_code"
    assert "administrator" in body["errors"][0]["message"]


def test_nobody_registers_an_administrator(base_url: str) -> None:
    status, body = _register(base_url, role="admin")
    assert status == 400
    assert "waypoint admin create" in body["errors"][0]["message"]


def test_timur_cannot_make_himself_a_teacher_and_approve_his_own_goal(base_url: str) -> None:
    room = classroom(base_url)
    timur = student_in(base_url, room)
    client = new_client_id()
    assert timur.api.put(f"/api/devices/{client}", json={}).status_code == 200
    goal_id = str(uuid.uuid4())
    assert (
        push(
            timur.api, client, (1, "goal.create", goal_args(goal_id, class_id=room.class_id))
        ).status_code
        == 200
    )
    # His would-be teacher account is refused; only the class's real teacher sees the goal.
    status, _ = _register(base_url, role="teacher", login=unique_login("timurt"))
    assert status == 400
    queue = room.teacher.api.get("/api/approvals").json()
    assert [item["goal_id"] for item in queue] == [goal_id]


def test_an_invited_teacher_joins_the_administrators_school(
    base_url: str, other_school: Person
) -> None:
    admin = other_school
    school = admin.api.get("/api/me").json()
    assert school["role"] == "admin"
    teacher = register(base_url, "teacher", invite_code=teacher_invite(admin))
    me = teacher.api.get("/api/me").json()
    assert (me["school_id"], me["school_name"]) == (school["school_id"], school["school_name"])
    staff = [(a["role"], a["id"]) for a in admin.api.get("/api/school/accounts").json()]
    assert staff[0] == ("admin", admin.id)
    assert ("teacher", teacher.id) in staff
    assert ("teacher", teacher.id) not in [
        (a["role"], a["id"]) for a in administrator(base_url).api.get("/api/school/accounts").json()
    ]


def test_an_invitation_code_makes_one_teacher_only(base_url: str) -> None:
    code = teacher_invite(administrator(base_url))
    register(base_url, "teacher", invite_code=code)
    status, body = _register(base_url, role="teacher", invite_code=code)
    assert status == 400
    assert body["errors"][0]["field"] == "invite_code"


def test_an_invitation_code_used_by_several_at_once_makes_one_teacher(base_url: str) -> None:
    """The invite race: on PostgreSQL, registrations that all read the code as unused would
    each make a teacher, unless the code is claimed under its row lock."""
    admin = administrator(base_url)
    for _ in range(3):
        code = teacher_invite(admin)
        start = threading.Barrier(4)

        def use(_: int, code: str = code, start: threading.Barrier = start) -> int:
            start.wait()
            return _register(base_url, role="teacher", invite_code=code)[0]

        with ThreadPoolExecutor(max_workers=4) as pool:
            statuses = sorted(pool.map(use, range(4)))
        assert statuses == [201, 400, 400, 400]


def test_students_join_classes_of_their_own_school_only(
    base_url: str, other_school: Person
) -> None:
    mine = classroom(base_url)
    theirs = classroom(base_url, admin=other_school)
    student = student_in(base_url, mine)
    joined = student.api.post("/api/classes/join", json={"join_code": theirs.join_code})
    assert joined.status_code == 404
    assert student.api.get("/api/classes").json()[0]["id"] == mine.class_id


def test_the_administrator_sees_classes_and_guardian_links_of_the_school(
    base_url: str, other_school: Person
) -> None:
    admin = administrator(base_url)
    room = classroom(base_url)
    student = student_in(base_url, room)
    parent, link_id = parent_of(base_url, student)
    theirs = classroom(base_url, admin=other_school)
    parent_of(base_url, student_in(base_url, theirs))
    classes = {c["id"]: c for c in admin.api.get("/api/school/classes").json()}
    assert (classes[room.class_id]["teacher_id"], classes[room.class_id]["students"]) == (
        room.teacher.id,
        1,
    )
    assert theirs.class_id not in classes
    links = admin.api.get("/api/school/guardian-links").json()
    assert (link_id, parent.id, "confirmed") in [
        (link["id"], link["parent_id"], link["status"]) for link in links
    ]
    assert {
        link["student_id"] for link in other_school.api.get("/api/school/guardian-links").json()
    } == {s["id"] for s in theirs.teacher.api.get("/api/students").json()}
    people = {a["id"]: a["role"] for a in admin.api.get("/api/school/accounts").json()}
    assert people[student.id] == "student"
    assert parent.id not in people


def test_a_deactivated_account_is_signed_out_and_cannot_sign_in(base_url: str) -> None:
    admin = administrator(base_url)
    room = classroom(base_url)
    other_device = sign_in(base_url, room.teacher.login)
    off = admin.api.post(f"/api/school/accounts/{room.teacher.id}/deactivate")
    assert off.status_code == 200
    assert off.json()["active"] is False
    assert room.teacher.api.get("/api/me").status_code == 401
    assert other_device.api.get("/api/me").status_code == 401
    refused = Api(base_url).post(
        "/api/auth/login", json={"login": room.teacher.login, "password": PASSWORD}
    )
    assert refused.status_code == 403
    assert "deactivated" in refused.json()["detail"]
    assert admin.api.post(f"/api/school/accounts/{room.teacher.id}/activate").status_code == 200
    assert sign_in(base_url, room.teacher.login).api.get("/api/me").status_code == 200


def test_an_administrator_cannot_touch_another_schools_accounts(
    base_url: str, other_school: Person
) -> None:
    stranger = other_school
    room = classroom(base_url)
    student = student_in(base_url, room)
    for action in ("deactivate", "password-reset"):
        response = stranger.api.post(f"/api/school/accounts/{student.id}/{action}")
        assert response.status_code == 404
    assert student.api.get("/api/me").status_code == 200


def test_a_reset_code_lets_a_student_set_a_new_password_once(base_url: str) -> None:
    admin = administrator(base_url)
    student = student_in(base_url, classroom(base_url))
    issued = admin.api.post(f"/api/school/accounts/{student.id}/password-reset")
    assert issued.status_code == 201
    code = issued.json()["code"]
    assert issued.json()["login"] == student.login
    fresh = Api(base_url)
    body = {"login": student.login, "code": code.lower(), "new_password": NEW_PASSWORD}
    redeemed = fresh.post("/api/auth/password-reset", json=body)
    assert redeemed.status_code == 200, redeemed.text
    assert redeemed.json()["id"] == student.id
    assert fresh.get("/api/me").status_code == 200
    # Whoever was signed in with the old password is out, and the old password is dead.
    assert student.api.get("/api/me").status_code == 401
    old = Api(base_url).post("/api/auth/login", json={"login": student.login, "password": PASSWORD})
    assert old.status_code == 401
    assert sign_in(base_url, student.login, NEW_PASSWORD).id == student.id
    again = Api(base_url).post("/api/auth/password-reset", json=body)
    assert again.status_code == 401


def test_a_reset_code_works_only_with_its_own_login(base_url: str) -> None:
    admin = administrator(base_url)
    room = classroom(base_url)
    student, other = student_in(base_url, room), student_in(base_url, room)
    code = admin.api.post(f"/api/school/accounts/{student.id}/password-reset").json()["code"]
    body = {"login": other.login, "code": code, "new_password": NEW_PASSWORD}
    assert Api(base_url).post("/api/auth/password-reset", json=body).status_code == 401
    assert sign_in(base_url, other.login).id == other.id
