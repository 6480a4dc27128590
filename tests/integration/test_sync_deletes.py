"""What becomes of writes that reach a deleted record, as sync/PROTOCOL.md states it."""

from __future__ import annotations

import uuid

from tests.integration.people import Person, classroom, student_in
from tests.integration.syncing import goal_args, live, new_client_id, pull_all, push


def _deleted_goal(base_url: str) -> tuple[Person, str]:
    student = student_in(base_url, classroom(base_url))
    goal_id = str(uuid.uuid4())
    response = push(
        student.api,
        new_client_id(),
        (1, "goal.create", goal_args(goal_id)),
        (2, "goal.delete", {"id": goal_id}),
    )
    assert [r["outcome"] for r in response.json()["results"]] == ["applied", "applied"]
    return student, goal_id


def test_a_create_of_a_deleted_id_is_merged_and_reports_what_was_entered(base_url: str) -> None:
    student, goal_id = _deleted_goal(base_url)
    response = push(student.api, new_client_id(), (1, "goal.create", goal_args(goal_id)))
    [result] = response.json()["results"]
    assert (result["outcome"], result["reason"]) == ("merged", "the goal was deleted")
    # The create's blank defaults (no subject, no notes) were not entered: nothing lost there.
    assert {lost["field"] for lost in result["lost"]} == {"title", "target", "unit", "deadline"}
    assert {lost["reason"] for lost in result["lost"]} == {"deleted"}
    changes, _ = pull_all(student.api, new_client_id())
    assert live(changes, "goal") == []
    notices = live(changes, "conflict_notice")
    assert sorted(n["fields"]["field_label"] for n in notices) == [
        "deadline",
        "name",
        "target",
        "unit",
    ]


def test_progress_on_a_deleted_goal_is_kept_and_the_goal_stays_deleted(base_url: str) -> None:
    student, goal_id = _deleted_goal(base_url)
    progress_id = str(uuid.uuid4())
    response = push(
        student.api,
        new_client_id(),
        (
            1,
            "progress.add",
            {
                "id": progress_id,
                "goal_id": goal_id,
                "amount": 2,
                "occurred_at": "2026-11-25T10:00:00Z",
            },
        ),
    )
    assert response.json()["results"] == [{"mutation_id": 1, "outcome": "applied"}]
    changes, _ = pull_all(student.api, new_client_id())
    assert live(changes, "goal") == []
    assert [(p["id"], p["fields"]["goal_id"]) for p in live(changes, "progress")] == [
        (progress_id, goal_id)
    ]
    assert live(changes, "conflict_notice") == []
