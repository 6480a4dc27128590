"""Demo activity: goals in two classes and a personal one, progress, study and free time,
pending approvals for both teachers, and nudges.

Written through the sync engine exactly as devices would write it, so every screen of the demo
shows data that took the real path.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from backend.accounts.tables import User
from backend.approvals.policies import student_policies
from backend.coaching.service import create_due_nudges
from backend.db import write_transaction
from backend.digests.period import DigestSchedule, period_ending_on
from backend.i18n import language_of
from backend.learner.state import iso_week
from backend.notifications.due_digests import create_digest
from backend.settings import get_settings
from backend.syncing.store import SqlSyncStore
from sync import Actor, apply_push
from sync.policy import approval_rule, no_approval
from sync.records import check_in_id, preferences_id
from sync.wire import PROTOCOL_VERSION, Mutation, PushRequest

_NAMESPACE = uuid.UUID("9d2e4f6a-1b3c-4d5e-8f7a-2b4c6d8e0f1a")


def _id(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


@dataclass
class _Device:
    """A demo student's phone: numbered mutations with clocks at the moments they happened."""

    student: int
    client_id: str
    zone: zoneinfo.ZoneInfo
    mutations: list[Mutation] = field(default_factory=list)
    counter: int = 0

    def add(self, name: str, at: dt.datetime, **args: Any) -> None:
        self.counter += 1
        wall_ms = int(at.timestamp() * 1000)
        clock = f"{wall_ms:013d}-{self.counter:06d}-{self.client_id}"
        self.mutations.append(Mutation(mutation_id=self.counter, name=name, args=args, hlc=clock))

    def at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), self.zone)


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    day = first
    while day <= last:
        yield day
        day += dt.timedelta(days=1)


Classes = dict[str, int]
"""The demo's subject classes by subject: "mathematics", "literature"; and "objective.<n>",
the mathematics class's learning objectives in order."""


def _amir(d: _Device, today: dt.date, classes: Classes) -> None:
    algebra, reading = _id(d.student, "algebra"), _id(d.student, "reading")
    olympiad = _id(d.student, "olympiad")
    start = today - dt.timedelta(days=21)
    d.add(
        "goal.create",
        d.at(start, 16),
        id=algebra,
        title="Algebra: chapter 4 problems",
        subject="Mathematics",
        class_id=classes["mathematics"],
        unit="problems",
        target=60,
        start_date=start.isoformat(),
        deadline=(today + dt.timedelta(days=14)).isoformat(),
    )
    d.add(
        "goal.create",
        d.at(start, 16, 5),
        id=reading,
        title="Read 'The Little Prince'",
        subject="Literature",
        class_id=classes["literature"],
        unit="pages",
        target=120,
        start_date=start.isoformat(),
        deadline=(today + dt.timedelta(days=10)).isoformat(),
    )
    # His own goal, outside every class: no teacher decides on it; the mentor sees its weight.
    d.add(
        "goal.create",
        d.at(start, 16, 10),
        id=olympiad,
        title="Physics olympiad: past papers",
        unit="hours",
        target=30,
        start_date=start.isoformat(),
        deadline=(today + dt.timedelta(days=12)).isoformat(),
    )
    d.add(
        "preferences.set",
        d.at(start, 16, 15),
        id=preferences_id(d.student),
        weekly_study_hours=6,
    )
    # This week's check-in: tired and stressed, which his mentor reads beside his load.
    week = iso_week(today)
    d.add(
        "checkin.set",
        d.at(today - dt.timedelta(days=1) if today.isoweekday() > 1 else today, 20, 30),
        id=check_in_id(d.student, week),
        week=week,
        energy=2,
        stress=4,
        sleep=2,
        note="Olympiad practice every evening.",
    )
    for n, day in enumerate(_days(start, today - dt.timedelta(days=1))):
        if day.weekday() < 5:
            d.add(
                "progress.add",
                d.at(day, 17),
                id=_id(d.student, "p", n),
                goal_id=algebra,
                amount=3,
                occurred_at=d.at(day, 17).isoformat(),
            )
            d.add(
                "time.log",
                d.at(day, 17, 40),
                id=_id(d.student, "s", n),
                kind="study",
                goal_id=algebra,
                started_at=d.at(day, 17).isoformat(),
                minutes=40,
            )
        if n % 4 == 0:
            d.add(
                "progress.add",
                d.at(day, 20),
                id=_id(d.student, "r", n),
                goal_id=reading,
                amount=10,
                occurred_at=d.at(day, 20).isoformat(),
            )
        if n % 3 == 0:
            d.add(
                "time.log",
                d.at(day, 21),
                id=_id(d.student, "o", n),
                kind="study",
                goal_id=olympiad,
                started_at=d.at(day, 20).isoformat(),
                minutes=60,
            )
        if n % 2 == 0:
            d.add(
                "time.log",
                d.at(day, 19),
                id=_id(d.student, "f", n),
                kind="free",
                category="sport",
                started_at=d.at(day, 18).isoformat(),
                minutes=60,
            )
    yesterday = today - dt.timedelta(days=1)
    d.add(
        "time.log",
        d.at(yesterday, 21),
        id=_id(d.student, "private"),
        kind="free",
        category="friends",
        started_at=d.at(yesterday, 19).isoformat(),
        minutes=90,
        private=True,
        note="Birthday party",
    )


def _dana(d: _Device, today: dt.date, classes: Classes) -> None:
    geometry = _id(d.student, "geometry")
    start = today - dt.timedelta(days=18)
    d.add(
        "goal.create",
        d.at(start, 15),
        id=geometry,
        title="Geometry: similar triangles",
        subject="Mathematics",
        class_id=classes["mathematics"],
        unit="lessons",
        target=12,
        start_date=start.isoformat(),
        deadline=(today + dt.timedelta(days=9)).isoformat(),
    )
    for n, day in enumerate(_days(start, today - dt.timedelta(days=12))):
        d.add(
            "progress.add",
            d.at(day, 16),
            id=_id(d.student, "p", n),
            goal_id=geometry,
            amount=1,
            occurred_at=d.at(day, 16).isoformat(),
        )
        d.add(
            "time.log",
            d.at(day, 17),
            id=_id(d.student, "s", n),
            kind="study",
            goal_id=geometry,
            started_at=d.at(day, 16).isoformat(),
            minutes=45,
        )
    for n, day in enumerate(_days(today - dt.timedelta(days=6), today - dt.timedelta(days=1))):
        d.add(
            "time.log",
            d.at(day, 20),
            id=_id(d.student, "h", n),
            kind="free",
            category="hobby",
            started_at=d.at(day, 19).isoformat(),
            minutes=50,
        )


def _dana_quadratics(d: _Device, today: dt.date, classes: Classes) -> None:
    """A goal counted in the class's objectives: her teacher's marks move it, not her logging."""
    start = today - dt.timedelta(days=7)
    d.add(
        "goal.create",
        d.at(start, 15, 30),
        id=_id(d.student, "quadratics"),
        title="Quadratics: master the unit",
        subject="Mathematics",
        class_id=classes["mathematics"],
        unit="objectives",
        target=4,
        objectives=[classes[f"objective.{n}"] for n in range(4)],
        start_date=start.isoformat(),
        deadline=(today + dt.timedelta(days=28)).isoformat(),
    )


def _dana_rests(d: _Device, today: dt.date) -> None:
    ill = today - dt.timedelta(days=11)
    d.add(
        "rest.create",
        d.at(ill, 9),
        id=_id(d.student, "ill"),
        start_date=ill.isoformat(),
        end_date=(ill + dt.timedelta(days=4)).isoformat(),
        reason="illness",
    )


def _dana_asks(d: _Device, today: dt.date) -> None:
    geometry = _id(d.student, "geometry")
    d.add(
        "goal.update",
        d.at(today - dt.timedelta(days=1), 18),
        id=geometry,
        deadline=(today + dt.timedelta(days=23)).isoformat(),
        change_reason="I was ill for a week and missed three lessons.",
    )


def _dana_proposes(d: _Device, today: dt.date, classes: Classes) -> None:
    d.add(
        "goal.create",
        d.at(today - dt.timedelta(days=1), 20),
        id=_id(d.student, "essay"),
        title="Essay on Abai's 'Words of Edification'",
        subject="Literature",
        class_id=classes["literature"],
        unit="pages",
        target=6,
        start_date=today.isoformat(),
        deadline=(today + dt.timedelta(days=14)).isoformat(),
    )


def _timur(d: _Device, today: dt.date, classes: Classes) -> None:
    d.add(
        "goal.create",
        d.at(today - dt.timedelta(days=1), 19),
        id=_id(d.student, "fractions"),
        title="Fractions practice",
        subject="Mathematics",
        class_id=classes["mathematics"],
        unit="problems",
        target=40,
        start_date=today.isoformat(),
        deadline=(today + dt.timedelta(days=21)).isoformat(),
    )


async def _apply(device: _Device, approved: bool, now: dt.datetime) -> None:
    actor = Actor(device.student, "student", frozenset({device.student}), device.student)
    request = PushRequest(
        protocol_version=PROTOCOL_VERSION, client_id=device.client_id, mutations=device.mutations
    )
    engine = User._meta.db
    async with write_transaction(engine):
        # The demo's earlier goals were approved long ago; new requests wait as usual.
        rule = no_approval if approved else approval_rule(await student_policies(device.student))
        await apply_push(SqlSyncStore(engine), request, actor, int(now.timestamp() * 1000), rule)


async def seed_demo_activity(
    students: dict[str, int], classes: Classes, parent: int, time_zone: str, now: dt.datetime
) -> None:
    """Fill the demo students' spaces and the parent's last weekly summary; `students` maps
    login to user id."""
    zone = zoneinfo.ZoneInfo(time_zone)
    today = now.astimezone(zone).date()

    def device(login: str, name: str) -> _Device:
        return _Device(students[login], f"demo-{login}-{name}", zone)

    amir, dana, timur = device("amir", "phone"), device("dana", "phone"), device("timur", "phone")
    _amir(amir, today, classes)
    _dana(dana, today, classes)
    if "objective.3" in classes:
        _dana_quadratics(dana, today, classes)
    _dana_rests(dana, today)
    _timur(timur, today, classes)
    for approved in (amir, dana):
        await _apply(approved, True, now)
    await _apply(timur, False, now)
    tablet = device("dana", "tablet")
    _dana_asks(tablet, today)
    _dana_proposes(tablet, today, classes)
    await _apply(tablet, False, now)
    # The latest afternoon's nudges, as the scheduler would have made them.
    afternoon = dt.datetime.combine(today, dt.time(17, 0), zone)
    if afternoon > now:
        afternoon -= dt.timedelta(days=1)
    await create_due_nudges(afternoon)
    # Last Sunday's weekly summary, as a parent with default preferences received it.
    sunday = today - dt.timedelta(days=today.isoweekday() % 7 or 7)
    schedule = DigestSchedule(frequency="weekly", send_time=dt.time(18, 0), time_zone=time_zone)
    account = await User.select(User.locale).where(User.id == parent).first()
    await create_digest(
        User._meta.db,
        parent,
        period_ending_on(schedule, sunday, "weekly"),
        [],
        now=now,
        secret=get_settings().secret_key,
        language=language_of(account["locale"] if account else None),
    )
