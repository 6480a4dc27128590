"""Views read a bounded window of history plus kept per-goal totals, and stay exact.

Events written long ago are read as totals the database keeps; deleting or editing one of them
later is reflected at once, because either change makes the totals be summed again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from tests.integration.database import query
from tests.integration.people import Classroom, Person, classroom, register
from tests.integration.servers import Server
from tests.integration.syncing import clock, goal_args, new_client_id

ALMATY = ZoneInfo("Asia/Almaty")
DAY_MS = 86_400_000


def _open_class(base_url: str) -> Classroom:
    room = classroom(base_url)
    policy = room.teacher.api.get(f"/api/classes/{room.class_id}/policy").json()
    room.teacher.api.put(
        f"/api/classes/{room.class_id}/policy", json={**policy, "approve_new_goals": False}
    )
    return room


def _push_at(
    student: Person, client_id: str, first_id: int, at_ms: int, name: str, args: dict[str, Any]
) -> dict[str, Any]:
    """One mutation whose device clock says it was made at ``at_ms``."""
    body = {
        "protocol_version": 1,
        "client_id": client_id,
        "mutations": [
            {"mutation_id": first_id, "name": name, "args": args, "hlc": clock(client_id, at_ms)}
        ],
    }
    response = student.api.post("/api/sync/push", json=body)
    assert response.status_code == 200, response.text
    [result] = response.json()["results"]
    assert result["outcome"] == "applied", result
    return result  # type: ignore[no-any-return]


def _done(room: Classroom, student: Person, goal_id: str) -> float:
    response = room.teacher.api.get(f"/api/classes/{room.class_id}/overview")
    assert response.status_code == 200, response.text
    [row] = [r for r in response.json() if r["student_id"] == student.id]
    [goal] = [g for g in row["goals"] if g["goal_id"] == goal_id]
    return float(goal["done"])


def test_old_work_counts_through_kept_totals_and_later_changes_to_it_count_at_once(
    server: Server,
) -> None:
    room = _open_class(server.base_url)
    student = register(
        server.base_url, "student", join_code=room.join_code, time_zone="Asia/Almaty"
    )
    today = dt.datetime.now(ALMATY).date()
    now_ms = int(dt.datetime.now(dt.UTC).timestamp() * 1000)
    client = new_client_id()
    goal_id = str(uuid.uuid4())
    start = today - dt.timedelta(days=70)
    args = goal_args(
        goal_id,
        unit="pages",
        target=100,
        start_date=start.isoformat(),
        deadline=(today + dt.timedelta(days=30)).isoformat(),
        class_id=room.class_id,
    )
    _push_at(student, client, 1, now_ms - 70 * DAY_MS, "goal.create", args)
    old_ids = []
    for n in range(10):
        at_ms = now_ms - (60 - n) * DAY_MS
        event_id = str(uuid.uuid4())
        old_ids.append(event_id)
        occurred = dt.datetime.fromtimestamp(at_ms / 1000, dt.UTC).isoformat()
        _push_at(
            student,
            client,
            2 + n,
            at_ms,
            "progress.add",
            {"id": event_id, "goal_id": goal_id, "amount": 2, "occurred_at": occurred},
        )
    recent = dt.datetime.fromtimestamp((now_ms - DAY_MS) / 1000, dt.UTC).isoformat()
    _push_at(
        student,
        client,
        12,
        now_ms - DAY_MS,
        "progress.add",
        {"id": str(uuid.uuid4()), "goal_id": goal_id, "amount": 3, "occurred_at": recent},
    )
    # The old events were written when they happened: the server saw them weeks ago.
    for n, event_id in enumerate(old_ids):
        query(
            server,
            "UPDATE sync_record SET updated_ms = $1 WHERE record_id = $2",
            now_ms - (60 - n) * DAY_MS,
            event_id,
        )

    assert _done(room, student, goal_id) == 23
    kept = query(server, "SELECT goal_id, amount FROM learner_total WHERE space = $1", student.id)
    assert {r["goal_id"]: r["amount"] for r in kept} == {"": 0, goal_id: 20}
    assert _done(room, student, goal_id) == 23  # read again from the kept totals

    _push_at(student, client, 13, now_ms, "progress.delete", {"id": old_ids[0]})
    assert _done(room, student, goal_id) == 21
    _push_at(student, client, 14, now_ms, "progress.update", {"id": old_ids[1], "amount": 5})
    assert _done(room, student, goal_id) == 24
