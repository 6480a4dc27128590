"""Sync housekeeping: purging tombstones once no device can still need them."""

from __future__ import annotations

from datetime import datetime

from backend.accounts.tables import User
from backend.db import write_transaction
from backend.syncing.store import SqlSyncStore
from backend.syncing.tables import SyncSpace
from sync import compact


async def compact_tombstones(now: datetime) -> int:
    """Purge tombstones past their lifetime in every space; one short transaction per space."""
    engine = User._meta.db
    spaces = [r["space"] for r in await SyncSpace.select(SyncSpace.space)]
    now_ms = int(now.timestamp() * 1000)
    purged = 0
    for space in spaces:
        async with write_transaction(engine):
            purged += await compact(SqlSyncStore(engine), [space], now_ms)
    return purged
