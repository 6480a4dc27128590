"""Retention: what is no longer needed is removed on a schedule, each after its own period.

- stored push outcomes (answers to retried pushes): 60 days, the offline window
  (``WAYPOINT_RETAIN_OUTCOME_DAYS``);
- parents' summaries, with their pushes: 365 days (``WAYPOINT_RETAIN_DIGEST_DAYS``);
- pushes delivered, refused or given up, with their attempts: 7 days
  (``WAYPOINT_RETAIN_PUSH_DAYS``);
- audit log entries: 730 days (``WAYPOINT_RETAIN_AUDIT_DAYS``).

Tombstones keep their own lifetime (``sync.compaction``). Pending pushes are never removed here:
the dispatcher finishes or gives them up first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import msgspec
from piccolo.engine.base import Engine
from piccolo.querystring import QueryString

from backend.accounts.tables import User
from backend.db import write_transaction
from backend.settings import Retention

DAY_MS: Final = 24 * 60 * 60 * 1000
FINISHED: Final = ("sent", "gone", "failed")


class Removed(msgspec.Struct, kw_only=True):
    """How many rows of each kind one run removed."""

    outcomes: int = 0
    digests: int = 0
    pushes: int = 0
    audit_entries: int = 0


async def _count(engine: Engine[Any], sql: str, *args: Any) -> int:
    rows = await engine.run_querystring(QueryString(sql + " RETURNING 1", *args))
    return len(rows or [])


async def enforce(policy: Retention, now: dt.datetime) -> Removed:
    """Remove everything past its retention period at ``now``."""
    engine = User._meta.db
    now_ms = int(now.timestamp() * 1000)
    removed = Removed()
    digests = "SELECT id FROM parent_digest WHERE created_ms < {}"
    digest_pushes = f"SELECT id FROM push_outbox WHERE digest IN ({digests})"  # noqa: S608
    marks = ", ".join("{}" for _ in FINISHED)
    finished = f"status IN ({marks}) AND finished_ms > 0 AND finished_ms < {{}}"
    finished_pushes = f"SELECT id FROM push_outbox WHERE {finished}"  # noqa: S608
    digest_cutoff = now_ms - policy.digest_days * DAY_MS
    push_cutoff = now_ms - policy.push_days * DAY_MS
    async with write_transaction(engine):
        removed.outcomes = await _count(
            engine,
            "DELETE FROM sync_outcome WHERE created_ms < {}",
            now_ms - policy.outcome_days * DAY_MS,
        )
        attempts = f"DELETE FROM push_attempt WHERE outbox IN ({digest_pushes})"  # noqa: S608
        await _count(engine, attempts, digest_cutoff)
        outbox = f"DELETE FROM push_outbox WHERE id IN ({digest_pushes})"  # noqa: S608
        await _count(engine, outbox, digest_cutoff)
        removed.digests = await _count(
            engine, "DELETE FROM parent_digest WHERE created_ms < {}", digest_cutoff
        )
        attempts = f"DELETE FROM push_attempt WHERE outbox IN ({finished_pushes})"  # noqa: S608
        await _count(engine, attempts, *FINISHED, push_cutoff)
        pushes = f"DELETE FROM push_outbox WHERE {finished}"  # noqa: S608
        removed.pushes = await _count(engine, pushes, *FINISHED, push_cutoff)
        removed.audit_entries = await _count(
            engine,
            "DELETE FROM audit_event WHERE at < {}",
            now - dt.timedelta(days=policy.audit_days),
        )
    return removed
