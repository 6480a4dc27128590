"""Teacher approval within the class policy: queue, single and bulk decisions, staleness."""

from __future__ import annotations

import uuid
from typing import Any

from tests.integration.people import Classroom, Person, classroom, student_in
from tests.integration.syncing import goal_args, new_client_id, pull_all, push


class Phone:
    """One student device that numbers its own mutations."""

    def __init__(self, student: Person) -> None:
        self.student = student
        self.client_id = new_client_id()
        self.next_id = 1

    def send(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        response = push(self.student.api, self.client_id, (self.next_id, name, args))
        assert response.status_code == 200, response.text
        self.next_id += 1
        result: dict[str, Any] = response.json()["results"][0]
        return result


def _record(student: Person, kind: str, record_id: str) -> dict[str, Any]:
    changes, _ = pull_all(student.api, new_client_id())
    found = [c for c in changes if c["kind"] == kind and c["id"] == record_id]
    assert found, f"no {kind} {record_id}"
    record: dict[str, Any] = found[-1]
    return record


def _queue(room: Classroom) -> list[dict[str, Any]]:
    response = room.teacher.api.get("/api/approvals")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()
    return items


def _decide(room: Classroom, *decisions: dict[str, Any]) -> list[dict[str, Any]]:
    response = room.teacher.api.post("/api/approvals/decisions", json={"decisions": decisions})
    assert response.status_code == 200, response.text
    reports: list[dict[str, Any]] = response.json()
    return reports


def _active_goal(room: Classroom, phone: Phone, **fields: Any) -> str:
    goal_id = str(uuid.uuid4())
    phone.send("goal.create", goal_args(goal_id, **fields, class_id=room.class_id))
    item = next(i for i in _queue(room) if i["id"] == goal_id)
    [report] = _decide(
        room,
        {
            "type": "new_goal",
            "id": goal_id,
            "decision": "approve",
            "goal_version": item["goal_version"],
        },
    )
    assert report["outcome"] == "approved"
    return goal_id


def test_new_goal_waits_in_the_queue_and_approval_syncs_back(base_url: str) -> None:
    room = classroom(base_url)
    phone = Phone(student_in(base_url, room))
    goal_id = str(uuid.uuid4())
    assert (
        phone.send("goal.create", goal_args(goal_id, class_id=room.class_id))["outcome"]
        == "applied"
    )
    assert _record(phone.student, "goal", goal_id)["fields"]["status"] == "proposed"
    [item] = _queue(room)
    assert (item["type"], item["id"], item["student_id"]) == ("new_goal", goal_id, phone.student.id)
    assert item["age_hours"] >= 0
    _decide(
        room,
        {
            "type": "new_goal",
            "id": goal_id,
            "decision": "approve",
            "goal_version": item["goal_version"],
        },
    )
    assert _record(phone.student, "goal", goal_id)["fields"]["status"] == "active"
    assert _queue(room) == []


def test_class_without_new_goal_approval_starts_goals_active(base_url: str) -> None:
    room = classroom(base_url)
    policy = room.teacher.api.get(f"/api/classes/{room.class_id}/policy").json()
    updated = room.teacher.api.put(
        f"/api/classes/{room.class_id}/policy", json={**policy, "approve_new_goals": False}
    )
    assert updated.json()["approve_new_goals"] is False
    phone = Phone(student_in(base_url, room))
    goal_id = str(uuid.uuid4())
    phone.send("goal.create", goal_args(goal_id, class_id=room.class_id))
    assert _record(phone.student, "goal", goal_id)["fields"]["status"] == "active"


def test_lower_target_becomes_a_pending_request_the_teacher_can_return(base_url: str) -> None:
    room = classroom(base_url)
    phone = Phone(student_in(base_url, room))
    goal_id = _active_goal(room, phone)
    result = phone.send(
        "goal.update", {"id": goal_id, "target": 6, "change_reason": "The chapter is shorter"}
    )
    assert result["outcome"] == "change_request"
    request_id = result["change_request_id"]
    pending = _record(phone.student, "change_request", request_id)
    assert pending["fields"]["status"] == "pending"
    assert pending["fields"]["proposed"] == {"target": 6}
    [item] = _queue(room)
    assert item["reason"] == "The chapter is shorter"
    assert (item["current"], item["proposed"]) == ({"target": 10}, {"target": 6})
    [report] = _decide(
        room,
        {
            "type": "change_request",
            "id": request_id,
            "decision": "return",
            "goal_version": item["goal_version"],
            "comment": "Keep 10, you can do it",
        },
    )
    assert report["outcome"] == "returned"
    returned = _record(phone.student, "change_request", request_id)["fields"]
    assert (returned["status"], returned["teacher_comment"]) == (
        "returned",
        "Keep 10, you can do it",
    )
    assert _record(phone.student, "goal", goal_id)["fields"]["target"] == 10


def test_short_deadline_shift_applies_and_long_one_waits(base_url: str) -> None:
    room = classroom(base_url)
    phone = Phone(student_in(base_url, room))
    goal_id = _active_goal(room, phone, deadline="2027-01-10")
    assert phone.send("goal.update", {"id": goal_id, "deadline": "2027-01-15"})["outcome"] == (
        "applied"
    )
    assert phone.send("goal.update", {"id": goal_id, "deadline": "2027-02-15"})["outcome"] == (
        "change_request"
    )
    assert _record(phone.student, "goal", goal_id)["fields"]["deadline"] == "2027-01-15"


def test_bulk_approval_applies_every_item(base_url: str) -> None:
    room = classroom(base_url)
    phones = [Phone(student_in(base_url, room)) for _ in range(3)]
    goal_ids = []
    for phone in phones:
        goal_id = str(uuid.uuid4())
        phone.send("goal.create", goal_args(goal_id, class_id=room.class_id))
        goal_ids.append(goal_id)
    queue = _queue(room)
    assert [i["id"] for i in queue] == goal_ids
    reports = _decide(
        room,
        *(
            {
                "type": i["type"],
                "id": i["id"],
                "decision": "approve",
                "goal_version": i["goal_version"],
            }
            for i in queue
        ),
    )
    assert [r["outcome"] for r in reports] == ["approved"] * 3
    for phone, goal_id in zip(phones, goal_ids, strict=True):
        assert _record(phone.student, "goal", goal_id)["fields"]["status"] == "active"


def test_decision_on_a_goal_that_changed_since_is_not_applied_blindly(base_url: str) -> None:
    room = classroom(base_url)
    phone = Phone(student_in(base_url, room))
    goal_id = _active_goal(room, phone)
    request_id = phone.send("goal.update", {"id": goal_id, "target": 4})["change_request_id"]
    [seen] = _queue(room)
    phone.send("goal.update", {"id": goal_id, "target": 20})
    [report] = _decide(
        room,
        {
            "type": "change_request",
            "id": request_id,
            "decision": "approve",
            "goal_version": seen["goal_version"],
        },
    )
    assert report["outcome"] == "stale"
    [fresh] = _queue(room)
    assert fresh["current"] == {"target": 20}
    assert fresh["changed_since_request"] is True
    [again] = _decide(
        room,
        {
            "type": "change_request",
            "id": request_id,
            "decision": "approve",
            "goal_version": fresh["goal_version"],
        },
    )
    assert again["outcome"] == "approved"
    assert _record(phone.student, "goal", goal_id)["fields"]["target"] == 4


def test_teacher_cannot_decide_for_another_class(base_url: str) -> None:
    mine, theirs = classroom(base_url), classroom(base_url)
    phone = Phone(student_in(base_url, theirs))
    goal_id = str(uuid.uuid4())
    phone.send("goal.create", goal_args(goal_id, class_id=theirs.class_id))
    assert _queue(mine) == []
    [report] = _decide(
        mine, {"type": "new_goal", "id": goal_id, "decision": "approve", "goal_version": 1}
    )
    assert report["outcome"] == "not_found"
    assert _record(phone.student, "goal", goal_id)["fields"]["status"] == "proposed"


def test_returned_goal_can_be_reworked_and_resubmitted(base_url: str) -> None:
    room = classroom(base_url)
    phone = Phone(student_in(base_url, room))
    goal_id = str(uuid.uuid4())
    phone.send("goal.create", goal_args(goal_id, target=100, class_id=room.class_id))
    [item] = _queue(room)
    _decide(
        room,
        {
            "type": "new_goal",
            "id": goal_id,
            "decision": "return",
            "goal_version": item["goal_version"],
            "comment": "100 is too many",
        },
    )
    goal = _record(phone.student, "goal", goal_id)["fields"]
    assert (goal["status"], goal["teacher_comment"]) == ("returned", "100 is too many")
    phone.send("goal.update", {"id": goal_id, "target": 30})
    phone.send("goal.update", {"id": goal_id, "status": "proposed"})
    [again] = _queue(room)
    assert again["current"]["target"] == 30
