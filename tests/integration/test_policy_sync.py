"""The student's classes and their policies reach the student's devices, so what they show
offline is what applies."""

from __future__ import annotations

import uuid
from typing import Any

from tests.integration.blocking import run_blocking
from tests.integration.people import Classroom, Person, classroom, student_in
from tests.integration.syncing import (
    HttpSyncServer,
    device,
    goal_args,
    new_client_id,
    pull_all,
)

# Deadline shifts of up to 3 days and new goals apply at once; only a lower target waits.
SHORT_SHIFTS = {
    "approve_new_goals": False,
    "approve_target_decrease": True,
    "approve_abandon": False,
    "deadline_shift_free_days": 3,
}
DEFAULT = {
    "approve_new_goals": True,
    "approve_target_decrease": True,
    "approve_abandon": True,
    "deadline_shift_free_days": 7,
}


def _set_policy(room: Classroom, policy: dict[str, Any]) -> None:
    response = room.teacher.api.put(f"/api/classes/{room.class_id}/policy", json=policy)
    assert response.status_code == 200, response.text


def _policies(changes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each ``policy`` record in the changes, as {class id: that class's policy}."""
    return [
        {class_id: terms["policy"] for class_id, terms in c["fields"]["classes"].items()}
        for c in changes
        if c["kind"] == "policy" and not c["deleted"]
    ]


def test_the_students_pull_carries_the_class_policy(base_url: str) -> None:
    room = classroom(base_url)
    student = student_in(base_url, room)
    _set_policy(room, SHORT_SHIFTS)
    changes, _ = pull_all(student.api, new_client_id())
    assert _policies(changes) == [{str(room.class_id): SHORT_SHIFTS}]
    [record] = [c for c in changes if c["kind"] == "policy"]
    terms = record["fields"]["classes"][str(room.class_id)]
    assert terms["name"] == "Algebra"
    assert terms["teacher_name"]


def test_a_student_who_joins_gets_the_class_policy_at_once(base_url: str) -> None:
    room = classroom(base_url)
    _set_policy(room, SHORT_SHIFTS)
    student = student_in(base_url, room)
    changes, _ = pull_all(student.api, new_client_id())
    assert _policies(changes) == [{str(room.class_id): SHORT_SHIFTS}]


def test_changing_the_policy_updates_it_on_the_next_pull(base_url: str) -> None:
    room = classroom(base_url)
    student = student_in(base_url, room)
    phone = new_client_id()
    first, page = pull_all(student.api, phone)
    assert _policies(first) == [{str(room.class_id): DEFAULT}]
    _set_policy(room, SHORT_SHIFTS)
    after, page = pull_all(student.api, phone, page["cursor"])
    assert _policies(after) == [{str(room.class_id): SHORT_SHIFTS}]
    _set_policy(room, {**SHORT_SHIFTS, "deadline_shift_free_days": 10})
    later, page = pull_all(student.api, phone, page["cursor"])
    assert _policies(later) == [
        {str(room.class_id): {**SHORT_SHIFTS, "deadline_shift_free_days": 10}}
    ]
    _set_policy(room, DEFAULT)
    back, _ = pull_all(student.api, phone, page["cursor"])
    assert _policies(back) == [{str(room.class_id): DEFAULT}]


def test_joining_a_second_class_lists_both_each_with_its_own_policy(base_url: str) -> None:
    relaxed, strict = classroom(base_url), classroom(base_url)
    _set_policy(relaxed, {**SHORT_SHIFTS, "deadline_shift_free_days": 14})
    _set_policy(strict, {**SHORT_SHIFTS, "approve_abandon": True})
    student = student_in(base_url, relaxed)
    phone = new_client_id()
    _, page = pull_all(student.api, phone)
    joined = student.api.post("/api/classes/join", json={"join_code": strict.join_code})
    assert joined.status_code == 201, joined.text
    changes, _ = pull_all(student.api, phone, page["cursor"])
    assert _policies(changes) == [
        {
            str(relaxed.class_id): {**SHORT_SHIFTS, "deadline_shift_free_days": 14},
            str(strict.class_id): {**SHORT_SHIFTS, "approve_abandon": True},
        }
    ]


def _server_goal(student: Person, goal_id: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    changes, _ = pull_all(student.api, new_client_id())
    [goal] = [c["fields"] for c in changes if c["kind"] == "goal" and c["id"] == goal_id]
    requests = [c["fields"] for c in changes if c["kind"] == "change_request"]
    return goal, requests


def test_offline_changes_the_policy_applies_show_as_applied_and_are(base_url: str) -> None:
    room = classroom(base_url)
    student = student_in(base_url, room)
    _set_policy(room, SHORT_SHIFTS)
    server = HttpSyncServer({student.id: student.api})
    phone = device(student.id)
    goal_id = str(uuid.uuid4())

    async def scenario() -> None:
        phone.mutate(
            "goal.create", goal_args(goal_id, deadline="2027-01-10", class_id=room.class_id)
        )
        await phone.push(server)
        await phone.pull(server)
        # Offline from here: the view is the pulled state with the outbox replayed.
        phone.mutate("goal.update", {"id": goal_id, "target": 12})
        phone.mutate("goal.update", {"id": goal_id, "deadline": "2027-01-12"})
        phone.mutate("goal.update", {"id": goal_id, "status": "completed"})

    run_blocking(scenario())
    shown = phone.view()[("goal", goal_id)].fields
    assert "pending_proposal" not in shown
    assert (shown["status"], shown["target"], shown["deadline"]) == (
        "completed",
        12,
        "2027-01-12",
    )

    async def back_online() -> None:
        await phone.push(server)
        await phone.pull(server)

    run_blocking(back_online())
    assert [r.outcome for r in phone.results.values()] == ["applied"] * 4
    goal, requests = _server_goal(student, goal_id)
    assert requests == []
    assert {k: goal[k] for k in ("status", "target", "deadline")} == {
        k: shown[k] for k in ("status", "target", "deadline")
    }
    assert phone.view()[("goal", goal_id)].fields == goal


def test_offline_lower_target_shows_as_waiting_and_does_wait(base_url: str) -> None:
    room = classroom(base_url)
    student = student_in(base_url, room)
    _set_policy(room, SHORT_SHIFTS)
    server = HttpSyncServer({student.id: student.api})
    phone = device(student.id)
    goal_id = str(uuid.uuid4())

    async def scenario() -> None:
        phone.mutate(
            "goal.create", goal_args(goal_id, deadline="2027-01-10", class_id=room.class_id)
        )
        await phone.push(server)
        await phone.pull(server)
        phone.mutate("goal.update", {"id": goal_id, "target": 6, "deadline": "2027-01-20"})

    run_blocking(scenario())
    shown = phone.view()[("goal", goal_id)].fields
    assert shown["pending_proposal"] == {"target": 6, "deadline": "2027-01-20"}
    assert (shown["target"], shown["deadline"]) == (10, "2027-01-10")

    async def back_online() -> None:
        await phone.push(server)
        await phone.pull(server)

    run_blocking(back_online())
    _, requests = _server_goal(student, goal_id)
    assert [r["proposed"] for r in requests] == [{"target": 6, "deadline": "2027-01-20"}]
