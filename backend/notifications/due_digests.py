"""Due digests: find parents whose digest period is due and create it exactly once.

Each due digest is written with its outbox rows (one per subscribed device) in one transaction,
under the unique (parent, period_key) index: a second worker or a restart that reaches the same
period inserts nothing, so no parent ever gets two digests for one period.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
from typing import Any, Final

import msgspec
from piccolo.engine.base import Engine

from backend.db import run_sql, write_transaction
from backend.digests.content import build_digest
from backend.digests.period import Period, PeriodKind, due_period
from backend.digests.store import children_inputs
from backend.digests.text import notification_text, push_message
from backend.i18n import language_of
from backend.notifications.preferences import schedule_of

log = logging.getLogger("waypoint.push")

TTL_S: Final[dict[PeriodKind, int]] = {"daily": 24 * 3600, "weekly": 3 * 24 * 3600}
"""How long a push service keeps an undelivered digest (the next one replaces it anyway)."""

_CANDIDATES: Final = (
    "SELECT u.id AS parent, u.time_zone AS account_zone, u.locale, p.id AS preference, "
    "p.frequency, "
    "p.send_time, p.weekday, p.time_zone, p.quiet_start, p.quiet_end, p.muted "
    "FROM app_user u LEFT JOIN push_preference p ON p.parent = u.id "
    "WHERE u.role = {} AND ((p.id IS NOT NULL AND p.frequency <> {}) "
    "OR (p.id IS NULL AND EXISTS (SELECT 1 FROM push_subscription s WHERE s.owner = u.id))) "
    "ORDER BY u.id"
)


def _ms(instant: dt.datetime) -> int:
    return int(instant.timestamp() * 1000)


def topic_for(parent_id: int, secret: str) -> str:
    """The push Topic of a parent's digests: a newer one replaces an undelivered older one.

    32 hex characters (within the base64url alphabet and the 32-character limit), keyed with
    the server's secret so the push service cannot tell which account it belongs to.
    """
    mac = hmac.new(secret.encode(), f"digest:{parent_id}".encode(), hashlib.sha256)
    return mac.hexdigest()[:32]


# Parents per existence query: well under SQLite's limit on bound values per statement.
_CHUNK: Final = 400


async def _already_created(
    engine: Engine[Any], due: list[tuple[int, Period, list[int]]]
) -> set[tuple[int, str]]:
    """Which of the due (parent, period key) pairs already have their digest: one query per
    chunk of parents, on the unique (parent, period_key) index, instead of one per parent."""
    found: set[tuple[int, str]] = set()
    for start in range(0, len(due), _CHUNK):
        chunk = due[start : start + _CHUNK]
        parents = sorted({parent for parent, _, _ in chunk})
        keys = sorted({period.key for _, period, _ in chunk})
        # Only placeholder lists are formatted in; every value is bound.
        sql = (
            "SELECT parent, period_key FROM parent_digest "  # noqa: S608
            f"WHERE parent IN ({', '.join('{}' for _ in parents)}) "
            f"AND period_key IN ({', '.join('{}' for _ in keys)})"
        )
        rows = await run_sql(engine, sql, *parents, *keys)
        found.update((int(r["parent"]), str(r["period_key"])) for r in rows)
    return found


async def create_digest(
    engine: Engine[Any],
    parent_id: int,
    period: Period,
    muted: list[int],
    *,
    now: dt.datetime,
    secret: str,
    language: str,
) -> int | None:
    """Build and store ``parent_id``'s digest for ``period`` with its outbox rows, worded in
    ``language`` (the parent's, whatever their children use).

    Returns the new digest's id; None when it already existed or there is no child to cover.
    """
    children = await children_inputs(engine, parent_id, muted)
    if not children:
        return None
    content = build_digest(children, period, language)
    title, body = notification_text(content, language)
    now_ms = _ms(now)
    async with write_transaction(engine):
        inserted = await run_sql(
            engine,
            "INSERT INTO parent_digest (parent, period_key, kind, period_start_ms, period_end_ms, "
            "created_ms, title, body, content) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}) "
            "ON CONFLICT (parent, period_key) DO NOTHING RETURNING id",
            parent_id,
            period.key,
            period.kind,
            _ms(period.start),
            _ms(period.end),
            now_ms,
            title,
            body,
            msgspec.json.encode(content).decode(),
        )
        if not inserted:
            return None
        digest_id = int(inserted[0]["id"])
        payload = msgspec.json.encode(push_message(content, digest_id, language)).decode()
        await run_sql(
            engine,
            "INSERT INTO push_outbox (digest, subscription, parent, topic, payload, ttl, urgency, "
            "status, attempts, next_attempt_ms, lease_until_ms, claim_token, created_ms, "
            "finished_ms, last_error) "
            "SELECT {}, id, {}, {}, {}, {}, {}, {}, 0, {}, 0, {}, {}, 0, {} "
            "FROM push_subscription WHERE owner = {}",
            digest_id,
            parent_id,
            topic_for(parent_id, secret),
            payload,
            TTL_S[period.kind],
            "normal",
            "pending",
            now_ms,
            "",
            now_ms,
            "",
            parent_id,
        )
    return digest_id


async def create_due_digests(engine: Engine[Any], now: dt.datetime, *, secret: str) -> list[int]:
    """One round at ``now``: the ids of the digests it created."""
    due: list[tuple[int, Period, list[int]]] = []
    languages: dict[int, str] = {}
    for row in await run_sql(engine, _CANDIDATES, "parent", "off"):
        parent_id = int(row["parent"])
        languages[parent_id] = language_of(row["locale"])
        try:
            schedule, muted = schedule_of(row)
        except ValueError:
            log.warning("skipping digest preferences of parent %s: unreadable", parent_id)
            continue
        period = due_period(schedule, now)
        if period is not None:
            due.append((parent_id, period, muted))
    done = await _already_created(engine, due)
    created: list[int] = []
    for parent_id, period, muted in due:
        if (parent_id, period.key) in done:
            continue
        try:
            digest_id = await create_digest(
                engine,
                parent_id,
                period,
                muted,
                now=now,
                secret=secret,
                language=languages[parent_id],
            )
        except Exception:
            # Every other parent still gets their summary; this one is retried next tick.
            log.exception("digest of parent %s not created this tick", parent_id)
            continue
        if digest_id is not None:
            created.append(digest_id)
    return created
