"""Specification of a create whose id already exists: it never replaces the accepted record.

Ids are the devices' own, so a taken id means the same record was created twice without either
device seeing the other (or, for preferences, the same id on every device by design). The
second create is merged as an edit that saw nothing: per-field last writer wins, and every
value that loses becomes a conflict notice.
"""

from __future__ import annotations

import pytest

from sync.memory import MemoryServer, MemoryStore
from sync.records import CHANGE_REQUEST, CONFLICT_NOTICE, GOAL, PREFERENCES, Record, preferences_id
from sync.wire import MutationResult
from tests.unit.sync.scenarios import (
    OTHER_STUDENT,
    START_MS,
    STUDENT,
    TEACHER,
    SimClock,
    goal_args,
    hlc_at,
    mutation,
    new_id,
    new_server,
    push_request,
)


@pytest.fixture
def server() -> MemoryServer:
    return new_server(SimClock())


def records_of(server: MemoryServer, kind: str) -> list[Record]:
    return [r for r in server.store.records() if r.kind == kind]


async def create(
    server: MemoryServer, client: str, goal_id: str, at_ms: int, **values: object
) -> MutationResult:
    args = goal_args(goal_id, **values)
    request = push_request(client, mutation(1, "goal.create", args, hlc_at(at_ms, client)))
    response = await server.push(STUDENT, request)
    return response.results[0]


async def test_a_second_create_with_a_later_clock_wins_and_the_first_is_reported(
    server: MemoryServer,
) -> None:
    goal_id = new_id()
    first = await create(server, "phone", goal_id, START_MS, title="Phone title")
    second = await create(server, "tablet", goal_id, START_MS + 5, title="Tablet title")
    assert first.outcome == "applied"
    assert second.outcome == "merged"
    assert [(lost.field, lost.lost_value, lost.winning_value) for lost in second.lost] == [
        ("title", "Phone title", "Tablet title")
    ]
    [goal] = records_of(server, GOAL)
    assert goal.fields["title"] == "Tablet title"
    [notice] = records_of(server, CONFLICT_NOTICE)
    assert (notice.fields["lost_value"], notice.fields["lost_client"]) == ("Phone title", "phone")


async def test_a_second_create_with_an_older_clock_keeps_the_first_and_reports_itself(
    server: MemoryServer,
) -> None:
    goal_id = new_id()
    await create(server, "phone", goal_id, START_MS + 5, title="Phone title")
    second = await create(server, "tablet", goal_id, START_MS, title="Tablet title")
    assert second.outcome == "merged"
    [goal] = records_of(server, GOAL)
    assert goal.fields["title"] == "Phone title"
    [notice] = records_of(server, CONFLICT_NOTICE)
    assert (notice.fields["lost_value"], notice.fields["lost_client"]) == ("Tablet title", "tablet")


async def test_an_identical_second_create_is_applied_without_notice(server: MemoryServer) -> None:
    goal_id = new_id()
    await create(server, "phone", goal_id, START_MS)
    second = await create(server, "tablet", goal_id, START_MS + 5)
    assert second.outcome == "applied"
    assert records_of(server, CONFLICT_NOTICE) == []
    assert len(records_of(server, GOAL)) == 1


async def test_a_second_create_does_not_reset_an_approved_goal_to_proposed(
    server: MemoryServer,
) -> None:
    goal_id = new_id()
    await create(server, "phone", goal_id, START_MS)
    approve = {"id": goal_id, "status": "active", "base": {"status": hlc_at(START_MS, "phone")}}
    await server.push(
        TEACHER,
        push_request("laptop", mutation(1, "goal.update", approve, hlc_at(START_MS + 1, "laptop"))),
    )
    second = await create(server, "tablet", goal_id, START_MS + 5, target=5)
    # A lower target on an approved goal waits for the teacher, as it would as an edit.
    assert second.outcome == "change_request"
    [goal] = records_of(server, GOAL)
    assert (goal.fields["status"], goal.fields["target"]) == ("active", 10)
    assert records_of(server, CHANGE_REQUEST)[0].fields["proposed"] == {"target": 5}


async def test_a_create_reaching_a_deleted_record_does_not_resurrect_it(
    server: MemoryServer,
) -> None:
    goal_id = new_id()
    await create(server, "phone", goal_id, START_MS)
    delete = mutation(2, "goal.delete", {"id": goal_id}, hlc_at(START_MS + 1, "phone"))
    await server.push(STUDENT, push_request("phone", delete))
    second = await create(server, "tablet", goal_id, START_MS + 5)
    assert second.outcome == "merged"
    assert {lost.reason for lost in second.lost} == {"deleted"}
    [goal] = records_of(server, GOAL)
    assert goal.deleted


async def test_a_create_of_an_id_taken_in_another_space_is_rejected(
    server: MemoryServer,
) -> None:
    goal_id = new_id()
    await create(server, "phone", goal_id, START_MS)
    request = push_request(
        "laptop", mutation(1, "goal.create", goal_args(goal_id), hlc_at(START_MS + 5, "laptop"))
    )
    response = await server.push(OTHER_STUDENT, request)
    assert response.results[0].outcome == "rejected"
    assert records_of(server, GOAL)[0].space == STUDENT


async def test_first_preferences_from_two_devices_merge_field_by_field(
    server: MemoryServer,
) -> None:
    prefs = preferences_id(STUDENT)
    phone = {"id": prefs, "weekly_study_hours": 6, "quiet_start": "21:00"}
    tablet = {"id": prefs, "weekly_study_hours": 8, "quiet_end": "07:00"}
    await server.push(
        STUDENT,
        push_request("phone", mutation(1, "preferences.set", phone, hlc_at(START_MS, "phone"))),
    )
    response = await server.push(
        STUDENT,
        push_request(
            "tablet", mutation(1, "preferences.set", tablet, hlc_at(START_MS + 5, "tablet"))
        ),
    )
    assert response.results[0].outcome == "merged"
    [stored] = records_of(server, PREFERENCES)
    assert stored.fields == {"weekly_study_hours": 8, "quiet_start": "21:00", "quiet_end": "07:00"}


async def test_the_store_never_lets_a_create_replace_a_stored_record() -> None:
    store = MemoryStore()
    first = Record(kind=GOAL, id="g", space=STUDENT, fields={"title": "a"}, clocks={}, created_by=1)
    second = Record(
        kind=GOAL, id="g", space=STUDENT, fields={"title": "b"}, clocks={}, created_by=1
    )
    assert await store.insert_records([first]) == 1
    assert await store.insert_records([second]) == 0
    assert [r.fields for r in store.records()] == [{"title": "a"}]
