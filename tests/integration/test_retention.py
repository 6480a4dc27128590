"""Retention removes exactly what its policy says, and nothing else, on both engines."""

from __future__ import annotations

import datetime as dt
import json

from tests.integration.commands import waypoint
from tests.integration.database import query
from tests.integration.people import register
from tests.integration.servers import Server

DAY_MS = 24 * 60 * 60 * 1000


def _digest(server: Server, parent: int, key: str, created_ms: int) -> int:
    query(
        server,
        "INSERT INTO parent_digest (parent, period_key, kind, period_start_ms, period_end_ms, "
        "created_ms, title, body, content) VALUES ($1, $2, 'weekly', $3, $4, $5, 't', 'b', '{}')",
        parent,
        key,
        created_ms - 7 * DAY_MS,
        created_ms,
        created_ms,
    )
    [row] = query(
        server, "SELECT id FROM parent_digest WHERE parent = $1 AND period_key = $2", parent, key
    )
    return int(row["id"])


def _push(server: Server, digest: int, parent: int, status: str, finished_ms: int) -> None:
    query(
        server,
        "INSERT INTO push_outbox (digest, parent, topic, payload, ttl, urgency, status, "
        "attempts, next_attempt_ms, lease_until_ms, claim_token, created_ms, finished_ms, "
        "last_error) VALUES ($1, $2, 'digest', '{}', 60, 'normal', $3, 1, 0, 0, '', $4, $5, '')",
        digest,
        parent,
        status,
        finished_ms,
        finished_ms,
    )


def test_retention_removes_exactly_what_is_past_its_period(server: Server) -> None:
    # The real moment: every other test's rows on this server are younger than any period.
    now = dt.datetime.now(dt.UTC)
    now_ms = int(now.timestamp() * 1000)
    parent = register(server.base_url, "parent").id
    tag = f"r{parent}"
    for name, age_days in (("old", 61), ("kept", 59)):
        query(
            server,
            "INSERT INTO sync_outcome (client_id, mutation_id, result, created_ms) "
            "VALUES ($1, 1, '{}', $2)",
            f"{tag}-{name}",
            now_ms - age_days * DAY_MS,
        )
    old_digest = _digest(server, parent, f"{tag}-old", now_ms - 366 * DAY_MS)
    kept_digest = _digest(server, parent, f"{tag}-kept", now_ms - 300 * DAY_MS)
    _push(server, old_digest, parent, "sent", now_ms - 366 * DAY_MS)
    _push(server, kept_digest, parent, "sent", now_ms - 8 * DAY_MS)  # delivered, a week old
    _push(server, kept_digest, parent, "failed", now_ms - 6 * DAY_MS)  # given up, kept a while
    _push(server, kept_digest, parent, "pending", now_ms - 30 * DAY_MS)  # never removed here
    for name, age in (("old", 731), ("kept", 729)):
        query(
            server,
            "INSERT INTO audit_event (at, action, client_ip, detail) VALUES ($1, $2, '', '{}')",
            now - dt.timedelta(days=age),
            f"test.{tag}.{name}",
        )

    output = waypoint(server, "retention", "--now", now.isoformat())

    removed = json.loads(output)
    # The server is shared with other tests, whose rows are all younger than any period; the
    # rows below are this test's own, checked one by one.
    assert set(removed) == {"outcomes", "digests", "pushes", "audit_entries"}
    assert min(removed.values()) >= 1
    outcomes = query(
        server, "SELECT client_id FROM sync_outcome WHERE client_id LIKE $1", f"{tag}-%"
    )
    assert [r["client_id"] for r in outcomes] == [f"{tag}-kept"]
    digests = query(server, "SELECT id FROM parent_digest WHERE parent = $1", parent)
    assert [r["id"] for r in digests] == [kept_digest]
    pushes = query(
        server, "SELECT status FROM push_outbox WHERE parent = $1 ORDER BY status", parent
    )
    assert [r["status"] for r in pushes] == ["failed", "pending"]
    audit = query(server, "SELECT action FROM audit_event WHERE action LIKE $1", f"test.{tag}.%")
    assert [r["action"] for r in audit] == [f"test.{tag}.kept"]
