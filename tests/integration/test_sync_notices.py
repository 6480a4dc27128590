"""Conflict notices only for real loss: a value a person entered that lost to a concurrent edit.

Tapping a server-made nudge, stopping a timer started on another device, or reading a notice
on a third device replaces nothing anyone typed: each is `applied`, and no notice appears.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sync.client import Device
from tests.integration.blocking import run_blocking
from tests.integration.commands import waypoint
from tests.integration.people import Person, classroom, register, student_in
from tests.integration.servers import Server
from tests.integration.syncing import (
    HttpSyncServer,
    device,
    goal_args,
    live,
    new_client_id,
    pull_all,
    push,
)

ALMATY = ZoneInfo("Asia/Almaty")


def _student_with_a_nudge(server: Server) -> tuple[Person, dict[str, Any]]:
    """A student whose goal is far behind, and the nudge the server made for it."""
    room = classroom(server.base_url)
    policy = room.teacher.api.get(f"/api/classes/{room.class_id}/policy").json()
    room.teacher.api.put(
        f"/api/classes/{room.class_id}/policy", json={**policy, "approve_new_goals": False}
    )
    student = register(
        server.base_url, "student", join_code=room.join_code, time_zone="Asia/Almaty"
    )
    today = datetime.now(ALMATY).date()
    goal_id = str(uuid.uuid4())
    start = today - timedelta(days=20)
    push(
        student.api,
        new_client_id(),
        (
            1,
            "goal.create",
            goal_args(
                goal_id,
                unit="pages",
                target=120,
                start_date=start.isoformat(),
                deadline=(today + timedelta(days=6)).isoformat(),
            ),
        ),
        (
            2,
            "progress.add",
            {
                "id": str(uuid.uuid4()),
                "goal_id": goal_id,
                "amount": 3,
                "occurred_at": _local(start, 12),
            },
        ),
    )
    waypoint(server, "nudges", "--now", _local(today, 16))
    changes, _ = pull_all(student.api, new_client_id())
    [nudge] = [n for n in live(changes, "nudge") if n["fields"]["goal_id"] == goal_id]
    return student, nudge


def _local(day: date, hour: int) -> str:
    return datetime.combine(day, datetime.min.time(), ALMATY).replace(hour=hour).isoformat()


def _notices(student: Person) -> list[dict[str, Any]]:
    changes, _ = pull_all(student.api, new_client_id())
    return live(changes, "conflict_notice")


def test_dismissing_a_server_made_nudge_is_applied_without_a_notice(server: Server) -> None:
    student, nudge = _student_with_a_nudge(server)
    response = push(student.api, new_client_id(), (1, "nudge.dismiss", {"id": nudge["id"]}))
    assert response.json()["results"] == [{"mutation_id": 1, "outcome": "applied"}]
    assert _notices(student) == []


def test_acting_on_a_server_made_nudge_is_applied_without_a_notice(server: Server) -> None:
    student, nudge = _student_with_a_nudge(server)
    response = push(
        student.api,
        new_client_id(),
        (1, "nudge.act", {"id": nudge["id"], "action": "adjust_goal"}),
    )
    assert response.json()["results"] == [{"mutation_id": 1, "outcome": "applied"}]
    assert _notices(student) == []
    changes, _ = pull_all(student.api, new_client_id())
    [after] = [n for n in live(changes, "nudge") if n["id"] == nudge["id"]]
    assert after["fields"]["acted"] == "adjust_goal"


def _sync(*steps: Any) -> None:
    async def scenario() -> None:
        for step in steps:
            await step

    run_blocking(scenario())


def test_stopping_a_timer_started_on_another_device_makes_no_notice(base_url: str) -> None:
    student = student_in(base_url, classroom(base_url))
    server = HttpSyncServer({student.id: student.api})
    phone, tablet = device(student.id), device(student.id)
    entry_id = str(uuid.uuid4())
    started = datetime.now(ALMATY).replace(microsecond=0) - timedelta(minutes=25)
    phone.mutate("time.start", {"id": entry_id, "kind": "study", "started_at": started.isoformat()})
    _sync(phone.push(server), tablet.pull(server))
    stopped = started + timedelta(minutes=25)
    tablet.mutate("time.stop", {"id": entry_id, "stopped_at": stopped.isoformat()})
    _sync(tablet.push(server), tablet.pull(server))

    [result] = tablet.results.values()
    assert (result.outcome, result.lost) == ("applied", [])
    entry = tablet.view()[("time_entry", entry_id)]
    assert (entry.fields["running"], entry.fields["minutes"]) == (False, 25)
    assert [r for r in tablet.view().values() if r.kind == "conflict_notice"] == []


def _conflicting_titles(student: Person, server: HttpSyncServer) -> tuple[Device, Device, str]:
    phone, tablet = device(student.id), device(student.id)
    goal_id = str(uuid.uuid4())
    phone.mutate("goal.create", goal_args(goal_id))
    _sync(phone.push(server), phone.pull(server), tablet.pull(server))
    for d, title in ((phone, "Phone title"), (tablet, "Tablet title")):
        base = d.base_clocks("goal", goal_id, ["title"])
        d.mutate("goal.update", {"id": goal_id, "title": title, "base": base})
    _sync(phone.push(server), tablet.push(server))
    return phone, tablet, goal_id


def test_dismissing_a_notice_on_a_third_device_makes_no_notice_about_it(base_url: str) -> None:
    student = student_in(base_url, classroom(base_url))
    server = HttpSyncServer({student.id: student.api})
    _conflicting_titles(student, server)
    laptop = device(student.id)
    _sync(laptop.pull(server))
    [notice] = [r for r in laptop.view().values() if r.kind == "conflict_notice"]
    laptop.mutate("notice.dismiss", {"id": notice.id})
    _sync(laptop.push(server))

    [result] = laptop.results.values()
    assert (result.outcome, result.lost) == ("applied", [])
    [after] = _notices(student)
    assert (after["id"], after["fields"]["dismissed"]) == (notice.id, True)


def test_a_notice_names_the_field_in_words(base_url: str) -> None:
    student = student_in(base_url, classroom(base_url))
    _conflicting_titles(student, HttpSyncServer({student.id: student.api}))
    [notice] = _notices(student)
    fields = notice["fields"]
    assert (fields["record_kind"], fields["field"], fields["field_label"]) == (
        "goal",
        "title",
        "name",
    )
    assert {fields["lost_value"], fields["winning_value"]} == {"Phone title", "Tablet title"}
