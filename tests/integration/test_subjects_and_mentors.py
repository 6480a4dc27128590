"""Each goal belongs to one of the student's classes (or is personal); a mentor sees them all.

A student takes physics with one teacher and literature with another. The physics teacher sees,
decides on and syncs only physics goals (and the student's load); the literature teacher only
literature; the mentor the whole student; nobody approves a personal goal.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from tests.integration.client import Api
from tests.integration.people import (
    Classroom,
    Person,
    administrator,
    parent_of,
    register,
    sign_in,
    student_in,
)
from tests.integration.syncing import goal_args, new_client_id, pull_all, push

LENIENT = {
    "approve_new_goals": False,
    "approve_target_decrease": False,
    "approve_abandon": False,
    "deadline_shift_free_days": 30,
}
STRICT = {
    "approve_new_goals": False,
    "approve_target_decrease": True,
    "approve_abandon": True,
    "deadline_shift_free_days": 0,
}


@dataclass
class Device:
    """What a device holds after applying pulls the way the protocol says."""

    api: Api
    client_id: str = field(default_factory=new_client_id)
    cursor: str | None = None
    records: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    spaces: dict[tuple[str, str], int] = field(default_factory=dict)

    def pull(self) -> None:
        while True:
            response = self.api.post(
                "/api/sync/pull",
                json={"protocol_version": 1, "client_id": self.client_id, "cursor": self.cursor},
            )
            assert response.status_code == 200, response.text
            page = response.json()
            if page["reset"]:
                self.records.clear()
            for space in page["removed_spaces"]:
                for key in [k for k, s in self.spaces.items() if s == space]:
                    del self.records[key], self.spaces[key]
            for change in page["changes"]:
                key = (change["kind"], change["id"])
                if change["deleted"]:
                    self.records.pop(key, None)
                    self.spaces.pop(key, None)
                else:
                    self.records[key] = change["fields"]
                    self.spaces[key] = change["space"]
            self.cursor = page["cursor"]
            if not page["has_more"]:
                return

    def ids(self, kind: str) -> set[str]:
        return {record_id for k, record_id in self.records if k == kind}


@dataclass
class School:
    physics: Classroom
    literature: Classroom
    student: Person
    client_id: str
    sent: int = 0

    def send(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        self.sent += 1
        response = push(self.student.api, self.client_id, (self.sent, name, args))
        assert response.status_code == 200, response.text
        result: dict[str, Any] = response.json()["results"][0]
        return result

    def goal(self, room: Classroom | None, **fields: Any) -> str:
        goal_id = str(uuid.uuid4())
        class_id = room.class_id if room is not None else None
        result = self.send("goal.create", goal_args(goal_id, class_id=class_id, **fields))
        assert result["outcome"] == "applied", result
        return goal_id


def _room(base_url: str, name: str, policy: dict[str, Any]) -> Classroom:
    teacher = register(base_url, "teacher")
    created = teacher.api.post("/api/classes", json={"name": name}).json()
    room = Classroom(teacher, created["id"], created["join_code"])
    response = teacher.api.put(f"/api/classes/{room.class_id}/policy", json=policy)
    assert response.status_code == 200, response.text
    return room


def _school(base_url: str, physics: dict[str, Any] = LENIENT) -> School:
    rooms = _room(base_url, "Physics 9A", physics), _room(base_url, "Literature 9A", LENIENT)
    student = student_in(base_url, rooms[0])
    joined = student.api.post("/api/classes/join", json={"join_code": rooms[1].join_code})
    assert joined.status_code == 201, joined.text
    return School(rooms[0], rooms[1], student, new_client_id())


def _queue(room: Classroom) -> list[dict[str, Any]]:
    response = room.teacher.api.get("/api/approvals")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()
    return items


def _mentor_for(base_url: str, student: Person) -> Person:
    mentor = register(base_url, "teacher")
    admin = administrator(base_url)
    response = admin.api.put(f"/api/students/{student.id}/mentor", json={"mentor_id": mentor.id})
    assert response.status_code == 200, response.text
    return mentor


def test_a_teacher_cannot_see_or_decide_on_a_goal_of_another_class(base_url: str) -> None:
    school = _school(base_url)
    physics = school.goal(school.physics, title="Mechanics problems", target=40)
    school.goal(school.literature, title="Read War and Peace", target=1200, unit="pages")

    # The physics teacher's device holds the physics goal and nothing of literature.
    device = Device(school.physics.teacher.api)
    device.pull()
    assert device.ids("goal") == {physics}
    assert all("War and Peace" not in str(fields) for fields in device.records.values())

    overview = school.physics.teacher.api.get(
        f"/api/classes/{school.physics.class_id}/overview"
    ).json()
    [row] = overview
    # Of literature, only that there is a goal elsewhere and what it weighs; not what it is.
    assert [g["goal_id"] for g in row["goals"]] == [physics]
    assert row["other_goals"] == 1
    assert "War and Peace" not in str(overview)

    # A new physics goal waits for the physics teacher; the literature teacher cannot decide it.
    school.physics.teacher.api.put(
        f"/api/classes/{school.physics.class_id}/policy",
        json={**LENIENT, "approve_new_goals": True},
    )
    waiting = school.goal(school.physics, title="Optics lab")
    assert {i["id"] for i in _queue(school.physics)} == {waiting}
    assert _queue(school.literature) == []
    decided = school.literature.teacher.api.post(
        "/api/approvals/decisions",
        json={
            "decisions": [
                {"type": "new_goal", "id": waiting, "decision": "approve", "goal_version": 1}
            ]
        },
    ).json()
    assert [d["outcome"] for d in decided] == ["not_found"]


def test_a_goal_change_waits_in_its_own_classs_queue_under_its_own_policy(
    base_url: str,
) -> None:
    school = _school(base_url, physics=STRICT)
    physics = school.goal(school.physics, deadline="2027-03-01")
    literature = school.goal(school.literature, deadline="2027-03-01")

    later = {"deadline": "2027-03-11"}
    assert school.send("goal.update", {"id": physics, **later})["outcome"] == "change_request"
    assert school.send("goal.update", {"id": literature, **later})["outcome"] == "applied"

    [item] = _queue(school.physics)
    assert (item["goal_id"], item["proposed"], item["class_name"]) == (
        physics,
        later,
        "Physics 9A",
    )
    assert _queue(school.literature) == []


def test_personal_goals_need_no_approval_and_no_subject_teacher_gets_them(base_url: str) -> None:
    school = _school(base_url, physics=STRICT)
    personal = school.goal(None, title="Learn to juggle", deadline="2027-03-01")
    later = school.send("goal.update", {"id": personal, "deadline": "2027-04-01", "target": 1})
    assert later["outcome"] == "applied"
    for room in (school.physics, school.literature):
        device = Device(room.teacher.api)
        device.pull()
        assert personal not in device.ids("goal")
        assert _queue(room) == []


def test_a_mentor_sees_every_goal_across_subjects_and_the_week_by_subject(base_url: str) -> None:
    school = _school(base_url)
    goals = {
        school.goal(school.physics, title="Mechanics"),
        school.goal(school.literature, title="Poetry"),
        school.goal(None, title="Juggling"),
    }
    mentor = _mentor_for(base_url, school.student)

    device = Device(mentor.api)
    device.pull()
    assert device.ids("goal") == goals

    view = mentor.api.get(f"/api/mentees/{school.student.id}")
    assert view.status_code == 200, view.text
    body = view.json()
    assert {g["id"] for g in body["goals"]} == goals
    assert {s["class_name"] for s in body["subjects"]} == {
        "Physics 9A",
        "Literature 9A",
        "Personal goals",
    }
    listed = mentor.api.get("/api/mentees").json()
    assert [m["student_id"] for m in listed] == [school.student.id]
    assert listed[0]["active_goals"] == 3
    # The subject teacher is no mentor: the mentor's view of the student is not theirs.
    denied = school.physics.teacher.api.get(f"/api/mentees/{school.student.id}")
    assert denied.status_code == 404


def test_taking_a_student_out_of_a_class_removes_its_goals_from_the_teachers_devices(
    base_url: str,
) -> None:
    # One teacher with two classes the student is in: the student stays visible through one.
    teacher = register(base_url, "teacher")
    rooms = []
    for name in ("Physics 9A", "Physics lab"):
        created = teacher.api.post("/api/classes", json={"name": name}).json()
        rooms.append(Classroom(teacher, created["id"], created["join_code"]))
    student = student_in(base_url, rooms[0])
    assert student.api.post("/api/classes/join", json={"join_code": rooms[1].join_code}).is_success
    school = School(rooms[0], rooms[1], student, new_client_id())
    first = school.goal(rooms[0], title="Lectures")
    second = school.goal(rooms[1], title="Lab reports")
    laptop = Device(teacher.api)
    laptop.pull()
    assert laptop.ids("goal") == {first, second}

    removed = teacher.api.delete(f"/api/classes/{rooms[0].class_id}/students/{student.id}")
    assert removed.status_code == 204, removed.text
    laptop.pull()
    assert laptop.ids("goal") == {second}
    # The goal is the student's still, now personal.
    mine, _ = pull_all(student.api, new_client_id())
    assert first in {c["id"] for c in mine if c["kind"] == "goal" and not c["deleted"]}

    # Out of the last class too: the space leaves the teacher's devices entirely.
    assert teacher.api.delete(f"/api/classes/{rooms[1].class_id}/students/{student.id}").is_success
    laptop.pull()
    assert laptop.ids("goal") == set()


def test_a_homeroom_teacher_may_choose_a_mentor_and_another_teacher_may_not(
    base_url: str,
) -> None:
    school = _school(base_url)
    mentor = register(base_url, "teacher")
    body = {"mentor_id": mentor.id}
    refused = school.physics.teacher.api.put(f"/api/students/{school.student.id}/mentor", json=body)
    assert refused.status_code == 404
    admin = administrator(base_url)
    made = admin.api.put(
        f"/api/school/classes/{school.physics.class_id}/homeroom", json={"homeroom": True}
    )
    assert made.status_code == 200, made.text
    chosen = school.physics.teacher.api.put(f"/api/students/{school.student.id}/mentor", json=body)
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["mentor_id"] == mentor.id
    # A mentor is one of the school's teachers: a parent's account is refused, saying so.
    parent, _ = parent_of(base_url, school.student)
    wrong = admin.api.put(
        f"/api/students/{school.student.id}/mentor", json={"mentor_id": parent.id}
    )
    assert wrong.status_code == 422
    assert "teacher" in wrong.json()["detail"]


def test_check_in_notes_reach_the_student_and_parents_only_once_shared(base_url: str) -> None:
    school = _school(base_url)
    mentor = _mentor_for(base_url, school.student)
    parent, _ = parent_of(base_url, school.student)
    note = mentor.api.post(
        f"/api/mentees/{school.student.id}/notes",
        json={"body": "Physics takes most evenings.", "next_steps": "Try two short sessions."},
    )
    assert note.status_code == 201, note.text
    path = f"/api/students/{school.student.id}/mentor-notes"
    assert [n["next_steps"] for n in school.student.api.get(path).json()] == [
        "Try two short sessions."
    ]
    assert parent.api.get(path).json() == []
    shared = school.student.api.put(
        f"/api/me/mentor-notes/{note.json()['id']}", json={"shared_with_parents": True}
    )
    assert shared.status_code == 200, shared.text
    assert [n["body"] for n in parent.api.get(path).json()] == ["Physics takes most evenings."]


def test_a_teacher_with_several_classes_finds_the_students_who_need_them_first(
    base_url: str,
) -> None:
    teacher = register(base_url, "teacher")
    rooms = []
    for name in ("Physics 9A", "Physics 9B"):
        created = teacher.api.post("/api/classes", json={"name": name}).json()
        rooms.append(Classroom(teacher, created["id"], created["join_code"]))
    quiet = [student_in(base_url, rooms[0]) for _ in range(3)]
    asking = student_in(base_url, rooms[1])
    goal_id = str(uuid.uuid4())
    pushed = push(
        asking.api,
        new_client_id(),
        (1, "goal.create", goal_args(goal_id, class_id=rooms[1].class_id)),
    )
    assert pushed.status_code == 200, pushed.text
    attention = teacher.api.get("/api/attention")
    assert attention.status_code == 200, attention.text
    first = attention.json()[0]
    assert (first["student_id"], first["class_name"], first["pending_decisions"]) == (
        asking.id,
        "Physics 9B",
        1,
    )
    assert {a["student_id"] for a in attention.json()} <= {asking.id, *(q.id for q in quiet)}
    # Sign-in from a second device reads the same list: it is the server's, not the page's.
    again = sign_in(base_url, teacher.login).api.get("/api/attention").json()
    assert again == attention.json()


def test_a_student_may_ask_the_mentor_about_a_personal_goal_but_never_about_a_class_goal(
    base_url: str,
) -> None:
    school = _school(base_url, physics=STRICT)
    mentor = _mentor_for(base_url, school.student)
    personal = school.goal(None, title="Chess openings", target=30)
    physics = school.goal(school.physics, title="Optics", target=30)

    asked = school.send(
        "goal.update",
        {"id": personal, "target": 20, "ask_mentor": True, "change_reason": "Too much at once?"},
    )
    assert asked["outcome"] == "change_request"
    [item] = _queue(Classroom(mentor, 0, ""))
    assert (item["goal_id"], item["reviewer"], item["reason"]) == (
        personal,
        "mentor",
        "Too much at once?",
    )
    assert all(i["goal_id"] != personal for i in _queue(school.physics))

    # A class goal's change goes to its teacher, asked or not; the mentor cannot decide it.
    school.send("goal.update", {"id": physics, "target": 10, "ask_mentor": True})
    [theirs] = [i for i in _queue(school.physics) if i["goal_id"] == physics]
    assert theirs["reviewer"] == "teacher"
    decide = {"decision": "approve", "type": "change_request"}
    refused = mentor.api.post(
        "/api/approvals/decisions",
        json={
            "decisions": [{**decide, "id": theirs["id"], "goal_version": theirs["goal_version"]}]
        },
    ).json()
    assert [r["outcome"] for r in refused] == ["not_found"]

    approved = mentor.api.post(
        "/api/approvals/decisions",
        json={"decisions": [{**decide, "id": item["id"], "goal_version": item["goal_version"]}]},
    ).json()
    assert [r["outcome"] for r in approved] == ["approved"]
    mine, _ = pull_all(school.student.api, new_client_id())
    [goal] = [c for c in mine if c["id"] == personal]
    assert goal["fields"]["target"] == 20
