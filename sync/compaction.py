"""Tombstone compaction.

A tombstone must outlive the longest offline window a device may have, or a device returning
later would never hear of the delete. Sixty days covers a long school holiday with a device left
in a drawer; a device away longer gets a reset (full snapshot) and re-pushes its outbox.
"""

from __future__ import annotations

from collections.abc import Iterable

from sync.port import SyncStore

TOMBSTONE_TTL_MS = 60 * 24 * 60 * 60 * 1000


async def compact(
    store: SyncStore, spaces: Iterable[int], now_ms: int, ttl_ms: int = TOMBSTONE_TTL_MS
) -> int:
    """Purge tombstones older than ``ttl_ms`` in ``spaces``; returns how many were purged.

    Raising each space's floor is the store's job, done in the same transaction as the purge.
    """
    purged = 0
    for space in spaces:
        purged += await store.purge_tombstones(space, now_ms - ttl_ms)
    return purged
