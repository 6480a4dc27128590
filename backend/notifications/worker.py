"""The push job: every interval inside the app, or once on demand (`waypoint digests`), the
digests due are created and the pushes due are sent.

Every app process may run it; the unique digest key and the outbox claims make several of them
(several workers, several hosts on PostgreSQL) safe together.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections import Counter
from typing import Any

import httpx
from piccolo.engine.base import Engine

from backend.digests.tables import ParentDigest
from backend.notifications.destinations import PushServiceTransport
from backend.notifications.dispatcher import dispatch_all
from backend.notifications.due_digests import create_due_digests
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
) -> tuple[int, Counter[str]]:
    """One round at ``now``: create the digests due, then send every push that is due.

    Returns how many digests it created and the pushes' outcomes, by outcome.
    """
    created = await create_due_digests(engine, now, secret=settings.secret_key)
    if created:
        log.info("created %d digest(s)", len(created))
    counts = await dispatch_all(
        engine, http, signer, now_ms=int(now.timestamp() * 1000), worker=worker_name()
    )
    if counts:
        log.info("push round: %s", dict(counts))
    return len(created), counts


async def tick_once(settings: Settings, now: dt.datetime) -> str:
    """One round on demand, for operators: send what is due now without waiting for the app's
    timer, or (at another ``now``) see what that instant would create. A one-line report."""
    signer = VapidSigner(load_vapid(settings), settings.vapid_subject)
    async with push_client(settings) as http:
        created, counts = await run_tick(ParentDigest._meta.db, http, signer, settings, now)
    return f"digests created: {created}; pushes: {dict(counts) or 'none due'}"


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
