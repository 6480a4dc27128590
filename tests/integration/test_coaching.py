"""Pace nudges and the teacher's class overview, driven with an injected clock."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tests.integration.commands import waypoint
from tests.integration.people import Classroom, Person, classroom, register
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, pull_all, push

ALMATY = ZoneInfo("Asia/Almaty")


def _open_class(base_url: str) -> Classroom:
    """A class whose new goals start active, so the tests need no approval round-trip."""
    room = classroom(base_url)
    policy = room.teacher.api.get(f"/api/classes/{room.class_id}/policy").json()
    room.teacher.api.put(
        f"/api/classes/{room.class_id}/policy", json={**policy, "approve_new_goals": False}
    )
    return room


def _student(base_url: str, room: Classroom) -> Person:
    return register(base_url, "student", join_code=room.join_code, time_zone="Asia/Almaty")


def _goal(student: Person, *, start: date, deadline: date, done: float, target: float) -> str:
    goal_id = str(uuid.uuid4())
    batch: list[tuple[int, str, dict[str, Any]]] = [
        (
            1,
            "goal.create",
            goal_args(
                goal_id,
                unit="pages",
                target=target,
                start_date=start.isoformat(),
                deadline=deadline.isoformat(),
                class_id=student.class_id,
            ),
        ),
    ]
    if done:
        batch.append(
            (
                2,
                "progress.add",
                {
                    "id": str(uuid.uuid4()),
                    "goal_id": goal_id,
                    "amount": done,
                    "occurred_at": datetime.combine(start, datetime.min.time(), ALMATY).isoformat(),
                },
            )
        )
    response = push(student.api, new_client_id(), *batch)
    assert all(r["outcome"] == "applied" for r in response.json()["results"]), response.text
    return goal_id


def _nudges(student: Person) -> list[dict[str, Any]]:
    changes, _ = pull_all(student.api, new_client_id())
    return [c for c in changes if c["kind"] == "nudge" and not c["deleted"]]


def _local(day: date, hour: int) -> str:
    return datetime.combine(day, datetime.min.time(), ALMATY).replace(hour=hour).isoformat()


def test_goal_at_risk_gets_one_helpful_nudge_inside_the_window(server: Server) -> None:
    today = datetime.now(ALMATY).date()
    student = _student(server.base_url, _open_class(server.base_url))
    goal_id = _goal(
        student,
        start=today - timedelta(days=20),
        deadline=today + timedelta(days=6),
        done=0,
        target=120,
    )

    # Outside the student's window: nothing for them (the count is the whole server's, where
    # other tests' students may be due).
    waypoint(server, "nudges", "--now", _local(today, 22))
    assert _nudges(student) == []

    waypoint(server, "nudges", "--now", _local(today, 17))
    fired = _nudges(student)
    assert len(fired) <= 2
    [nudge] = [n for n in fired if n["fields"]["goal_id"] == goal_id]
    fields = nudge["fields"]
    assert fields["goal_id"] == goal_id
    assert fields["kind"] in {"deadline_at_risk", "behind_pace"}
    assert fields["plan_prompt"].startswith("If ")
    assert "adjust_goal" in [a["kind"] for a in fields["actions"]]

    waypoint(server, "nudges", "--now", _local(today, 18))
    assert len(_nudges(student)) == len(fired)


def test_dismissing_a_nudge_syncs(server: Server) -> None:
    today = datetime.now(ALMATY).date()
    student = _student(server.base_url, _open_class(server.base_url))
    _goal(
        student,
        start=today - timedelta(days=20),
        deadline=today + timedelta(days=6),
        done=0,
        target=120,
    )
    waypoint(server, "nudges", "--now", _local(today, 16))
    nudge = _nudges(student)[0]
    push(student.api, new_client_id(), (1, "nudge.dismiss", {"id": nudge["id"]}))
    [after] = [n for n in _nudges(student) if n["id"] == nudge["id"]]
    assert after["fields"]["dismissed"] is True


def test_overview_flags_only_the_student_who_is_persistently_behind(server: Server) -> None:
    today = datetime.now(ALMATY).date()
    room = _open_class(server.base_url)
    struggling, steady = _student(server.base_url, room), _student(server.base_url, room)
    start, deadline = today - timedelta(days=21), today + timedelta(days=21)
    _goal(struggling, start=start, deadline=deadline, done=1, target=60)
    _goal(steady, start=start, deadline=deadline, done=60, target=60)
    response = room.teacher.api.get(f"/api/classes/{room.class_id}/overview")
    assert response.status_code == 200, response.text
    rows = {row["student_id"]: row for row in response.json()}
    assert rows[struggling.id]["persistently_behind"] is True
    assert rows[struggling.id]["goals"][0]["status"] in {"behind", "at_risk", "unreachable"}
    assert rows[steady.id]["persistently_behind"] is False
    assert response.json()[0]["student_id"] == struggling.id


def test_the_overview_words_a_days_work_in_the_teachers_language(server: Server) -> None:
    today = datetime.now(ALMATY).date()
    room = _open_class(server.base_url)
    student = _student(server.base_url, room)
    _goal(
        student,
        start=today - timedelta(days=7),
        deadline=today + timedelta(days=28),
        done=1,
        target=60,
    )
    path = f"/api/classes/{room.class_id}/overview"
    words = {
        language: room.teacher.api.get(path, headers={"accept-language": language}).json()[0][
            "goals"
        ][0]["daily_effort"]
        for language in ("en", "ru", "kk")
    }
    assert "page" in words["en"], words
    assert "страниц" in words["ru"], words
    assert "бет" in words["kk"], words
