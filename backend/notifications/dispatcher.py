"""Dispatchers: claim due outbox rows under a lease, send them, record every attempt.

Claiming marks rows ``sending`` with a fresh claim token and a lease. On PostgreSQL the
candidate rows are locked with ``FOR UPDATE SKIP LOCKED``, so several dispatchers (in several
processes) take disjoint rows and never wait on each other; on SQLite the IMMEDIATE write
transaction already admits one claimer at a time. A dispatcher killed after claiming loses
nothing: once the lease has run out the row is claimable again. Finishing a row requires its
claim token, so a dispatcher that overran its lease cannot overwrite a newer claim.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import secrets
from collections import Counter
from typing import Any, Final

import httpx
import msgspec
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine

from backend.db import run_sql, write_transaction
from backend.notifications.retry import Decision, RetryPolicy, decide
from backend.notifications.vapid import VapidSigner
from backend.notifications.webpush import PushResult, PushTarget, Urgency, send

log = logging.getLogger("waypoint.push")

DEFAULT_LEASE_MS: Final = 60_000
DEFAULT_BATCH: Final = 20
_URGENCIES: Final[dict[str, Urgency]] = {
    "very-low": "very-low",
    "low": "low",
    "normal": "normal",
    "high": "high",
}

_CLAIM: Final = (
    "UPDATE push_outbox SET status = {}, claim_token = {}, lease_until_ms = {}, "
    "attempts = attempts + 1 WHERE id IN (SELECT id FROM push_outbox "
    "WHERE (status = {} AND next_attempt_ms <= {}) OR (status = {} AND lease_until_ms <= {}) "
    "ORDER BY next_attempt_ms, id LIMIT {}"
)
_RETURNING: Final = (
    ") RETURNING id, digest, subscription, parent, topic, payload, ttl, urgency, attempts"
)


_SUBSCRIPTIONS: Final = (
    "SELECT id, endpoint, p256dh, auth FROM push_subscription WHERE id IN ({marks})"
)


class Claim(msgspec.Struct, frozen=True, kw_only=True):
    """A claimed outbox row; ``target`` is None when its subscription has been removed."""

    id: int
    digest: int
    parent: int
    topic: str
    payload: str
    ttl: int
    urgency: str
    attempts: int
    token: str
    target: PushTarget | None


async def claim(
    engine: Engine[Any],
    *,
    now_ms: int,
    lease_ms: int = DEFAULT_LEASE_MS,
    limit: int = DEFAULT_BATCH,
) -> list[Claim]:
    """Claim up to ``limit`` rows that are due or whose lease ran out, for ``lease_ms``."""
    token = secrets.token_hex(16)
    lock = " FOR UPDATE SKIP LOCKED" if isinstance(engine, PostgresEngine) else ""
    async with write_transaction(engine):
        rows = await run_sql(
            engine,
            _CLAIM + lock + _RETURNING,
            "sending",
            token,
            now_ms + lease_ms,
            "pending",
            now_ms,
            "sending",
            now_ms,
            limit,
        )
        ids = sorted({int(r["subscription"]) for r in rows if r["subscription"] is not None})
        targets: dict[int, PushTarget] = {}
        if ids:
            marks = ", ".join("{}" for _ in ids)
            for sub in await run_sql(
                engine,
                _SUBSCRIPTIONS.format(marks=marks),
                *ids,
            ):
                targets[int(sub["id"])] = PushTarget(
                    endpoint=sub["endpoint"], p256dh=sub["p256dh"], auth=sub["auth"]
                )
    return [
        Claim(
            id=int(r["id"]),
            digest=int(r["digest"]),
            parent=int(r["parent"]),
            topic=r["topic"],
            payload=r["payload"],
            ttl=int(r["ttl"]),
            urgency=r["urgency"],
            attempts=int(r["attempts"]),
            token=token,
            target=targets.get(int(r["subscription"])) if r["subscription"] is not None else None,
        )
        for r in sorted(rows, key=lambda r: int(r["id"]))
    ]


async def _alert(engine: Engine[Any], claim: Claim, decision: Decision, result: PushResult) -> None:
    log.error(
        "push %s for parent %s failed: %s (status %s) %s",
        claim.id,
        claim.parent,
        decision.reason,
        result.status_code,
        result.detail,
    )
    detail = json.dumps(
        {
            "outbox": claim.id,
            "digest": claim.digest,
            "status": result.status_code,
            "reason": decision.reason,
        }
    )
    cast = "CAST({} AS JSONB)" if isinstance(engine, PostgresEngine) else "{}"
    action = "push.payload_too_large" if result.status_code == 413 else "push.delivery_failed"
    await run_sql(
        engine,
        "INSERT INTO audit_event (at, action, actor, subject, client_ip, detail) "
        "VALUES ({}, {}, NULL, {}, {}, " + cast + ")",
        dt.datetime.now(dt.UTC),
        action,
        claim.parent,
        "",
        detail,
    )


async def finish(
    engine: Engine[Any],
    claim: Claim,
    decision: Decision,
    result: PushResult,
    *,
    worker: str,
    now_ms: int,
) -> bool:
    """Record the attempt and move the row on; False when the claim was lost to a newer one."""
    done = decision.status != "pending"
    async with write_transaction(engine):
        updated = await run_sql(
            engine,
            "UPDATE push_outbox SET status = {}, next_attempt_ms = {}, lease_until_ms = 0, "
            "claim_token = {}, finished_ms = {}, last_status = {}, last_error = {} "
            "WHERE id = {} AND claim_token = {} AND status = {} RETURNING id",
            decision.status,
            decision.next_attempt_ms if not done else now_ms,
            "",
            now_ms if done else 0,
            result.status_code,
            "" if decision.status == "sent" else f"{decision.reason}: {result.detail}"[:300],
            claim.id,
            claim.token,
            "sending",
        )
        await run_sql(
            engine,
            "INSERT INTO push_attempt (outbox, at_ms, worker, status_code, outcome, detail, "
            "duration_ms) VALUES ({}, {}, {}, {}, {}, {}, {})",
            claim.id,
            now_ms,
            worker[:64],
            result.status_code,
            decision.status if updated else "late",
            (decision.reason if not result.detail else f"{decision.reason}: {result.detail}")[:300],
            result.duration_ms,
        )
        if decision.drop_subscription and claim.target is not None:
            await run_sql(
                engine, "DELETE FROM push_subscription WHERE endpoint = {}", claim.target.endpoint
            )
        if decision.alert and updated:
            await _alert(engine, claim, decision, result)
    if not updated:
        log.warning(
            "push %s: lease ran out before the answer came; another claim owns it", claim.id
        )
    return bool(updated)


async def deliver(
    engine: Engine[Any],
    http: httpx.AsyncClient,
    signer: VapidSigner,
    claim: Claim,
    *,
    policy: RetryPolicy,
    worker: str,
    now_ms: int,
) -> str:
    """Send one claimed row and finish it; returns the row's new status."""
    if claim.target is None:
        result = PushResult(status_code=None, detail="the subscription was removed")
        decision = Decision(status="gone", reason="no subscription")
    elif claim.attempts > policy.max_attempts:
        result = PushResult(status_code=None, detail="claimed too often without an answer")
        decision = Decision(status="failed", reason="gave up after retries", alert=True)
    else:
        result = await _send(http, signer, claim)
        decision = decide(result.status_code, result.retry_after, claim.attempts, now_ms, policy)
    await finish(engine, claim, decision, result, worker=worker, now_ms=now_ms)
    return decision.status


async def _send(http: httpx.AsyncClient, signer: VapidSigner, claim: Claim) -> PushResult:
    assert claim.target is not None
    try:
        return await send(
            http,
            signer,
            claim.target,
            claim.payload.encode(),
            ttl=claim.ttl,
            urgency=_URGENCIES.get(claim.urgency, "normal"),
            topic=claim.topic or None,
        )
    except Exception as exc:  # encryption or signing failed: retried, and given up in the end
        log.exception("push %s could not be prepared", claim.id)
        return PushResult(status_code=None, detail=f"{type(exc).__name__}: {exc}"[:300])


async def dispatch_once(
    engine: Engine[Any],
    http: httpx.AsyncClient,
    signer: VapidSigner,
    *,
    now_ms: int,
    worker: str,
    policy: RetryPolicy | None = None,
    lease_ms: int = DEFAULT_LEASE_MS,
    limit: int = DEFAULT_BATCH,
) -> Counter[str]:
    """Claim one batch and send it concurrently; counts of the rows' new statuses."""
    claims = await claim(engine, now_ms=now_ms, lease_ms=lease_ms, limit=limit)
    policy = policy or RetryPolicy()
    outcomes = await asyncio.gather(
        *(
            deliver(engine, http, signer, c, policy=policy, worker=worker, now_ms=now_ms)
            for c in claims
        )
    )
    return Counter(outcomes)


async def dispatch_all(
    engine: Engine[Any],
    http: httpx.AsyncClient,
    signer: VapidSigner,
    *,
    now_ms: int,
    worker: str,
    policy: RetryPolicy | None = None,
    lease_ms: int = DEFAULT_LEASE_MS,
    limit: int = DEFAULT_BATCH,
    max_batches: int = 50,
) -> Counter[str]:
    """Batches until nothing is due (or ``max_batches``, so one tick cannot run forever)."""
    total: Counter[str] = Counter()
    for _ in range(max_batches):
        counts = await dispatch_once(
            engine,
            http,
            signer,
            now_ms=now_ms,
            worker=worker,
            policy=policy,
            lease_ms=lease_ms,
            limit=limit,
        )
        if not counts:
            break
        total.update(counts)
    return total
