"""A teacher deciding from two devices at the same moment, in opposite orders.

Only a goal's class teacher decides on it, so the race is one teacher's laptop and tablet. In
each round every student of the class proposes a new goal and asks to lower the target of an
approved one; both devices then bulk-approve everything at once, one in the queue's order and
the other in reverse. Locks taken in the order the items arrive would deadlock here on
PostgreSQL; the server must take them in one order of its own. Whatever the interleaving, each
item is approved exactly once: by one request, while the other is told it is no longer pending.
"""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest

from tests.integration.client import Api
from tests.integration.people import Classroom, Person, classroom, student_in
from tests.integration.servers import Server
from tests.integration.sessions import sign_in
from tests.integration.syncing import goal_args, new_client_id, pull_all, push

STUDENTS = 6
ROUNDS = 8

Key = tuple[str, str]  # (item type, item id)


@dataclass
class Student:
    person: Person
    client_id: str
    next_mutation: int
    standing_goal: str

    def send(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        response = push(self.person.api, self.client_id, (self.next_mutation, name, args))
        assert response.status_code == 200, response.text
        self.next_mutation += 1
        result: dict[str, Any] = response.json()["results"][0]
        return result


@dataclass
class Round:
    decisions: list[dict[str, Any]]
    # Each device's reports by item, and the HTTP statuses both devices got.
    reports: dict[int, dict[Key, str]]
    statuses: list[int]


@dataclass
class Run:
    teacher: Person
    students: list[Student]
    rounds: list[Round]


def _queue(teacher: Person) -> list[dict[str, Any]]:
    response = teacher.api.get("/api/approvals")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()
    return items


def _approve_all(teacher: Person, items: list[dict[str, Any]]) -> None:
    decisions = [
        {"type": i["type"], "id": i["id"], "decision": "approve", "goal_version": i["goal_version"]}
        for i in items
    ]
    response = teacher.api.post("/api/approvals/decisions", json={"decisions": decisions})
    assert response.status_code == 200, response.text


def _students(base_url: str, room: Classroom) -> list[Student]:
    students = []
    for _ in range(STUDENTS):
        person = student_in(base_url, room)
        standing = str(uuid.uuid4())
        student = Student(person, new_client_id(), 1, standing)
        student.send("goal.create", goal_args(standing, target=1000, class_id=room.class_id))
        students.append(student)
    _approve_all(room.teacher, _queue(room.teacher))
    return students


def _race(apis: list[Api], batches: list[list[dict[str, Any]]]) -> tuple[list[int], list[Any]]:
    start = threading.Barrier(len(apis))

    def send(api: Api, batch: list[dict[str, Any]]) -> tuple[int, Any]:
        start.wait()
        response = api.post("/api/approvals/decisions", json={"decisions": batch})
        return response.status_code, response.json()

    with ThreadPoolExecutor(max_workers=len(apis)) as pool:
        answers = list(pool.map(send, apis, batches))
    return [status for status, _ in answers], [body for _, body in answers]


def _scenario(server: Server) -> Run:
    room = classroom(server.base_url)
    teacher = room.teacher
    # Two devices, each with its own session, so neither client waits on the other's.
    racing = [sign_in(server.base_url, teacher) for _ in range(2)]
    students = _students(server.base_url, room)
    rounds = []
    for n in range(ROUNDS):
        for student in students:
            student.send("goal.create", goal_args(str(uuid.uuid4()), class_id=room.class_id))
            lowered = student.send(
                "goal.update", {"id": student.standing_goal, "target": 1000 - n - 1}
            )
            assert lowered["outcome"] == "change_request"
        items = _queue(teacher)
        decisions = [
            {
                "type": i["type"],
                "id": i["id"],
                "decision": "approve",
                "goal_version": i["goal_version"],
            }
            for i in items
        ]
        statuses, bodies = _race(racing, [decisions, decisions[::-1]])
        reports = {
            device: {(r["type"], r["id"]): r["outcome"] for r in body}
            for device, (body, status) in enumerate(zip(bodies, statuses, strict=True))
            if status == 200
        }
        rounds.append(Round(decisions, reports, statuses))
    for api in racing:
        api.close()
    return Run(teacher, students, rounds)


@pytest.fixture(scope="module")
def run(server: Server) -> Run:
    """The rounds on each engine. One server process is enough to race: it runs both requests
    at once, each in its own transaction on its own database connection."""
    return _scenario(server)


def test_overlapping_bulk_decisions_never_fail_on_the_server(run: Run) -> None:
    for round_ in run.rounds:
        assert round_.statuses == [200, 200]


def test_each_item_is_approved_by_exactly_one_request(run: Run) -> None:
    for round_ in run.rounds:
        for decision in round_.decisions:
            key = (decision["type"], decision["id"])
            outcomes = sorted(reports[key] for reports in round_.reports.values())
            assert outcomes == ["approved", "not_pending"], key


def test_what_was_stored_names_the_teacher_who_approved_it(run: Run) -> None:
    approver: dict[str, int] = {}
    for round_ in run.rounds:
        for reports in round_.reports.values():
            for (_, item_id), outcome in reports.items():
                if outcome == "approved":
                    approver[item_id] = run.teacher.id
    for student in run.students:
        changes, _ = pull_all(student.person.api, new_client_id())
        records = {(c["kind"], c["id"]): c["fields"] for c in changes if not c["deleted"]}
        for (kind, record_id), fields in records.items():
            if record_id in approver:
                assert fields["status"] == ("active" if kind == "goal" else "approved")
                assert fields["decided_by"] == approver[record_id]
        # Every round's request to lower the target by one was applied.
        assert records[("goal", student.standing_goal)]["target"] == 1000 - ROUNDS
