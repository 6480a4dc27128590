"""Shared setup for the sync specifications: users, a simulated clock and request builders."""

from __future__ import annotations

import uuid
from collections.abc import Coroutine
from typing import Any, TypeVar

from sync.actor import Actor
from sync.memory import MemoryServer, MemoryStore
from sync.policy import ApprovalPolicy
from sync.wire import PROTOCOL_VERSION, Mutation, PushRequest

T = TypeVar("T")

STUDENT = 7
OTHER_STUDENT = 8
TEACHER = 100
PARENT = 200
START_MS = 1_750_000_000_000
CLASS = 3
"""The class both students are in, under a new class's policy, unless a test says otherwise."""

ACTORS = {
    STUDENT: Actor(STUDENT, "student", frozenset({STUDENT}), STUDENT),
    OTHER_STUDENT: Actor(OTHER_STUDENT, "student", frozenset({OTHER_STUDENT}), OTHER_STUDENT),
    TEACHER: Actor(TEACHER, "teacher", frozenset({STUDENT, OTHER_STUDENT}), None),
    PARENT: Actor(PARENT, "parent", frozenset(), None),
}


class SimClock:
    """Server time, advanced explicitly by tests."""

    def __init__(self, now_ms: int = START_MS) -> None:
        self.now = now_ms

    def __call__(self) -> int:
        return self.now

    def advance(self, ms: int) -> None:
        self.now += ms


def new_server(clock: SimClock, max_page: int = 1000) -> MemoryServer:
    """An engine over a fresh in-memory store; the parent sees the student's space.

    Both students are in ``CLASS`` under a new class's policy. Like a space whose classes
    were set before ``policy`` records existed, no record publishes it: a test that replays
    approvals on a device calls ``set_policies``, which does.
    """
    server = MemoryServer(
        MemoryStore(),
        ACTORS,
        clock,
        extra_visible={PARENT: frozenset({STUDENT})},
        max_page=max_page,
    )
    server.policies = {
        STUDENT: {CLASS: ApprovalPolicy()},
        OTHER_STUDENT: {CLASS: ApprovalPolicy()},
    }
    return server


def new_id() -> str:
    return str(uuid.uuid4())


def hlc_at(ms: int, client_id: str, counter: int = 0) -> str:
    return f"{ms:013d}-{counter:06d}-{client_id}"


def mutation(mutation_id: int, name: str, args: dict[str, Any], clock: str) -> Mutation:
    return Mutation(
        mutation_id=mutation_id,
        name=name,
        args=dict(args),
        hlc=clock,
    )


def push_request(client_id: str, *mutations: Mutation) -> PushRequest:
    return PushRequest(
        protocol_version=PROTOCOL_VERSION, client_id=client_id, mutations=list(mutations)
    )


def goal_args(goal_id: str, **overrides: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "id": goal_id,
        "title": "Read 10 books",
        "target": 10,
        "unit": "pages",
        "deadline": "2025-07-01",
        "class_id": CLASS,
    }
    args.update(overrides)
    return args


def progress_args(progress_id: str, goal_id: str, amount: float = 1) -> dict[str, Any]:
    return {
        "id": progress_id,
        "goal_id": goal_id,
        "amount": amount,
        "occurred_at": "2025-06-01T10:00:00Z",
    }


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine that never suspends (the in-memory engine) without an event loop."""
    try:
        coroutine.send(None)
    except StopIteration as finished:
        result: T = finished.value
        return result
    coroutine.close()
    raise RuntimeError("the coroutine suspended; the in-memory engine should never wait")
