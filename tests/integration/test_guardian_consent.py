"""Guardian links the student sees: a teacher's invite makes a link that waits for the student
(or the school's administrator, with consent on record); the student sees everyone who can see
their data, and since when."""

from __future__ import annotations

import uuid
from typing import Any

from tests.integration.client import Api
from tests.integration.people import (
    PASSWORD,
    Classroom,
    Person,
    administrator,
    classroom,
    parent_of,
    register,
    student_in,
)
from tests.integration.syncing import goal_args, new_client_id, pull_all, push


def _teacher_made_link(base_url: str) -> tuple[Classroom, Person, Person, int]:
    """A student with a goal, and a parent who redeemed the teacher's invite for them."""
    room = classroom(base_url)
    student = student_in(base_url, room)
    client = new_client_id()
    assert student.api.put(f"/api/devices/{client}", json={}).status_code == 200
    assert push(student.api, client, (1, "goal.create", goal_args(str(uuid.uuid4())))).is_success
    invite = room.teacher.api.post("/api/guardian-invites", json={"student_id": student.id})
    assert invite.status_code == 201
    assert invite.json()["needs_confirmation"] is True
    parent = register(base_url, "parent")
    link = parent.api.post("/api/guardian-links", json={"code": invite.json()["code"]})
    assert link.status_code == 201, link.text
    assert link.json()["status"] == "pending"
    assert link.json()["student_name"] == ""
    return room, student, parent, int(link.json()["id"])


def _what_the_parent_sees(base_url: str, parent: Person, student: Person) -> dict[str, Any]:
    client = new_client_id()
    assert parent.api.put(f"/api/devices/{client}", json={}).status_code == 200
    changes, _ = pull_all(parent.api, client)
    preview = student.api.get("/api/digests/preview").json()
    return {
        "children": [s["id"] for s in parent.api.get("/api/students").json()],
        "profile": parent.api.get(f"/api/students/{student.id}").status_code,
        "pulled": sorted({c["space"] for c in changes}),
        "in_digest_recipients": any(
            r["name"] == parent.login.title() for r in preview["recipients"]
        ),
    }


def test_a_parent_from_a_teachers_invite_sees_nothing_until_the_student_confirms(
    base_url: str,
) -> None:
    _, student, parent, link_id = _teacher_made_link(base_url)
    assert _what_the_parent_sees(base_url, parent, student) == {
        "children": [],
        "profile": 404,
        "pulled": [],
        "in_digest_recipients": False,
    }
    confirmed = student.api.post(
        f"/api/guardian-links/{link_id}/confirm", json={"password": PASSWORD}
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["status"] == "confirmed"
    assert _what_the_parent_sees(base_url, parent, student) == {
        "children": [student.id],
        "profile": 200,
        "pulled": [student.id],
        "in_digest_recipients": True,
    }


def test_the_student_is_told_and_asked_with_their_password(base_url: str) -> None:
    room, student, parent, link_id = _teacher_made_link(base_url)
    [pending] = [v for v in student.api.get("/api/me/viewers").json() if v["kind"] == "parent"]
    assert pending["status"] == "pending"
    assert pending["link_id"] == link_id
    assert pending["user_id"] == parent.id
    assert pending["invited_by_name"] == room.teacher.login.title()
    assert pending["since"] is None
    wrong = student.api.post(
        f"/api/guardian-links/{link_id}/confirm", json={"password": "not my password"}
    )
    assert wrong.status_code == 403
    assert parent.api.get("/api/students").json() == []


def test_the_student_declines_and_the_parent_never_sees_them(base_url: str) -> None:
    _, student, parent, link_id = _teacher_made_link(base_url)
    assert student.api.delete(f"/api/guardian-links/{link_id}").status_code == 204
    assert parent.api.get("/api/guardian-links").json() == []
    assert parent.api.get(f"/api/students/{student.id}").status_code == 404


def test_the_administrator_confirms_for_a_young_student_with_the_schools_consent(
    base_url: str,
) -> None:
    _, student, parent, link_id = _teacher_made_link(base_url)
    admin = administrator(base_url)
    confirmed = admin.api.post(
        f"/api/school/guardian-links/{link_id}/confirm",
        json={"consent_note": "signed consent form, 2 September"},
    )
    assert confirmed.status_code == 200, confirmed.text
    assert (confirmed.json()["status"], confirmed.json()["consent"]) == ("confirmed", "school")
    assert [s["id"] for s in parent.api.get("/api/students").json()] == [student.id]
    [viewer] = [v for v in student.api.get("/api/me/viewers").json() if v["kind"] == "parent"]
    assert (viewer["status"], viewer["consent"]) == ("confirmed", "school")
    assert viewer["since"] is not None


def test_a_link_from_the_students_own_code_needs_no_confirmation(base_url: str) -> None:
    student = student_in(base_url, classroom(base_url))
    parent, _ = parent_of(base_url, student)
    assert [s["id"] for s in parent.api.get("/api/students").json()] == [student.id]
    [viewer] = [v for v in student.api.get("/api/me/viewers").json() if v["kind"] == "parent"]
    assert (viewer["status"], viewer["consent"]) == ("confirmed", "student")


def test_the_student_sees_every_teacher_and_parent_who_can_see_their_data(base_url: str) -> None:
    room = classroom(base_url)
    student = student_in(base_url, room)
    parent, link_id = parent_of(base_url, student)
    viewers = student.api.get("/api/me/viewers").json()
    assert [(v["kind"], v["user_id"], v["status"]) for v in viewers] == [
        ("parent", parent.id, "confirmed"),
        ("teacher", room.teacher.id, "confirmed"),
    ]
    assert viewers[1]["class_name"] == "Algebra"
    assert all(v["since"] for v in viewers)
    assert student.api.delete(f"/api/guardian-links/{link_id}").status_code == 204
    assert [v["kind"] for v in student.api.get("/api/me/viewers").json()] == ["teacher"]


def test_an_administrator_of_another_school_cannot_confirm(base_url: str) -> None:
    from tests.integration.people import school_admin

    _, _, parent, link_id = _teacher_made_link(base_url)
    stranger = school_admin(base_url)
    refused = stranger.api.post(
        f"/api/school/guardian-links/{link_id}/confirm", json={"consent_note": "no consent"}
    )
    assert refused.status_code == 404
    assert parent.api.get("/api/students").json() == []
    assert Api(base_url).get("/api/me/viewers").status_code == 401
