"""`python -m backend.notifications tick [--now ISO]`: one scheduler tick and dispatch round.

For operators: send what is due now without waiting for the app's timer, or (with ``--now``)
see what a given instant would create. It needs the same environment as the app.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt

import httpx

from backend import db
from backend.clock import utcnow
from backend.digests.tables import ParentDigest
from backend.notifications.dispatcher import dispatch_all
from backend.notifications.scheduler import create_due_digests
from backend.notifications.vapid import VapidSigner, load_vapid
from backend.notifications.worker import SEND_TIMEOUT_S, worker_name
from backend.settings import get_settings


def _instant(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError("give a time zone, e.g. 2026-11-29T18:00:00Z")
    return value.astimezone(dt.UTC)


async def _tick(now: dt.datetime) -> None:
    settings = get_settings()
    engine = ParentDigest._meta.db
    await db.prepare(engine)
    try:
        created = await create_due_digests(engine, now, secret=settings.secret_key)
        signer = VapidSigner(load_vapid(settings), settings.vapid_subject)
        async with httpx.AsyncClient(timeout=SEND_TIMEOUT_S) as http:
            counts = await dispatch_all(
                engine, http, signer, now_ms=int(now.timestamp() * 1000), worker=worker_name()
            )
    finally:
        await db.close(engine)
    print(f"digests created: {len(created)}; pushes: {dict(counts) or 'none due'}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m backend.notifications")
    sub = parser.add_subparsers(dest="command", required=True)
    tick = sub.add_parser("tick", help="create the digests due and send the pushes due")
    tick.add_argument("--now", type=_instant, default=None, help="ISO instant (default: now)")
    args = parser.parse_args(argv)
    asyncio.run(_tick(args.now or utcnow()))


if __name__ == "__main__":
    main()
