"""Specification of conflict notices: one for each value a person entered that was lost, and none
for what the server made or for a timer's state changes."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from sync import notices
from sync.memory import MemoryServer
from sync.mutations import KIND_OF_PREFIX, MUTATION_ARGS, NOT_FIELDS, CreateArgs, UpdateArgs
from sync.records import CONFLICT_NOTICE, GOAL, NUDGE, TIME_ENTRY, Record
from sync.wire import MutationResult
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
    return [r for r in server.store.records() if r.kind == kind and not r.deleted]


async def push_one(
    server: MemoryServer, client: str, mid: int, name: str, args: dict[str, Any], at: int
) -> MutationResult:
    response = await server.push(
        STUDENT, push_request(client, mutation(mid, name, args, hlc_at(at, client)))
    )
    return response.results[0]


async def server_made_nudge(server: MemoryServer) -> str:
    fields = {"kind": "behind_pace", "title": "Catch up", "dismissed": False, "acted": None}
    nudge_id = new_id()
    await server.store.put_record(
        Record(
            kind=NUDGE,
            id=nudge_id,
            space=STUDENT,
            fields=fields,
            clocks=dict.fromkeys(fields, hlc_at(START_MS, "server")),
            created_by=STUDENT,
            origin_client="server",
        )
    )
    return nudge_id


async def test_dismissing_a_server_made_nudge_makes_no_notice(server: MemoryServer) -> None:
    nudge_id = await server_made_nudge(server)
    result = await push_one(server, "phone", 1, "nudge.dismiss", {"id": nudge_id}, START_MS + 1)
    assert (result.outcome, result.lost) == ("applied", [])
    assert records_of(server, NUDGE)[0].fields["dismissed"] is True
    assert records_of(server, CONFLICT_NOTICE) == []


async def test_acting_on_a_nudge_from_two_devices_makes_no_notice(server: MemoryServer) -> None:
    nudge_id = await server_made_nudge(server)
    act = {"id": nudge_id, "action": "adjust_goal"}
    await push_one(server, "phone", 1, "nudge.act", act, START_MS + 20)
    other = {"id": nudge_id, "action": "open_goal"}
    result = await push_one(server, "tablet", 1, "nudge.act", other, START_MS + 10)
    assert (result.outcome, result.lost) == ("applied", [])
    assert records_of(server, CONFLICT_NOTICE) == []


async def start_timer(server: MemoryServer, at: int = START_MS) -> str:
    entry = new_id()
    start = {"id": entry, "kind": "study", "started_at": "2025-06-01T10:00:00Z"}
    assert (await push_one(server, "phone", 1, "time.start", start, at)).outcome == "applied"
    return entry


def stop(entry: str, at: str = "2025-06-01T10:25:00Z") -> dict[str, Any]:
    return {"id": entry, "stopped_at": at}


async def test_stopping_a_timer_started_on_another_device_makes_no_notice(
    server: MemoryServer,
) -> None:
    entry = await start_timer(server)
    result = await push_one(server, "tablet", 1, "time.stop", stop(entry), START_MS + 5)
    assert (result.outcome, result.lost) == ("applied", [])
    [record] = records_of(server, TIME_ENTRY)
    assert (record.fields["running"], record.fields["minutes"]) == (False, 25)
    assert records_of(server, CONFLICT_NOTICE) == []


async def test_a_stop_from_a_clamped_device_still_stops_the_timer(server: MemoryServer) -> None:
    # Started by a device 50 minutes fast; stopped by one clamped back to the server's time.
    entry = await start_timer(server, START_MS + 50 * MINUTE)
    result = await push_one(server, "tablet", 1, "time.stop", stop(entry), START_MS + 150 * MINUTE)
    assert (result.outcome, result.clock_clamped) == ("applied", True)
    assert records_of(server, TIME_ENTRY)[0].fields["running"] is False


async def test_a_second_stop_changes_nothing(server: MemoryServer) -> None:
    entry = await start_timer(server)
    await push_one(server, "tablet", 1, "time.stop", stop(entry), START_MS + 5)
    late = stop(entry, "2025-06-01T10:40:00Z")
    result = await push_one(server, "laptop", 1, "time.stop", late, START_MS + 9)
    assert (result.outcome, result.lost) == ("applied", [])
    assert records_of(server, TIME_ENTRY)[0].fields["minutes"] == 25
    assert records_of(server, CONFLICT_NOTICE) == []


async def test_a_stop_keeps_minutes_entered_while_the_timer_ran(server: MemoryServer) -> None:
    entry = await start_timer(server)
    typed = {"id": entry, "minutes": 40}
    await push_one(server, "laptop", 1, "time.update", typed, START_MS + 3)
    result = await push_one(server, "tablet", 1, "time.stop", stop(entry), START_MS + 5)
    assert result.outcome == "applied"
    [record] = records_of(server, TIME_ENTRY)
    assert (record.fields["running"], record.fields["minutes"]) == (False, 40)


async def test_stopping_a_deleted_timer_makes_no_notice(server: MemoryServer) -> None:
    entry = await start_timer(server)
    await push_one(server, "phone", 2, "time.delete", {"id": entry}, START_MS + 3)
    result = await push_one(server, "tablet", 1, "time.stop", stop(entry), START_MS + 5)
    assert (result.outcome, result.lost) == ("applied", [])
    assert records_of(server, CONFLICT_NOTICE) == []


async def conflicting_titles(server: MemoryServer) -> str:
    goal_id = new_id()
    await push_one(server, "phone", 1, "goal.create", goal_args(goal_id), START_MS)
    base = {"title": hlc_at(START_MS, "phone")}
    for client, title, at in (("phone", "Phone title", 20), ("tablet", "Tablet title", 10)):
        edit = {"id": goal_id, "title": title, "base": base}
        await push_one(server, client, 2 if client == "phone" else 1, "goal.update", edit, at)
    return goal_id


async def test_a_real_loss_makes_a_notice_naming_the_field_in_words(
    server: MemoryServer,
) -> None:
    goal_id = await conflicting_titles(server)
    [notice] = records_of(server, CONFLICT_NOTICE)
    assert {k: notice.fields[k] for k in ("record_id", "field", "field_label", "lost_value")} == {
        "record_id": goal_id,
        "field": "title",
        "field_label": "name",
        "lost_value": "Tablet title",
    }


async def test_dismissing_a_notice_on_a_third_device_makes_no_notice(
    server: MemoryServer,
) -> None:
    await conflicting_titles(server)
    [notice] = records_of(server, CONFLICT_NOTICE)
    result = await push_one(server, "laptop", 1, "notice.dismiss", {"id": notice.id}, START_MS)
    assert (result.outcome, result.lost) == ("applied", [])
    [after] = records_of(server, CONFLICT_NOTICE)
    assert (after.id, after.fields["dismissed"]) == (notice.id, True)


def _entered_fields() -> set[tuple[str, str]]:
    """(kind, field) of every value a student can type in, from the mutations' arguments."""
    not_typed = set(NOT_FIELDS)
    found: set[tuple[str, str]] = set()
    for name, args_type in MUTATION_ARGS.items():
        if not issubclass(args_type, CreateArgs | UpdateArgs) and name != "preferences.set":
            continue
        kind = KIND_OF_PREFIX[name.partition(".")[0]]
        for field in msgspec.structs.fields(args_type):
            if field.name not in not_typed and kind not in notices.SERVER_MADE_KINDS:
                found.add((kind, field.name))
    return found


def test_every_field_a_student_enters_has_words_for_a_notice() -> None:
    missing = {
        (kind, field)
        for kind, field in _entered_fields()
        if field not in notices.FIELD_LABELS.get(kind, {})
    }
    assert missing == set()


def test_server_made_and_state_fields_are_quiet() -> None:
    assert notices.quiet_fields(NUDGE, frozenset({"dismissed", "acted"})) == {"dismissed", "acted"}
    assert notices.quiet_fields(CONFLICT_NOTICE, frozenset({"dismissed"})) == {"dismissed"}
    assert notices.quiet_fields(TIME_ENTRY, frozenset({"running", "minutes"})) == {"running"}
    assert notices.quiet_fields(GOAL, frozenset({"title"})) == frozenset()
