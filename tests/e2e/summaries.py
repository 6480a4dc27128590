"""A child's day of work and the parent's daily summary of it, made through the real API."""

from __future__ import annotations

import datetime as dt
import uuid

from tests.integration.commands import waypoint
from tests.integration.people import Person, classroom, register
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


def a_family(server: Server, names: tuple[str, ...]) -> tuple[Person, list[Person]]:
    """A parent linked to a child of each name (display names, in one new class)."""
    room = classroom(server.base_url)
    parent = register(server.base_url, "parent")
    children: list[Person] = []
    for name in names:
        child = register(server.base_url, "student", join_code=room.join_code, display_name=name)
        code = child.api.post("/api/guardian-invites", json={}).json()["code"]
        linked = parent.api.post("/api/guardian-links", json={"code": code})
        assert linked.status_code == 201, linked.text
        children.append(child)
    return parent, children


def a_steady_day(student: Person, day: dt.date) -> None:
    """A goal begun on `day` with a chapter done, and an hour of study and half an hour free."""
    _work(
        student,
        day,
        goal_args(
            str(uuid.uuid4()),
            title="Poetry anthology",
            target=4,
            unit="chapters",
            start_date=day.isoformat(),
            deadline=(day + dt.timedelta(days=60)).isoformat(),
        ),
        progress=1,
        study=60,
        free=30,
    )


def a_day_behind(student: Person, day: dt.date) -> None:
    """A goal a month old with nothing done two days before its deadline, a little study, and
    a private evening out whose note the parent must never read."""
    _work(
        student,
        day,
        goal_args(
            str(uuid.uuid4()),
            title="History essay",
            target=40,
            unit="pages",
            start_date=(day - dt.timedelta(days=30)).isoformat(),
            deadline=(day + dt.timedelta(days=2)).isoformat(),
        ),
        progress=0,
        study=25,
        free=90,
        private_note="concert with Sam",
    )


def _work(
    student: Person,
    day: dt.date,
    goal: dict[str, object],
    *,
    progress: float,
    study: int,
    free: int,
    private_note: str | None = None,
) -> None:
    started = dt.datetime.combine(day, dt.time(10), dt.UTC).isoformat()
    evening = dt.datetime.combine(day, dt.time(19), dt.UTC).isoformat()
    mutations: list[tuple[int, str, dict[str, object]]] = [(1, "goal.create", goal)]
    if progress:
        mutations.append(
            (
                2,
                "progress.add",
                {
                    "id": str(uuid.uuid4()),
                    "goal_id": goal["id"],
                    "amount": progress,
                    "occurred_at": started,
                },
            )
        )
    entries: list[dict[str, object]] = [
        {"kind": "study", "goal_id": goal["id"], "started_at": started, "minutes": study},
        {"kind": "free", "category": "sport", "started_at": started, "minutes": free},
    ]
    if private_note is not None:
        entries.append(
            {
                "kind": "free",
                "category": "friends",
                "started_at": evening,
                "minutes": 120,
                "private": True,
                "note": private_note,
            }
        )
    for entry in entries:
        mutations.append((len(mutations) + 1, "time.log", {"id": str(uuid.uuid4()), **entry}))
    response = push(student.api, new_client_id(), *mutations)
    assert all(r["outcome"] == "applied" for r in response.json()["results"]), response.text
