"""One scheduler tick and dispatch round, on demand (`waypoint digests`).

For operators: send what is due now without waiting for the app's timer, or (with ``--now``)
see what a given instant would create.
"""

from __future__ import annotations

import datetime as dt

from backend.digests.tables import ParentDigest
from backend.notifications.dispatcher import dispatch_all
from backend.notifications.scheduler import create_due_digests
from backend.notifications.vapid import VapidSigner, load_vapid
from backend.notifications.worker import push_client, worker_name
from backend.settings import get_settings


async def tick(now: dt.datetime) -> str:
    """Create the digests due at ``now`` and send the pushes due; a one-line report."""
    settings = get_settings()
    engine = ParentDigest._meta.db
    created = await create_due_digests(engine, now, secret=settings.secret_key)
    signer = VapidSigner(load_vapid(settings), settings.vapid_subject)
    async with push_client(settings) as http:
        counts = await dispatch_all(
            engine, http, signer, now_ms=int(now.timestamp() * 1000), worker=worker_name()
        )
    return f"digests created: {len(created)}; pushes: {dict(counts) or 'none due'}"
