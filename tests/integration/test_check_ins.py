"""The weekly check-in: private to the student and their mentor, a parent's only when shared,
never a subject teacher's; beside the load in the mentor's view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sync.records import check_in_id
from tests.integration.people import (
    Person,
    administrator,
    classroom,
    parent_of,
    register,
    student_in,
)
from tests.integration.servers import Server
from tests.integration.syncing import new_client_id, pull_all, push


def _week() -> str:
    year, week, _ = dt.datetime.now(dt.UTC).date().isocalendar()
    return f"{year}-W{week:02d}"


def _check_in(student: Person, client: str, n: int, **answers: Any) -> dict[str, Any]:
    week = _week()
    args = {"id": check_in_id(student.id, week), "week": week, "energy": 2, "stress": 5, "sleep": 2}
    response = push(student.api, client, (n, "checkin.set", {**args, **answers}))
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()["results"][0]
    return result


def _check_ins(person: Person) -> list[dict[str, Any]]:
    changes, _ = pull_all(person.api, new_client_id())
    return [c["fields"] for c in changes if c["kind"] == "check_in" and not c["deleted"]]


def test_a_check_in_is_the_students_and_mentors_and_a_parents_only_when_shared(
    server: Server,
) -> None:
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    parent, _ = parent_of(server.base_url, student)
    mentor = register(server.base_url, "teacher")
    assigned = administrator(server.base_url).api.put(
        f"/api/students/{student.id}/mentor", json={"mentor_id": mentor.id}
    )
    assert assigned.status_code == 200, assigned.text
    client = new_client_id()
    assert _check_in(student, client, 1, note="Exams all week")["outcome"] == "applied"

    assert [c["stress"] for c in _check_ins(student)] == [5]
    assert [c["note"] for c in _check_ins(mentor)] == ["Exams all week"]
    assert _check_ins(parent) == []
    assert _check_ins(room.teacher) == []
    view = mentor.api.get(f"/api/mentees/{student.id}").json()
    assert [(c["week"], c["stress"]) for c in view["check_ins"]] == [(_week(), 5)]
    # Beside the load, week by week: this week is the last, with its check-in.
    assert [w["week"] for w in view["recent_weeks"]][-1] == _week()
    assert view["recent_weeks"][-1]["check_in"]["stress"] == 5

    # Nothing of it reaches the parent through the preview of their summary either.
    preview = student.api.get("/api/digests/preview")
    assert "Exams all week" not in preview.text

    shared = _check_in(student, client, 2, shared_with_parents=True)
    assert shared["outcome"] in ("applied", "merged")
    assert [c["shared_with_parents"] for c in _check_ins(parent)] == [True]
    assert _check_ins(room.teacher) == []
    # Shared, it is in the summary the student previews, and never on the lock screen.
    preview = student.api.get("/api/digests/preview")
    assert preview.json()["section"]["check_in"]["note"] == "Exams all week"
    assert "stress" not in preview.json()["notification_body"]


def test_a_check_in_under_another_weeks_id_is_refused(server: Server) -> None:
    student = student_in(server.base_url, classroom(server.base_url))
    result = _check_in(student, new_client_id(), 1, id=check_in_id(student.id, "2020-W01"))
    assert result["outcome"] == "rejected"
    assert "check_in_id" in result["reason"]
