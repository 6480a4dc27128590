"""The generated workload: students, their devices, and the offline sessions each device records.

Everything here is pure and seeded, so the Waypoint lanes and the peer lane replay exactly the
same edits. A session is a list of `Edit`s naming what the student did (add progress, log time,
start and stop the timer, edit or create a goal); each lane turns edits into its own wire form.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field
from typing import Any

GOALS_PER_STUDENT = 4
FREE_CATEGORIES = ("rest", "sport", "hobby", "friends", "family", "other")
UNITS = ("lessons", "chapters", "problems", "pages", "hours")
TITLES = (
    "Finish chapter {n} of algebra",
    "Read {n} pages of the class novel",
    "Vocabulary list {n}",
    "Lab report {n}",
    "Practice exam {n}",
)


@dataclass(frozen=True)
class Shape:
    """How big a run is."""

    students: int
    devices_per_student: int
    rounds: int
    min_session: int = 20
    max_session: int = 200
    seed: int = 7

    @property
    def devices(self) -> int:
        return self.students * self.devices_per_student


@dataclass(frozen=True)
class Edit:
    """One thing a student did on a device, before it is given a clock or a mutation id.

    ``name`` is the Waypoint mutation name; ``args`` are its arguments without ``base``.
    """

    name: str
    args: dict[str, Any]


@dataclass
class DevicePlan:
    """Who a device belongs to and the sessions it will record, one per round."""

    student: int
    index: int
    sessions: list[list[Edit]] = field(default_factory=list)

    @property
    def mutations(self) -> int:
        return sum(len(s) for s in self.sessions)


def seeded(seed: object) -> random.Random:
    """A reproducible generator: the same seed gives every lane the same edits."""
    return random.Random(str(seed))  # noqa: S311 - reproducible, not secret


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _instant(rng: random.Random) -> str:
    start = dt.datetime(2026, 11, 1, 7, 0, tzinfo=dt.UTC)
    moment = start + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 24))
    return moment.isoformat().replace("+00:00", "Z")


def goal_create(rng: random.Random, goal_id: str) -> Edit:
    n = rng.randrange(1, 40)
    return Edit(
        "goal.create",
        {
            "id": goal_id,
            "title": rng.choice(TITLES).format(n=n),
            "target": float(rng.randrange(5, 60)),
            "unit": rng.choice(UNITS),
            "deadline": (
                dt.date(2026, 12, 1) + dt.timedelta(days=rng.randrange(0, 90))
            ).isoformat(),
            "description": "Set with my teacher on the " + str(n) + "th",
        },
    )


def setup_session(rng: random.Random, goal_ids: list[str]) -> list[Edit]:
    """The student's first device creates the goals every device then edits."""
    return [goal_create(rng, goal_id) for goal_id in goal_ids]


def _goal_update(rng: random.Random, goal_id: str) -> Edit:
    fields: dict[str, Any] = {}
    for name in rng.sample(("title", "description", "target", "deadline"), rng.choice((1, 1, 2))):
        if name == "title":
            fields[name] = rng.choice(TITLES).format(n=rng.randrange(1, 40))
        elif name == "description":
            fields[name] = "Revised plan: " + " ".join(rng.choice(UNITS) for _ in range(6))
        elif name == "target":
            fields[name] = float(rng.randrange(5, 60))
        else:
            day = dt.date(2026, 12, 1) + dt.timedelta(days=rng.randrange(0, 90))
            fields[name] = day.isoformat()
    return Edit("goal.update", {"id": goal_id, **fields})


def session(rng: random.Random, goals: list[str], size: int) -> list[Edit]:
    """One offline session of ``size`` edits on the student's goals.

    The mix: progress events 35%, finished time entries 20%, timer start/stop pairs 10% (a pair
    is two edits), goal edits 30%, new goals 5%. Goals created here are edited later in the same
    session and by the student's other devices once they have pulled them.
    """
    edits: list[Edit] = []
    running: list[tuple[str, str]] = []
    known = list(goals)
    while len(edits) < size:
        roll = rng.random()
        if running and (roll < 0.08 or len(edits) >= size - len(running)):
            timer_id, started = running.pop(0)
            begun = dt.datetime.fromisoformat(started.replace("Z", "+00:00"))
            stopped = begun + dt.timedelta(minutes=rng.randrange(5, 90))
            stop_at = stopped.isoformat().replace("+00:00", "Z")
            edits.append(Edit("time.stop", {"id": timer_id, "stopped_at": stop_at}))
        elif roll < 0.35:
            edits.append(
                Edit(
                    "progress.add",
                    {
                        "id": _uuid(rng),
                        "goal_id": rng.choice(known),
                        "amount": float(rng.randrange(1, 6)),
                        "occurred_at": _instant(rng),
                        "note": rng.choice(("", "", "done on the bus", "with Sam")),
                    },
                )
            )
        elif roll < 0.55:
            study = rng.random() < 0.6
            edits.append(
                Edit(
                    "time.log",
                    {
                        "id": _uuid(rng),
                        "kind": "study" if study else "free",
                        "category": None if study else rng.choice(FREE_CATEGORIES),
                        "goal_id": rng.choice(known) if study else None,
                        "started_at": _instant(rng),
                        "minutes": rng.randrange(5, 120),
                        "private": (not study) and rng.random() < 0.3,
                        "note": "",
                    },
                )
            )
        elif roll < 0.60 and len(edits) < size - 1:
            timer_id = _uuid(rng)
            started = _instant(rng)
            running.append((timer_id, started))
            edits.append(
                Edit(
                    "time.start",
                    {
                        "id": timer_id,
                        "kind": "study",
                        "goal_id": rng.choice(known),
                        "started_at": started,
                    },
                )
            )
        elif roll < 0.95 or len(known) > 3 * GOALS_PER_STUDENT:
            edits.append(_goal_update(rng, rng.choice(known)))
        else:
            goal_id = _uuid(rng)
            edits.append(goal_create(rng, goal_id))
            known.append(goal_id)
    return edits


@dataclass
class StudentPlan:
    """One student: the goals created at set-up and the plans of each of their devices."""

    index: int
    goals: list[str]
    setup: list[Edit]
    devices: list[DevicePlan]


def plan(shape: Shape) -> list[StudentPlan]:
    """The whole run's edits, from ``shape.seed``: identical for every lane."""
    students: list[StudentPlan] = []
    for s in range(shape.students):
        rng = seeded(f"{shape.seed}/student/{s}")
        goals = [_uuid(rng) for _ in range(GOALS_PER_STUDENT)]
        devices = []
        for d in range(shape.devices_per_student):
            drng = seeded(f"{shape.seed}/student/{s}/device/{d}")
            sessions = [
                session(drng, goals, drng.randint(shape.min_session, shape.max_session))
                for _ in range(shape.rounds)
            ]
            devices.append(DevicePlan(student=s, index=d, sessions=sessions))
        students.append(StudentPlan(s, goals, setup_session(rng, goals), devices))
    return students
