"""The push job inside the app: every interval, a scheduler tick and a dispatch round.

Every app process may run it; the unique digest key and the outbox claims make several of them
(several workers, several hosts on PostgreSQL) safe together.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from typing import Any

import httpx
from piccolo.engine.base import Engine

from backend.digests.tables import ParentDigest
from backend.notifications.destinations import PushServiceTransport
from backend.notifications.dispatcher import dispatch_all
from backend.notifications.scheduler import create_due_digests
from backend.notifications.vapid import VapidSigner, load_vapid
from backend.scheduler import Job
from backend.settings import Settings

log = logging.getLogger("waypoint.push")

SEND_TIMEOUT_S = 10.0


def worker_name() -> str:
    """Host and process id: which dispatcher made an attempt."""
    return f"{socket.gethostname()}:{os.getpid()}"


async def run_tick(
    engine: Engine[Any],
    http: httpx.AsyncClient,
    signer: VapidSigner,
    settings: Settings,
    now: dt.datetime,
) -> None:
    """One round at ``now``: create the digests due, then send every push that is due."""
    created = await create_due_digests(engine, now, secret=settings.secret_key)
    if created:
        log.info("created %d digest(s)", len(created))
    counts = await dispatch_all(
        engine, http, signer, now_ms=int(now.timestamp() * 1000), worker=worker_name()
    )
    if counts:
        log.info("push round: %s", dict(counts))


def push_client(settings: Settings) -> httpx.AsyncClient:
    """The HTTP client pushes go out on: only to push services, never following redirects."""
    transport = PushServiceTransport(allow_http_loopback=settings.push_allow_http_loopback)
    return httpx.AsyncClient(timeout=SEND_TIMEOUT_S, follow_redirects=False, transport=transport)


def push_jobs(settings: Settings) -> list[Job]:
    """The push job for the app's background jobs (none when WAYPOINT_PUSH_WORKER is false)."""
    if not settings.push_worker:
        return []
    engine = ParentDigest._meta.db
    signer = VapidSigner(load_vapid(settings), settings.vapid_subject)

    async def tick(now: dt.datetime) -> None:
        async with push_client(settings) as http:
            await run_tick(engine, http, signer, settings, now)

    return [Job("push-digests", settings.push_interval_ms / 1000, tick)]
