"""Plain values for digest tests: a period and a child with a few synced records."""

from __future__ import annotations

import datetime as dt
import itertools
import zoneinfo
from typing import Any

from backend.digests.inputs import ChildInput
from backend.digests.period import DigestSchedule, Period, period_ending_on
from backend.learner.records import decode
from sync import hlc
from sync.records import CHANGE_REQUEST, GOAL, NUDGE, PROGRESS, TIME_ENTRY, Record

DAY = dt.date(2026, 11, 25)
ZONE = "Europe/Berlin"
_ids = itertools.count(1)


def period(kind: str = "daily", day: dt.date = DAY) -> Period:
    schedule = DigestSchedule(frequency="daily", send_time=dt.time(18), time_zone=ZONE)
    return period_ending_on(schedule, day, "weekly" if kind == "weekly" else "daily")


def local(day: dt.date, hhmm: str) -> dt.datetime:
    hours, minutes = (int(x) for x in hhmm.split(":"))
    return dt.datetime.combine(
        day, dt.time(hours, minutes), tzinfo=zoneinfo.ZoneInfo(ZONE)
    ).astimezone(dt.UTC)


def _uuid(name: str) -> str:
    digits = "".join(f"{ord(c):02x}" for c in name)[:12].ljust(12, "0")
    return f"00000000-0000-4000-8000-{digits}"


def record(kind: str, record_id: str, fields: dict[str, Any]) -> Record:
    """A stored record written a month before ``DAY``."""
    written = local(DAY - dt.timedelta(days=30), "08:00")
    clock = hlc.tick(None, int(written.timestamp() * 1000), "device")
    return Record(
        kind=kind,
        id=record_id,
        space=7,
        fields=fields,
        clocks=dict.fromkeys(fields, clock),
        created_by=7,
    )


def goal(goal_id: str = "g1", **fields: Any) -> Record:
    values: dict[str, Any] = {
        "title": "Algebra chapter 4",
        "unit": "chapters",
        "target": 4.0,
        "deadline": (DAY + dt.timedelta(days=20)).isoformat(),
        "start_date": (DAY - dt.timedelta(days=20)).isoformat(),
        "status": "active",
    }
    for name, value in fields.items():
        key = "start_date" if name == "start" else name
        values[key] = value.isoformat() if isinstance(value, dt.date) else value
    return record(GOAL, _uuid(goal_id), values)


def progress(goal_id: str, amount: float, at: dt.datetime) -> Record:
    fields = {"goal_id": _uuid(goal_id), "amount": amount, "occurred_at": at.isoformat()}
    return record(PROGRESS, _uuid(f"p{next(_ids)}"), fields)


def entry(kind: str, hhmm: str, minutes: int, day: dt.date = DAY, **fields: Any) -> Record:
    values: dict[str, Any] = {
        "kind": kind,
        "started_at": local(day, hhmm).isoformat(),
        "minutes": minutes,
        **fields,
    }
    if "goal_id" in values:
        values["goal_id"] = _uuid(values["goal_id"])
    return record(TIME_ENTRY, _uuid(f"t{next(_ids)}"), values)


def nudge(title: str, at: dt.datetime, kind: str = "inactivity") -> Record:
    fields = {"kind": kind, "title": title, "fired_at": at.isoformat()}
    return record(NUDGE, _uuid(f"n{next(_ids)}"), fields)


def change(status: str, when: dt.datetime, **fields: Any) -> Record:
    ms = int(when.timestamp() * 1000)
    values: dict[str, Any] = {
        "goal_id": _uuid("g1"),
        "proposed": {"target": 3},
        "current": {"target": 4.0},
        "status": status,
        "requested_ms": ms,
        **({"decided_ms": ms} if status != "pending" else {}),
        **fields,
    }
    return record(CHANGE_REQUEST, _uuid(f"c{next(_ids)}"), values)


def child(records: tuple[Record, ...] = (), **fields: Any) -> ChildInput:
    values: dict[str, Any] = {"student_id": 7, "name": "Amir", "time_zone": ZONE, **fields}
    return ChildInput(records=decode(records), **values)
