"""Guardian links: one-time invites, listing, revoking from either side."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from tests.integration.people import Person, classroom, parent_of, register, student_in


def test_parent_links_with_a_one_time_code(base_url: str) -> None:
    student = student_in(base_url, classroom(base_url))
    code = student.api.post("/api/guardian-invites", json={}).json()["code"]
    first = register(base_url, "parent")
    second = register(base_url, "parent")
    assert first.api.post("/api/guardian-links", json={"code": code}).status_code == 201
    reused = second.api.post("/api/guardian-links", json={"code": code})
    assert reused.status_code == 404
    assert "new one" in reused.json()["detail"]


def test_student_sees_their_parents_and_parent_sees_children(base_url: str) -> None:
    student = student_in(base_url, classroom(base_url))
    parent, _ = parent_of(base_url, student)
    assert [link["parent_id"] for link in student.api.get("/api/guardian-links").json()] == [
        parent.id
    ]
    assert [s["id"] for s in parent.api.get("/api/students").json()] == [student.id]


def test_teacher_can_issue_an_invite_for_a_student_of_their_class(base_url: str) -> None:
    room = classroom(base_url)
    student = student_in(base_url, room)
    invite = room.teacher.api.post("/api/guardian-invites", json={"student_id": student.id})
    assert invite.status_code == 201
    parent = register(base_url, "parent")
    linked = parent.api.post("/api/guardian-links", json={"code": invite.json()["code"]})
    assert linked.json()["student_id"] == student.id


def test_student_revokes_and_parent_loses_access_at_once(base_url: str) -> None:
    student = student_in(base_url, classroom(base_url))
    parent, link_id = parent_of(base_url, student)
    assert parent.api.get(f"/api/students/{student.id}").status_code == 200
    assert student.api.delete(f"/api/guardian-links/{link_id}").status_code == 204
    assert parent.api.get(f"/api/students/{student.id}").status_code == 404
    assert parent.api.get("/api/students").json() == []


def test_parent_can_revoke_too(base_url: str) -> None:
    student = student_in(base_url, classroom(base_url))
    parent, link_id = parent_of(base_url, student)
    assert parent.api.delete(f"/api/guardian-links/{link_id}").status_code == 204
    assert student.api.get("/api/guardian-links").json() == []


def test_one_code_redeemed_by_several_parents_at_once_links_exactly_one(base_url: str) -> None:
    """The invite race: parents redeeming the same code at the same moment. On PostgreSQL two
    transactions that both read the code as unused would each link a parent."""
    student = student_in(base_url, classroom(base_url))
    for _ in range(3):
        parents = [register(base_url, "parent") for _ in range(4)]
        code = student.api.post("/api/guardian-invites", json={}).json()["code"]
        start = threading.Barrier(len(parents))

        def redeem(parent: Person, code: str = code, start: threading.Barrier = start) -> int:
            start.wait()
            return parent.api.post("/api/guardian-links", json={"code": code}).status_code

        with ThreadPoolExecutor(max_workers=len(parents)) as pool:
            statuses = sorted(pool.map(redeem, parents))
        assert statuses.count(201) == 1, statuses
        assert set(statuses) == {201, 404}, statuses
    linked = [link["parent_id"] for link in student.api.get("/api/guardian-links").json()]
    assert len(linked) == len(set(linked)) == 3
