"""Learning objectives and mastery: a class lists its objectives (typed in or from CSV), a goal
targets them, the teacher marks one mastered with its evidence, and the student, the mentor and
the parents see it; a teacher of another class does not. Marks count towards goals counted in
objectives, and every mark is audited."""

from __future__ import annotations

import uuid
from typing import Any

from tests.integration.database import query
from tests.integration.people import (
    Classroom,
    Person,
    administrator,
    classroom,
    parent_of,
    register,
    student_in,
)
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, pull_all, push

CSV = "Code;Title\nA.1;Solve linear equations\nA.2;Factor quadratics\n\nA.3;Sketch parabolas\n"


def _held(person: Person, kind: str) -> list[dict[str, Any]]:
    changes, _ = pull_all(person.api, new_client_id())
    return [c["fields"] for c in changes if c["kind"] == kind and not c["deleted"]]


def _objectives(room: Classroom) -> list[dict[str, Any]]:
    imported = room.teacher.api.post(
        f"/api/classes/{room.class_id}/objectives/import", json={"csv": CSV}
    )
    assert imported.status_code == 201, imported.text
    added: list[dict[str, Any]] = imported.json()["added"]
    return added


def _mark(room: Classroom, student: Person, objective: int, **body: Any) -> Any:
    return room.teacher.api.put(
        f"/api/classes/{room.class_id}/students/{student.id}/objectives/{objective}",
        json={"mastered": True, **body},
    )


def test_objectives_come_from_csv_once_and_reach_the_students_devices(server: Server) -> None:
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    added = _objectives(room)
    assert [(o["code"], o["title"]) for o in added] == [
        ("A.1", "Solve linear equations"),
        ("A.2", "Factor quadratics"),
        ("A.3", "Sketch parabolas"),
    ]
    again = room.teacher.api.post(
        f"/api/classes/{room.class_id}/objectives/import", json={"csv": CSV}
    ).json()
    assert (again["added"], again["already_listed"]) == ([], 3)
    typed = room.teacher.api.post(
        f"/api/classes/{room.class_id}/objectives", json={"title": "Use the discriminant"}
    )
    assert typed.status_code == 201, typed.text

    twice = room.teacher.api.post(
        f"/api/classes/{room.class_id}/objectives", json={"title": "Use  the discriminant"}
    )
    assert twice.status_code == 409, twice.text
    listed = room.teacher.api.get(f"/api/classes/{room.class_id}/objectives").json()
    assert [o["title"] for o in listed][-1] == "Use the discriminant"
    [policy] = _held(student, "policy")
    terms = policy["classes"][str(room.class_id)]
    assert [o["title"] for o in terms["objectives"]] == [o["title"] for o in listed]

    removed = room.teacher.api.delete(
        f"/api/classes/{room.class_id}/objectives/{typed.json()['id']}"
    )
    assert removed.status_code == 204, removed.text
    [policy] = _held(student, "policy")
    assert len(policy["classes"][str(room.class_id)]["objectives"]) == 3


def test_a_csv_that_cannot_be_read_is_refused_naming_the_row(server: Server) -> None:
    room = classroom(server.base_url)
    bad = room.teacher.api.post(
        f"/api/classes/{room.class_id}/objectives/import",
        json={"csv": "code,title\nB.1,Fine\nB.2,,extra column\n"},
    )
    assert bad.status_code == 400, bad.text
    assert "row 3" in bad.json()["detail"] + str(bad.json().get("errors"))
    assert room.teacher.api.get(f"/api/classes/{room.class_id}/objectives").json() == []
    other = classroom(server.base_url)
    foreign = other.teacher.api.post(
        f"/api/classes/{room.class_id}/objectives", json={"title": "Not my class"}
    )
    assert foreign.status_code == 404, foreign.text


def test_a_mastery_mark_reaches_student_mentor_parent_not_another_class(server: Server) -> None:
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    literature = classroom(server.base_url)
    joined = student.api.post("/api/classes/join", json={"join_code": literature.join_code})
    assert joined.status_code == 201, joined.text
    parent, _ = parent_of(server.base_url, student)
    mentor = register(server.base_url, "teacher")
    assigned = administrator(server.base_url).api.put(
        f"/api/students/{student.id}/mentor", json={"mentor_id": mentor.id}
    )
    assert assigned.is_success, assigned.text
    objectives = _objectives(room)
    first, second = objectives[0]["id"], objectives[1]["id"]
    goal_id = str(uuid.uuid4())
    created = push(
        student.api,
        new_client_id(),
        (
            1,
            "goal.create",
            goal_args(
                goal_id,
                title="Quadratics unit",
                unit="objectives",
                target=2,
                class_id=room.class_id,
                objectives=[first, second],
                deadline="2027-03-31",
            ),
        ),
    )
    assert created.json()["results"][0]["outcome"] == "applied", created.text
    [item] = [i for i in room.teacher.api.get("/api/approvals").json() if i["id"] == goal_id]
    approved = room.teacher.api.post(
        "/api/approvals/decisions",
        json={
            "decisions": [
                {
                    "type": "new_goal",
                    "id": goal_id,
                    "decision": "approve",
                    "goal_version": item["goal_version"],
                }
            ]
        },
    )
    assert [r["outcome"] for r in approved.json()] == ["approved"], approved.text

    marked = _mark(room, student, first, evidence="Solved all five in the test")
    assert marked.status_code == 200, marked.text
    assert marked.json()["mastered"] is True

    for viewer in (student, mentor, parent, room.teacher):
        [seen] = _held(viewer, "mastery")
        assert (seen["objective_id"], seen["mastered"]) == (first, True)
        assert seen["evidence"] == "Solved all five in the test"
    assert _held(literature.teacher, "mastery") == []

    view = mentor.api.get(f"/api/mentees/{student.id}").json()
    [algebra] = [m for m in view["mastery"] if m["class_id"] == room.class_id]
    assert (algebra["mastered"], algebra["total"]) == (1, 3)
    assert [o["mastered"] for o in algebra["objectives"]] == [True, False, False]
    [goal] = [g for g in view["goals"] if g["id"] == goal_id]
    assert (goal["done"], goal["target"]) == (1, 2)
    [row] = room.teacher.api.get(f"/api/classes/{room.class_id}/overview").json()
    assert row["mastered_objectives"] == [first]

    # Taking the mark back counts it no more.
    taken_back = _mark(room, student, first, mastered=False)
    assert taken_back.status_code == 200, taken_back.text
    view = mentor.api.get(f"/api/mentees/{student.id}").json()
    [goal] = [g for g in view["goals"] if g["id"] == goal_id]
    assert goal["done"] == 0

    audited = query(
        server,
        "SELECT actor, subject FROM audit_event WHERE action = $1 AND subject = $2",
        "objective.mastery_marked",
        student.id,
    )
    assert [(a["actor"], a["subject"]) for a in audited] == [(room.teacher.id, student.id)] * 2


def test_a_mark_needs_the_student_and_objective_in_the_teachers_class(server: Server) -> None:
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    stranger = student_in(server.base_url, classroom(server.base_url))
    [objective, *_] = _objectives(room)
    assert _mark(room, stranger, objective["id"]).status_code == 404
    assert _mark(room, student, 2**31 - 1).status_code == 404
    other = classroom(server.base_url)
    foreign = other.teacher.api.put(
        f"/api/classes/{room.class_id}/students/{student.id}/objectives/{objective['id']}",
        json={"mastered": True},
    )
    assert foreign.status_code == 404
    too_long = _mark(room, student, objective["id"], evidence="x" * 501)
    assert too_long.status_code == 400, too_long.text
    assert _held(student, "mastery") == []
