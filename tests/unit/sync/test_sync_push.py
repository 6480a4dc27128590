"""Specification of applying pushes: ordering, idempotency, outcomes and authorization."""

from __future__ import annotations

import pytest

from sync.errors import ClientOwnershipError, MutationGapError, UnsupportedProtocolError
from sync.memory import MemoryServer
from sync.mutations import MUTATION_ARGS
from sync.records import CHANGE_REQUEST, CONFLICT_NOTICE, GOAL, PROGRESS, TIME_ENTRY, Record
from sync.rules import RULES
from sync.wire import PushRequest
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
    progress_args,
    push_request,
)


@pytest.fixture
def clock() -> SimClock:
    return SimClock()


@pytest.fixture
def server(clock: SimClock) -> MemoryServer:
    return new_server(clock)


async def create_goal(server: MemoryServer, client: str = "phone", **overrides: object) -> str:
    goal_id = new_id()
    request = push_request(
        client,
        mutation(1, "goal.create", goal_args(goal_id, **overrides), hlc_at(START_MS, client)),
    )
    response = await server.push(STUDENT, request)
    assert response.results[0].outcome == "applied"
    return goal_id


def records_of(server: MemoryServer, kind: str) -> list[Record]:
    return [r for r in server.store.records() if r.kind == kind]


async def test_two_offline_increments_both_count(server: MemoryServer) -> None:
    goal_id = await create_goal(server, "phone")
    phone = push_request(
        "phone",
        mutation(
            2, "progress.add", progress_args(new_id(), goal_id), hlc_at(START_MS + 5, "phone")
        ),
    )
    tablet = push_request(
        "tablet",
        mutation(
            1, "progress.add", progress_args(new_id(), goal_id), hlc_at(START_MS + 5, "tablet")
        ),
    )
    await server.push(STUDENT, phone)
    await server.push(STUDENT, tablet)
    assert sum(r.fields["amount"] for r in records_of(server, PROGRESS)) == 2


async def test_retried_push_gets_identical_answer_and_applies_once(server: MemoryServer) -> None:
    goal_id = await create_goal(server)
    request = push_request(
        "phone",
        mutation(
            2, "progress.add", progress_args(new_id(), goal_id), hlc_at(START_MS + 1, "phone")
        ),
    )
    first = await server.push(STUDENT, request)
    again = await server.push(STUDENT, request)
    assert again == first
    assert len(records_of(server, PROGRESS)) == 1


async def test_batch_overlapping_applied_ids_applies_only_new_ones(server: MemoryServer) -> None:
    goal_id = await create_goal(server)
    add = mutation(
        2, "progress.add", progress_args(new_id(), goal_id), hlc_at(START_MS + 1, "phone")
    )
    await server.push(STUDENT, push_request("phone", add))
    later = mutation(
        3, "progress.add", progress_args(new_id(), goal_id), hlc_at(START_MS + 2, "phone")
    )
    response = await server.push(STUDENT, push_request("phone", add, later))
    assert [r.outcome for r in response.results] == ["applied", "applied"]
    assert response.last_mutation_id == 3
    assert len(records_of(server, PROGRESS)) == 2


async def test_gap_in_mutation_ids_is_refused_and_nothing_applies(server: MemoryServer) -> None:
    request = push_request(
        "phone", mutation(2, "goal.create", goal_args(new_id()), hlc_at(START_MS, "phone"))
    )
    with pytest.raises(MutationGapError) as refused:
        await server.push(STUDENT, request)
    assert (refused.value.expected, refused.value.got, refused.value.status_code) == (1, 2, 409)
    assert server.store.records() == []


async def test_non_consecutive_batch_is_refused(server: MemoryServer) -> None:
    request = push_request(
        "phone",
        mutation(1, "goal.create", goal_args(new_id()), hlc_at(START_MS, "phone")),
        mutation(3, "goal.create", goal_args(new_id()), hlc_at(START_MS + 1, "phone")),
    )
    with pytest.raises(MutationGapError):
        await server.push(STUDENT, request)
    assert server.store.records() == []


async def test_rejected_mutation_advances_and_does_not_block_the_queue(
    server: MemoryServer,
) -> None:
    request = push_request(
        "phone",
        mutation(1, "goal.create", goal_args(new_id(), target=-3), hlc_at(START_MS, "phone")),
        mutation(2, "goal.create", goal_args(new_id()), hlc_at(START_MS + 1, "phone")),
    )
    response = await server.push(STUDENT, request)
    assert [r.outcome for r in response.results] == ["rejected", "applied"]
    assert response.results[0].reason is not None
    assert "target" in response.results[0].reason
    assert response.last_mutation_id == 2


async def test_unknown_mutation_name_is_rejected(server: MemoryServer) -> None:
    request = push_request(
        "phone", mutation(1, "goal.explode", {"id": new_id()}, hlc_at(START_MS, "phone"))
    )
    response = await server.push(STUDENT, request)
    assert response.results[0].outcome == "rejected"
    assert response.results[0].reason == "unknown mutation 'goal.explode'"


async def test_clock_of_another_client_is_rejected(server: MemoryServer) -> None:
    request = push_request(
        "phone", mutation(1, "goal.create", goal_args(new_id()), hlc_at(START_MS, "tablet"))
    )
    response = await server.push(STUDENT, request)
    assert response.results[0].outcome == "rejected"


async def test_client_id_of_another_user_is_refused(server: MemoryServer) -> None:
    await create_goal(server, "phone")
    request = push_request(
        "phone", mutation(2, "goal.create", goal_args(new_id()), hlc_at(START_MS, "phone"))
    )
    with pytest.raises(ClientOwnershipError):
        await server.push(OTHER_STUDENT, request)


async def test_unsupported_protocol_version_asks_for_an_update(server: MemoryServer) -> None:
    request = PushRequest(
        protocol_version=99,
        client_id="phone",
        mutations=[mutation(1, "goal.create", goal_args(new_id()), hlc_at(START_MS, "phone"))],
    )
    with pytest.raises(UnsupportedProtocolError, match="update the app"):
        await server.push(STUDENT, request)


async def test_student_cannot_create_in_another_students_space(server: MemoryServer) -> None:
    args = goal_args(new_id(), space=OTHER_STUDENT)
    response = await server.push(
        STUDENT, push_request("phone", mutation(1, "goal.create", args, hlc_at(START_MS, "phone")))
    )
    assert response.results[0].outcome == "rejected"
    assert server.store.records() == []


async def test_student_cannot_edit_another_students_record(server: MemoryServer) -> None:
    goal_id = await create_goal(server)
    args = {"id": goal_id, "title": "Mine now"}
    request = push_request(
        "laptop", mutation(1, "goal.update", args, hlc_at(START_MS + 9, "laptop"))
    )
    response = await server.push(OTHER_STUDENT, request)
    assert response.results[0].outcome == "rejected"
    assert records_of(server, GOAL)[0].fields["title"] == "Read 10 books"


async def test_reusing_an_id_of_another_space_is_rejected(server: MemoryServer) -> None:
    goal_id = await create_goal(server)
    request = push_request(
        "laptop", mutation(1, "goal.create", goal_args(goal_id), hlc_at(START_MS, "laptop"))
    )
    response = await server.push(OTHER_STUDENT, request)
    assert response.results[0].outcome == "rejected"
    assert response.results[0].reason is not None
    assert "another space" in response.results[0].reason


async def test_progress_for_a_goal_of_another_space_is_rejected(server: MemoryServer) -> None:
    goal_id = await create_goal(server)
    request = push_request(
        "laptop",
        mutation(1, "progress.add", progress_args(new_id(), goal_id), hlc_at(START_MS, "laptop")),
    )
    response = await server.push(OTHER_STUDENT, request)
    assert response.results[0].outcome == "rejected"


async def test_concurrent_edit_loses_with_a_conflict_notice(server: MemoryServer) -> None:
    goal_id = await create_goal(server)
    base = {"title": hlc_at(START_MS, "phone")}
    newer = {"id": goal_id, "title": "Phone title", "base": base}
    older = {"id": goal_id, "title": "Tablet title", "base": base}
    await server.push(
        STUDENT,
        push_request("phone", mutation(2, "goal.update", newer, hlc_at(START_MS + 20, "phone"))),
    )
    response = await server.push(
        STUDENT,
        push_request("tablet", mutation(1, "goal.update", older, hlc_at(START_MS + 10, "tablet"))),
    )
    result = response.results[0]
    assert result.outcome == "merged"
    assert [(lost.field, lost.lost_value, lost.winning_value) for lost in result.lost] == [
        ("title", "Tablet title", "Phone title")
    ]
    [notice] = records_of(server, CONFLICT_NOTICE)
    assert notice.space == STUDENT
    assert notice.fields["lost_value"] == "Tablet title"
    assert notice.fields["winning_client"] == "phone"
    assert records_of(server, GOAL)[0].fields["title"] == "Phone title"


async def test_sequential_edit_replaces_without_notice(server: MemoryServer) -> None:
    goal_id = await create_goal(server)
    args = {"id": goal_id, "title": "New", "base": {"title": hlc_at(START_MS, "phone")}}
    response = await server.push(
        STUDENT,
        push_request("tablet", mutation(1, "goal.update", args, hlc_at(START_MS + 10, "tablet"))),
    )
    assert response.results[0].outcome == "applied"
    assert records_of(server, CONFLICT_NOTICE) == []


async def test_edit_after_delete_is_a_notice_not_a_resurrection(server: MemoryServer) -> None:
    goal_id = await create_goal(server)
    await server.push(
        STUDENT,
        push_request(
            "phone", mutation(2, "goal.delete", {"id": goal_id}, hlc_at(START_MS + 5, "phone"))
        ),
    )
    edit = {"id": goal_id, "title": "Still here?"}
    response = await server.push(
        STUDENT,
        push_request("tablet", mutation(1, "goal.update", edit, hlc_at(START_MS + 50, "tablet"))),
    )
    assert response.results[0].outcome == "merged"
    assert response.results[0].lost[0].reason == "deleted"
    [goal] = records_of(server, GOAL)
    assert goal.deleted
    assert goal.fields == {}
    assert records_of(server, CONFLICT_NOTICE)[0].fields["reason"] == "deleted"


async def activate(server: MemoryServer, goal_id: str) -> None:
    args = {"id": goal_id, "status": "active", "base": {"status": hlc_at(START_MS, "phone")}}
    response = await server.push(
        TEACHER,
        push_request(
            "teacher-laptop",
            mutation(1, "goal.update", args, hlc_at(START_MS + 1, "teacher-laptop")),
        ),
    )
    assert response.results[0].outcome == "applied"


async def test_student_cannot_approve_own_goal(server: MemoryServer) -> None:
    goal_id = await create_goal(server)
    args = {"id": goal_id, "status": "active"}
    response = await server.push(
        STUDENT,
        push_request("phone", mutation(2, "goal.update", args, hlc_at(START_MS + 1, "phone"))),
    )
    assert response.results[0].outcome == "change_request"
    assert records_of(server, GOAL)[0].fields["status"] == "proposed"


async def test_governed_edit_of_approved_goal_becomes_change_request(server: MemoryServer) -> None:
    goal_id = await create_goal(server)
    await activate(server, goal_id)
    args = {"id": goal_id, "target": 5, "title": "Read 5 books"}
    response = await server.push(
        STUDENT,
        push_request("phone", mutation(2, "goal.update", args, hlc_at(START_MS + 9, "phone"))),
    )
    result = response.results[0]
    assert result.outcome == "change_request"
    [goal] = records_of(server, GOAL)
    assert (goal.fields["target"], goal.fields["title"]) == (10, "Read 5 books")
    [request] = records_of(server, CHANGE_REQUEST)
    assert request.id == result.change_request_id
    assert request.fields["proposed"] == {"target": 5}
    assert request.fields["current"] == {"target": 10}
    assert request.fields["status"] == "pending"


async def test_deleting_approved_goal_proposes_abandoning_it(server: MemoryServer) -> None:
    goal_id = await create_goal(server)
    await activate(server, goal_id)
    response = await server.push(
        STUDENT,
        push_request(
            "phone", mutation(2, "goal.delete", {"id": goal_id}, hlc_at(START_MS + 9, "phone"))
        ),
    )
    assert response.results[0].outcome == "change_request"
    assert not records_of(server, GOAL)[0].deleted
    assert records_of(server, CHANGE_REQUEST)[0].fields["proposed"] == {"status": "abandoned"}


async def test_far_future_clock_is_clamped_and_flagged(server: MemoryServer) -> None:
    day = 24 * 60 * 60 * 1000
    request = push_request(
        "phone", mutation(1, "goal.create", goal_args(new_id()), hlc_at(START_MS + day, "phone"))
    )
    response = await server.push(STUDENT, request)
    assert response.results[0].clock_clamped
    [goal] = records_of(server, GOAL)
    assert set(goal.clocks.values()) == {hlc_at(START_MS, "phone")}


async def test_timer_start_then_stop_records_minutes(server: MemoryServer) -> None:
    entry = new_id()
    start = {"id": entry, "kind": "study", "started_at": "2025-06-01T10:00:00Z"}
    stop = {"id": entry, "stopped_at": "2025-06-01T10:25:10Z"}
    response = await server.push(
        STUDENT,
        push_request(
            "phone",
            mutation(1, "time.start", start, hlc_at(START_MS, "phone")),
            mutation(2, "time.stop", stop, hlc_at(START_MS + 1, "phone")),
        ),
    )
    assert [r.outcome for r in response.results] == ["applied", "applied"]
    [record] = records_of(server, TIME_ENTRY)
    assert (record.fields["running"], record.fields["minutes"]) == (False, 25)


async def test_free_time_needs_a_category(server: MemoryServer) -> None:
    args = {"id": new_id(), "kind": "free", "started_at": "2025-06-01T10:00:00Z", "minutes": 30}
    response = await server.push(
        STUDENT, push_request("phone", mutation(1, "time.log", args, hlc_at(START_MS, "phone")))
    )
    assert response.results[0].outcome == "rejected"
    assert response.results[0].reason == "free time needs a category"


def test_every_mutation_name_has_a_rule() -> None:
    assert set(MUTATION_ARGS.values()) == set(RULES)
