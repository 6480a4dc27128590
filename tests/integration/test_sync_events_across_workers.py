"""With several workers, pokes travel through Redis: a push answered by one worker process
reaches the event streams held by another.

A client cannot choose the worker its connection lands on: the kernel gives it to whichever
worker accepts first. So the test keeps opening streams of the student's viewers until, looked
up from outside (see `processes.py`), every worker holds some. Whichever worker then answers
the push, some streams sit on another one, and every stream must still be poked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import AsyncExitStack

import pytest
import redis

from tests.integration.events import Events, event_stream, push_from_another_device
from tests.integration.people import classroom, parent_of, student_in
from tests.integration.processes import require_proc, worker_holding
from tests.integration.servers import Server, running_server

REDIS_URL = os.environ.get("WAYPOINT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
WORKERS = 2
# Streams to open, at most, before giving up on spreading them over every worker.
MAX_STREAMS = 40


def _require_redis() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {REDIS_URL} is required in CI and unreachable: {exc}")
        pytest.skip(f"Redis at {REDIS_URL} unreachable: {exc}")


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def workers_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A server with several worker processes sharing channels through Redis, per engine."""
    require_proc()
    _require_redis()
    engine = str(request.param)
    tmp = tmp_path_factory.mktemp(f"events-workers-{engine}")
    with running_server(engine, tmp, {"REDIS_URL": REDIS_URL}, workers=WORKERS) as server:
        yield server


async def test_a_push_pokes_streams_held_by_every_worker(workers_server: Server) -> None:
    base_url = workers_server.base_url
    room = classroom(base_url)
    student = student_in(base_url, room)
    parent, _ = parent_of(base_url, student)
    viewers = [student, parent, room.teacher]
    streams: list[Events] = []
    held_by: dict[int, int] = {}  # worker pid -> streams it holds
    async with AsyncExitStack() as opened:
        while len(held_by) < WORKERS:
            assert len(streams) < MAX_STREAMS, f"{MAX_STREAMS} streams all on workers {held_by}"
            viewer = viewers[len(streams) % len(viewers)]
            events = await opened.enter_async_context(event_stream(base_url, viewer.api))
            streams.append(events)
            worker = worker_holding(workers_server, events.client_port)
            held_by[worker] = held_by.get(worker, 0) + 1

        push_from_another_device(base_url, student)

        for events in streams:
            assert await events.next() == ("poke", "pull")
