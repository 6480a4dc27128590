"""Clamping a clock that runs ahead keeps what the device meant.

A device whose clock is more than an hour fast has its clocks pulled back to the server's time,
but its edits keep their order, and an edit made knowingly over a value it had seen wins.
"""

from __future__ import annotations

import time
import uuid

from sync.client import Device
from tests.integration.blocking import run_blocking
from tests.integration.people import classroom, student_in
from tests.integration.syncing import (
    HttpSyncServer,
    clock,
    goal_args,
    live,
    new_client_id,
    pull_all,
    push_clocked,
)

MINUTE = 60 * 1000


def _now_ms() -> int:
    return int(time.time() * 1000)


def test_a_fast_devices_edits_in_one_push_keep_their_order(base_url: str) -> None:
    student = student_in(base_url, classroom(base_url))
    client_id, goal_id = new_client_id(), str(uuid.uuid4())
    ahead = _now_ms() + 120 * MINUTE
    body = push_clocked(
        student.api,
        client_id,
        (1, "goal.create", goal_args(goal_id), clock(client_id, ahead, 0)),
        (2, "goal.update", {"id": goal_id, "title": "first"}, clock(client_id, ahead, 1)),
        (3, "goal.update", {"id": goal_id, "title": "second"}, clock(client_id, ahead + 1, 0)),
    )
    assert [(r["outcome"], r.get("clock_clamped")) for r in body["results"]] == [
        ("applied", True)
    ] * 3
    changes, _ = pull_all(student.api, new_client_id())
    [goal] = live(changes, "goal")
    assert goal["fields"]["title"] == "second"
    assert live(changes, "conflict_notice") == []


def test_a_knowing_edit_from_a_clamped_device_wins(base_url: str) -> None:
    student = student_in(base_url, classroom(base_url))
    server = HttpSyncServer({student.id: student.api})
    tablet = Device(new_client_id(), student.id, student.id, lambda: _now_ms() + 30 * MINUTE)
    phone = Device(new_client_id(), student.id, student.id, lambda: _now_ms() + 150 * MINUTE)
    goal_id = str(uuid.uuid4())

    async def scenario() -> None:
        tablet.mutate("goal.create", goal_args(goal_id, title="From the tablet"))
        await tablet.push(server)
        await phone.pull(server)
        base = phone.base_clocks("goal", goal_id, ["title"])
        phone.mutate("goal.update", {"id": goal_id, "title": "From the phone", "base": base})
        await phone.push(server)
        await phone.pull(server)

    run_blocking(scenario())
    [result] = phone.results.values()
    assert (result.outcome, result.clock_clamped, result.lost) == ("applied", True, [])
    assert phone.view()[("goal", goal_id)].fields["title"] == "From the phone"
    assert [r for r in phone.view().values() if r.kind == "conflict_notice"] == []
