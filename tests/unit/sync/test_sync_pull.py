"""Specification of pulls: pages, cursors, resets, partitions and the privacy filter."""

from __future__ import annotations

import pytest

from sync.compaction import TOMBSTONE_TTL_MS, compact
from sync.cursor import decode_cursor, encode_cursor
from sync.errors import ClientOwnershipError
from sync.memory import MemoryServer
from sync.records import GOAL, TIME_ENTRY
from sync.wire import PROTOCOL_VERSION, PullRequest, PullResponse
from tests.unit.sync.scenarios import (
    OTHER_STUDENT,
    PARENT,
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


@pytest.fixture
def clock() -> SimClock:
    return SimClock()


@pytest.fixture
def server(clock: SimClock) -> MemoryServer:
    return new_server(clock)


def pull_request(cursor: str | None, client_id: str = "phone", limit: int = 1000) -> PullRequest:
    return PullRequest(
        protocol_version=PROTOCOL_VERSION, client_id=client_id, cursor=cursor, limit=limit
    )


async def create_goals(server: MemoryServer, count: int, client: str = "phone") -> list[str]:
    ids = [new_id() for _ in range(count)]
    mutations = [
        mutation(n + 1, "goal.create", goal_args(goal_id), hlc_at(START_MS + n, client))
        for n, goal_id in enumerate(ids)
    ]
    await server.push(STUDENT, push_request(client, *mutations))
    return ids


async def pull_all(
    server: MemoryServer, user: int, client: str, cursor: str | None
) -> list[PullResponse]:
    pages = [await server.pull(user, pull_request(cursor, client, limit=2))]
    while pages[-1].has_more:
        pages.append(await server.pull(user, pull_request(pages[-1].cursor, client, limit=2)))
    return pages


async def test_pull_pages_through_every_change_once(server: MemoryServer) -> None:
    ids = await create_goals(server, 5)
    pages = await pull_all(server, STUDENT, "tablet", None)
    assert [p.has_more for p in pages] == [True, True, False]
    assert sorted(c.id for p in pages for c in p.changes) == sorted(ids)


async def test_pull_after_cursor_returns_only_new_changes(server: MemoryServer) -> None:
    await create_goals(server, 2)
    first = await server.pull(STUDENT, pull_request(None, "tablet"))
    goal_id = new_id()
    await server.push(
        STUDENT,
        push_request(
            "phone", mutation(3, "goal.create", goal_args(goal_id), hlc_at(START_MS + 9, "phone"))
        ),
    )
    second = await server.pull(STUDENT, pull_request(first.cursor, "tablet"))
    assert [c.id for c in second.changes] == [goal_id]
    assert not second.reset


async def test_pull_reports_the_devices_last_mutation_id(server: MemoryServer) -> None:
    await create_goals(server, 3, client="phone")
    response = await server.pull(STUDENT, pull_request(None, "phone"))
    assert response.last_mutation_id == 3


async def test_unreadable_cursor_gets_a_reset(server: MemoryServer) -> None:
    await create_goals(server, 1)
    response = await server.pull(STUDENT, pull_request("not a cursor!"))
    assert response.reset
    assert len(response.changes) == 1


async def test_cursor_of_another_user_gets_a_reset(server: MemoryServer) -> None:
    await create_goals(server, 1)
    foreign = encode_cursor(OTHER_STUDENT, {STUDENT: 1})
    response = await server.pull(STUDENT, pull_request(foreign))
    assert response.reset
    assert decode_cursor(response.cursor, STUDENT) == {STUDENT: 1}


async def test_cursor_below_compaction_floor_gets_a_full_snapshot(
    server: MemoryServer, clock: SimClock
) -> None:
    kept, deleted = await create_goals(server, 2)
    stale = (await server.pull(STUDENT, pull_request(None, "tablet"))).cursor
    await server.push(
        STUDENT,
        push_request(
            "phone", mutation(3, "goal.delete", {"id": deleted}, hlc_at(START_MS + 9, "phone"))
        ),
    )
    clock.advance(TOMBSTONE_TTL_MS + 1)
    assert await compact(server.store, [STUDENT], clock.now) == 1
    response = await server.pull(STUDENT, pull_request(stale, "tablet"))
    assert response.reset
    assert [c.id for c in response.changes] == [kept]


async def test_tombstone_younger_than_ttl_is_kept(server: MemoryServer, clock: SimClock) -> None:
    [goal_id] = await create_goals(server, 1)
    await server.push(
        STUDENT,
        push_request(
            "phone", mutation(2, "goal.delete", {"id": goal_id}, hlc_at(START_MS + 9, "phone"))
        ),
    )
    clock.advance(TOMBSTONE_TTL_MS - 1)
    assert await compact(server.store, [STUDENT], clock.now) == 0


async def test_space_no_longer_visible_is_reported_removed(server: MemoryServer) -> None:
    await create_goals(server, 1)
    cursor = (await server.pull(PARENT, pull_request(None, "parent-phone"))).cursor
    server.extra_visible[PARENT] = frozenset()
    response = await server.pull(PARENT, pull_request(cursor, "parent-phone"))
    assert response.removed_spaces == [STUDENT]
    assert response.changes == []


async def test_cursor_never_widens_visible_spaces(server: MemoryServer) -> None:
    await create_goals(server, 1)
    forged = encode_cursor(OTHER_STUDENT, {STUDENT: 0})
    response = await server.pull(OTHER_STUDENT, pull_request(forged, "laptop"))
    assert all(c.space == OTHER_STUDENT for c in response.changes)
    assert response.removed_spaces == [STUDENT]


async def test_parent_never_receives_private_time_details(server: MemoryServer) -> None:
    args = {
        "id": new_id(),
        "kind": "free",
        "category": "friends",
        "started_at": "2025-06-01T18:00:00Z",
        "minutes": 90,
        "private": True,
        "note": "cinema with Sam",
    }
    await server.push(
        STUDENT, push_request("phone", mutation(1, "time.log", args, hlc_at(START_MS, "phone")))
    )
    [parent_view] = (await server.pull(PARENT, pull_request(None, "parent-phone"))).changes
    [own_view] = (await server.pull(STUDENT, pull_request(None, "phone"))).changes
    assert parent_view.kind == TIME_ENTRY
    assert parent_view.fields == {
        "kind": "free",
        "started_at": "2025-06-01T18:00:00Z",
        "minutes": 90,
        "private": True,
        "running": False,
    }
    assert set(parent_view.clocks) == set(parent_view.fields)
    assert own_view.fields["note"] == "cinema with Sam"


async def test_deleted_record_is_sent_without_fields(server: MemoryServer) -> None:
    [goal_id] = await create_goals(server, 1)
    await server.push(
        STUDENT,
        push_request(
            "phone", mutation(2, "goal.delete", {"id": goal_id}, hlc_at(START_MS + 9, "phone"))
        ),
    )
    [change] = (await server.pull(STUDENT, pull_request(None, "tablet"))).changes
    assert (change.kind, change.deleted, change.fields) == (GOAL, True, {})


async def test_pull_with_another_users_client_id_is_refused(server: MemoryServer) -> None:
    await create_goals(server, 1, client="phone")
    with pytest.raises(ClientOwnershipError):
        await server.pull(OTHER_STUDENT, pull_request(None, "phone"))
