"""Specification of clamping a fast device's clock without losing what the device meant."""

from __future__ import annotations

import pytest

from sync.memory import MemoryServer
from sync.records import CONFLICT_NOTICE, GOAL, Record
from tests.unit.sync.scenarios import (
    START_MS,
    STUDENT,
    SimClock,
    goal_args,
    hlc_at,
    mutation,
    new_id,
    new_server,
    push_request,
)

MINUTE = 60 * 1000


@pytest.fixture
def server() -> MemoryServer:
    return new_server(SimClock())


def records_of(server: MemoryServer, kind: str) -> list[Record]:
    return [r for r in server.store.records() if r.kind == kind]


async def test_edits_of_a_fast_device_in_one_push_keep_their_order(server: MemoryServer) -> None:
    goal_id, ahead = new_id(), START_MS + 120 * MINUTE
    response = await server.push(
        STUDENT,
        push_request(
            "phone",
            mutation(1, "goal.create", goal_args(goal_id), hlc_at(ahead, "phone", 0)),
            mutation(
                2, "goal.update", {"id": goal_id, "title": "first"}, hlc_at(ahead, "phone", 1)
            ),
            mutation(
                3, "goal.update", {"id": goal_id, "title": "second"}, hlc_at(ahead + 1, "phone")
            ),
        ),
    )
    assert [(r.outcome, r.clock_clamped, r.lost) for r in response.results] == [
        ("applied", True, [])
    ] * 3
    [goal] = records_of(server, GOAL)
    assert goal.fields["title"] == "second"
    assert goal.clocks["title"] == hlc_at(START_MS, "phone", 2)
    assert records_of(server, CONFLICT_NOTICE) == []


async def test_edits_of_a_fast_device_keep_their_order_across_pushes(
    server: MemoryServer,
) -> None:
    # The server's clock does not move between the pushes; the device's counter restarts.
    goal_id, ahead = new_id(), START_MS + 120 * MINUTE
    first = {"id": goal_id, "title": "first"}
    await server.push(
        STUDENT,
        push_request(
            "phone",
            mutation(1, "goal.create", goal_args(goal_id), hlc_at(ahead, "phone", 0)),
            mutation(2, "goal.update", first, hlc_at(ahead, "phone", 5)),
        ),
    )
    second = {"id": goal_id, "title": "second"}
    response = await server.push(
        STUDENT,
        push_request("phone", mutation(3, "goal.update", second, hlc_at(ahead + 1, "phone"))),
    )
    assert (response.results[0].outcome, response.results[0].lost) == ("applied", [])
    assert records_of(server, GOAL)[0].fields["title"] == "second"


async def test_a_knowing_edit_from_a_clamped_device_wins(server: MemoryServer) -> None:
    goal_id = new_id()
    tablet_clock = hlc_at(START_MS + 30 * MINUTE, "tablet")
    await server.push(
        STUDENT,
        push_request("tablet", mutation(1, "goal.create", goal_args(goal_id), tablet_clock)),
    )
    edit = {"id": goal_id, "title": "From the phone", "base": {"title": tablet_clock}}
    response = await server.push(
        STUDENT,
        push_request(
            "phone", mutation(1, "goal.update", edit, hlc_at(START_MS + 150 * MINUTE, "phone"))
        ),
    )
    result = response.results[0]
    assert (result.outcome, result.clock_clamped, result.lost) == ("applied", True, [])
    [goal] = records_of(server, GOAL)
    assert goal.fields["title"] == "From the phone"
    # Just after the value it replaced: later edits that saw the phone's title sort after it.
    assert goal.clocks["title"] == hlc_at(START_MS + 30 * MINUTE, "phone", 1)
    assert records_of(server, CONFLICT_NOTICE) == []


async def test_a_clamped_edit_that_had_not_seen_the_value_still_loses_with_a_notice(
    server: MemoryServer,
) -> None:
    goal_id = new_id()
    await server.push(
        STUDENT,
        push_request(
            "tablet",
            mutation(
                1,
                "goal.create",
                goal_args(goal_id, title="From the tablet"),
                hlc_at(START_MS + 30 * MINUTE, "tablet"),
            ),
        ),
    )
    # A create of the same id offline on the phone: it saw nothing, so its clamping stands.
    response = await server.push(
        STUDENT,
        push_request(
            "phone",
            mutation(
                1,
                "goal.create",
                goal_args(goal_id, title="From the phone"),
                hlc_at(START_MS + 150 * MINUTE, "phone"),
            ),
        ),
    )
    assert response.results[0].outcome == "merged"
    assert records_of(server, GOAL)[0].fields["title"] == "From the tablet"
    [notice] = records_of(server, CONFLICT_NOTICE)
    assert notice.fields["lost_value"] == "From the phone"
