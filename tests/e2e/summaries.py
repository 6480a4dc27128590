"""A child's day of work and the parent's daily summary of it, made through the real API."""

from __future__ import annotations

import datetime as dt
import uuid

from tests.integration.commands import waypoint
from tests.integration.people import Person
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, push


def a_day_of_work(student: Person) -> dt.date:
    """Give the student a goal and some study and free time yesterday (UTC); returns the day."""
    day = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)
    started = dt.datetime.combine(day, dt.time(10), dt.UTC).isoformat()
    goal_id = str(uuid.uuid4())
    deadline = (day + dt.timedelta(days=30)).isoformat()
    response = push(
        student.api,
        new_client_id(),
        (
            1,
            "goal.create",
            goal_args(goal_id, title="Geometry", deadline=deadline, class_id=student.class_id),
        ),
        (
            2,
            "time.log",
            {
                "id": str(uuid.uuid4()),
                "kind": "study",
                "goal_id": goal_id,
                "started_at": started,
                "minutes": 50,
            },
        ),
        (
            3,
            "time.log",
            {
                "id": str(uuid.uuid4()),
                "kind": "free",
                "category": "sport",
                "started_at": started,
                "minutes": 35,
            },
        ),
    )
    assert all(r["outcome"] == "applied" for r in response.json()["results"]), response.text
    return day


def daily_summary(server: Server, parent: Person, day: dt.date) -> int:
    """Make (and push, to any subscription) the parent's daily summary of `day`; returns its id.

    The operator command runs the scheduler and the dispatcher once with the clock set to the
    next morning, just after the parent's send time.
    """
    saved = parent.api.put(
        "/api/push/preferences",
        json={"frequency": "daily", "send_time": "06:00", "time_zone": "UTC"},
    )
    assert saved.status_code == 200, saved.text
    morning = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(6, 10), dt.UTC)
    waypoint(server, "digests", "--now", morning.isoformat())
    listed = parent.api.get("/api/digests").json()
    assert listed, "no digest was created"
    return int(listed[0]["id"])
