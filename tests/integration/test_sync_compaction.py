"""Tombstones outlive the offline window, then are purged; a cursor from before gets a reset."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from tests.integration.commands import waypoint
from tests.integration.database import query
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, pull_all, push


def test_device_offline_past_the_tombstone_lifetime_gets_a_full_snapshot(server: Server) -> None:
    student = student_in(server.base_url, classroom(server.base_url))
    phone, drawer_tablet = new_client_id(), new_client_id()
    kept, dropped = str(uuid.uuid4()), str(uuid.uuid4())
    push(
        student.api,
        phone,
        (1, "goal.create", goal_args(kept)),
        (2, "goal.create", goal_args(dropped)),
    )
    _, before = pull_all(student.api, drawer_tablet)
    push(student.api, phone, (3, "goal.delete", {"id": dropped}))

    soon = datetime.now(UTC) + timedelta(days=10)
    assert waypoint(server, "compact", "--now", soon.isoformat()).strip() == "purged 0"
    changes, page = pull_all(student.api, drawer_tablet, cursor=before["cursor"])
    assert page["reset"] is False
    assert [(c["id"], c["deleted"]) for c in changes] == [(dropped, True)]

    later = datetime.now(UTC) + timedelta(days=61)
    # Compaction covers every space on the server, so other tests' tombstones may go too.
    purged = waypoint(server, "compact", "--now", later.isoformat()).strip()
    assert purged.startswith("purged ")
    assert int(purged.removeprefix("purged ")) >= 1
    assert query(server, "SELECT 1 FROM sync_record WHERE record_id = $1", dropped) == []
    first = student.api.post(
        "/api/sync/pull",
        json={"protocol_version": 1, "client_id": drawer_tablet, "cursor": before["cursor"]},
    ).json()
    assert first["reset"] is True
    assert [c["id"] for c in first["changes"] if c["kind"] == "goal"] == [kept]
