"""Delivery guarantees: two dispatchers send each push exactly once; a lost claim comes back.

The dispatchers here run in the test process against a real server's database, each with its
own engine (its own connections), the way two app workers would.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from piccolo.engine.postgres import PostgresEngine

from backend.notifications.dispatcher import claim, dispatch_all, finish
from backend.notifications.retry import Decision
from backend.notifications.webpush import PushResult
from tests.conftest import ENGINES
from tests.integration.people import Person, classroom, register
from tests.integration.push_service import Device, PushService
from tests.integration.pushing import PUSH_ENV, Pusher, engine_for, ms, push_server_of
from tests.integration.servers import Server

# This server also runs its own push job, on the real clock, every 200 ms; the rows the tests
# below write are due only at a future instant, so that job leaves them to the test.
LOOP_ENV = {
    **PUSH_ENV,
    "WAYPOINT_SCHEDULER": "true",
    "WAYPOINT_PUSH_WORKER": "true",
    "WAYPOINT_PUSH_INTERVAL_MS": "200",
}
FUTURE = dt.datetime.now(dt.UTC) + dt.timedelta(days=30)


@pytest.fixture(scope="module", params=ENGINES)
def push_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    yield from push_server_of(request, tmp_path_factory, "push-delivery", LOOP_ENV)


@pytest.fixture
async def pusher(push_server: Server, service: PushService) -> AsyncIterator[Pusher]:
    service.errors.clear()
    service.delay_s = 0
    yield Pusher(push_server, service)
    assert service.errors == [], service.errors


async def queue_pushes(
    pusher: Pusher, parent: Person, devices: list[Device], digests: int, due: dt.datetime
) -> None:
    """`digests` stored digests for `parent`, each with an outbox row per device, due at `due`."""
    for device in devices:
        response = parent.api.post("/api/push/subscriptions", json=device.subscription())
        assert response.status_code == 201, response.text
    subscriptions = await pusher.rows(
        "SELECT id FROM push_subscription WHERE owner = {} ORDER BY id", parent.id
    )
    for n in range(digests):
        [row] = await pusher.rows(
            "INSERT INTO parent_digest (parent, period_key, kind, period_start_ms, period_end_ms, "
            "created_ms, title, body, content) VALUES ({}, {}, {}, 0, 0, 0, {}, {}, {}) "
            "RETURNING id",
            parent.id,
            f"daily:test-{n}",
            "daily",
            "t",
            "b",
            "{}",
        )
        payload = json.dumps({"digest_id": row["id"]})
        for sub in subscriptions:
            await pusher.rows(
                "INSERT INTO push_outbox (digest, subscription, parent, topic, payload, ttl, "
                "urgency, status, attempts, next_attempt_ms, lease_until_ms, claim_token, "
                "created_ms, finished_ms, last_error) "
                "VALUES ({}, {}, {}, {}, {}, 60, {}, {}, 0, {}, 0, {}, 0, 0, {})",
                row["id"],
                sub["id"],
                parent.id,
                "",
                payload,
                "normal",
                "pending",
                ms(due),
                "",
                "",
            )


async def test_two_dispatchers_deliver_every_push_exactly_once(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    parent = register(push_server.base_url, "parent")
    devices = [service.device() for _ in range(8)]
    await queue_pushes(pusher, parent, devices, digests=10, due=FUTURE)
    service.delay_s = 0.01
    engines = [engine_for(push_server), engine_for(push_server)]
    for engine in engines:
        if isinstance(engine, PostgresEngine):
            await engine.start_connection_pool(min_size=1, max_size=4)
    try:
        async with httpx.AsyncClient(timeout=10) as http:
            results = await asyncio.gather(
                *(
                    dispatch_all(
                        engine, http, pusher.signer, now_ms=ms(FUTURE), worker=name, limit=4
                    )
                    for engine, name in zip(engines, ("a", "b"), strict=True)
                )
            )
    finally:
        for engine in engines:
            if isinstance(engine, PostgresEngine):
                await engine.close_connection_pool()

    assert sum(c["sent"] for c in results) == 80
    assert all(c["sent"] > 0 for c in results), results
    delivered = Counter(
        (d.token, d.message["digest_id"])
        for d in service.deliveries
        if d.token in {x.token for x in devices}
    )
    assert len(delivered) == 80
    assert set(delivered.values()) == {1}
    rows = await pusher.rows(
        "SELECT o.status, o.attempts, COUNT(a.id) AS tries FROM push_outbox o "
        "JOIN push_attempt a ON a.outbox = o.id WHERE o.parent = {} "
        "GROUP BY o.id, o.status, o.attempts",
        parent.id,
    )
    assert len(rows) == 80
    assert {(r["status"], r["attempts"], r["tries"]) for r in rows} == {("sent", 1, 1)}


async def test_a_claim_that_is_never_finished_is_delivered_after_its_lease(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    parent = register(push_server.base_url, "parent")
    device = service.device()
    due = FUTURE + dt.timedelta(days=1)
    await queue_pushes(pusher, parent, [device], digests=1, due=due)

    # A dispatcher claims the row and dies before sending it.
    [lost] = await claim(pusher.engine, now_ms=ms(due), lease_ms=60_000, limit=100)
    assert await pusher.dispatch(due + dt.timedelta(seconds=59)) == {}
    assert service.received(device) == []

    assert await pusher.dispatch(due + dt.timedelta(seconds=60)) == {"sent": 1}
    assert len(service.received(device)) == 1
    [row] = await pusher.rows("SELECT status, attempts FROM push_outbox WHERE id = {}", lost.id)
    assert row == {"status": "sent", "attempts": 2}

    # Should the lost dispatcher come back, its stale claim cannot change the row.
    late = await finish(
        pusher.engine,
        lost,
        Decision(status="pending", reason="server error 500", next_attempt_ms=0),
        PushResult(status_code=500),
        worker="lost",
        now_ms=ms(due) + 61_000,
    )
    assert late is False
    [row] = await pusher.rows("SELECT status FROM push_outbox WHERE id = {}", lost.id)
    assert row["status"] == "sent"
    outcomes = await pusher.rows(
        "SELECT worker, outcome FROM push_attempt WHERE outbox = {} ORDER BY id", lost.id
    )
    assert [(o["worker"], o["outcome"]) for o in outcomes] == [("test", "sent"), ("lost", "late")]


def test_the_app_sends_a_due_digest_on_its_own(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    room = classroom(push_server.base_url)
    child = register(push_server.base_url, "student", join_code=room.join_code, display_name="Ida")
    parent = register(push_server.base_url, "parent")
    code = child.api.post("/api/guardian-invites", json={}).json()["code"]
    assert parent.api.post("/api/guardian-links", json={"code": code}).status_code == 201
    device = service.device()
    assert parent.api.post("/api/push/subscriptions", json=device.subscription()).status_code == 201
    a_minute_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).strftime("%H:%M")
    body: dict[str, Any] = {"frequency": "daily", "send_time": a_minute_ago, "time_zone": "UTC"}
    assert parent.api.put("/api/push/preferences", json=body).status_code == 200

    [message] = service.wait_for(device, timeout=30)
    digest = parent.api.get(f"/api/digests/{message['digest_id']}")
    assert digest.status_code == 200
    assert [c["name"] for c in digest.json()["content"]["children"]] == ["Ida"]
