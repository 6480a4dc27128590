"""Helpers for the push tests: the server's database and keys, seen from the test process.

The scheduler and dispatchers are plain functions over an engine, so a test runs them against
a real server's database with a clock of its choosing, the way a second worker process would.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zoneinfo
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from backend.db import postgres_config, run_sql
from backend.notifications.dispatcher import dispatch_all
from backend.notifications.due_digests import create_due_digests
from backend.notifications.retry import RetryPolicy
from backend.notifications.vapid import VapidSigner, load_vapid, public_key
from backend.settings import Settings, load_settings
from tests.integration.push_service import PushService
from tests.integration.servers import Server, running_server

PUSH_ENV = {
    "WAYPOINT_PUSH_ALLOW_HTTP_LOOPBACK": "true",
    # These servers never push on their own: each test drives the clock.
    "WAYPOINT_PUSH_WORKER": "false",
}


def engine_for(server: Server) -> Engine[Any]:
    """A Piccolo engine on `server`'s own database."""
    if server.database_url:
        return PostgresEngine(config=postgres_config(server.database_url))
    return SQLiteEngine(path=str(server.data_dir / "waypoint.sqlite3"), timeout=30)


def settings_of(server: Server) -> Settings:
    """The settings the server derived from its data directory (secret, VAPID key file)."""
    return load_settings({"WAYPOINT_DATA_DIR": str(server.data_dir)})


def push_server_of(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    env: dict[str, str] = PUSH_ENV,
) -> Iterator[Server]:
    """A module's own push server on the engine `request` names (a fixture's body)."""
    engine = str(request.param)
    with running_server(engine, tmp_path_factory.mktemp(f"{name}-{engine}"), env) as srv:
        yield srv


class Pusher:
    """The scheduler and a dispatcher of one server, run from the test with an injected clock."""

    def __init__(self, server: Server, service: PushService) -> None:
        self.server = server
        self.engine = engine_for(server)
        self.settings = settings_of(server)
        self.vapid = load_vapid(self.settings)
        self.public_key = public_key(self.vapid)
        self.signer = VapidSigner(self.vapid, self.settings.vapid_subject)
        service.expect(self.public_key, self.settings.vapid_subject)
        self.service = service

    async def quiet(self) -> None:
        """Make the coming test's parents the only ones due: earlier tests' parents go quiet."""
        await self.rows("UPDATE push_preference SET frequency = {}", "off")
        await self.rows("DELETE FROM push_subscription")
        await self.rows("DELETE FROM push_outbox")
        self.service.errors.clear()

    async def tick(self, now: dt.datetime) -> list[int]:
        return await create_due_digests(self.engine, now, secret=self.settings.secret_key)

    async def dispatch(
        self, now: dt.datetime, *, worker: str = "test", policy: RetryPolicy | None = None
    ) -> dict[str, int]:
        async with httpx.AsyncClient(timeout=10) as http:
            counts = await dispatch_all(
                self.engine,
                http,
                self.signer,
                now_ms=ms(now),
                worker=worker,
                policy=policy,
            )
        return dict(counts)

    async def rows(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return await run_sql(self.engine, sql, *args)

    async def put_record(
        self, kind: str, space: int, fields: dict[str, Any], *, updated: dt.datetime
    ) -> str:
        """A synced record written straight into the store (as the server's own rules would)."""
        record_id = str(uuid.uuid4())
        await run_sql(
            self.engine,
            "INSERT INTO sync_record (kind, record_id, space, fields, clocks, deleted, version, "
            "created_by, origin_client, updated_ms) "
            "VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
            kind,
            record_id,
            space,
            json.dumps(fields),
            "{}",
            False,
            1_000_000 + int(uuid.uuid4().int % 1_000_000),
            space,
            None,
            ms(updated),
        )
        return record_id


def ms(instant: dt.datetime) -> int:
    return int(instant.timestamp() * 1000)


def at(day: dt.date, hhmm: str, zone: str) -> dt.datetime:
    """The instant of local `hhmm` on `day` in `zone`."""
    hours, minutes = (int(x) for x in hhmm.split(":"))
    local = dt.datetime.combine(day, dt.time(hours, minutes), tzinfo=zoneinfo.ZoneInfo(zone))
    return local.astimezone(dt.UTC)
