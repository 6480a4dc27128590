"""A focus timer stopped seconds after it started logs nothing: a three-second slip is not a
minute of study. Half a minute and more counts, rounded to the nearest minute."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.integration.people import classroom, student_in
from tests.integration.servers import Server
from tests.integration.syncing import new_client_id, pull_all, push


def _run(seconds: int) -> tuple[str, dict[str, dict[str, Any]]]:
    entry = str(uuid.uuid4())
    started = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    return entry, {
        "start": {"id": entry, "kind": "study", "started_at": started.isoformat()},
        "stop": {"id": entry, "stopped_at": (started + timedelta(seconds=seconds)).isoformat()},
    }


def test_a_three_second_run_logs_nothing_and_half_a_minute_logs_one(server: Server) -> None:
    student = student_in(server.base_url, classroom(server.base_url))
    slip, slip_args = _run(3)
    kept, kept_args = _run(30)
    pushed = push(
        student.api,
        new_client_id(),
        (1, "time.start", slip_args["start"]),
        (2, "time.stop", slip_args["stop"]),
        (3, "time.start", kept_args["start"]),
        (4, "time.stop", kept_args["stop"]),
    )
    assert [r["outcome"] for r in pushed.json()["results"]] == ["applied"] * 4, pushed.text
    changes, _ = pull_all(student.api, new_client_id())
    entries = {c["id"]: c for c in changes if c["kind"] == "time_entry"}
    assert entries[slip]["deleted"] is True
    assert (entries[kept]["deleted"], entries[kept]["fields"]["minutes"]) == (False, 1)
