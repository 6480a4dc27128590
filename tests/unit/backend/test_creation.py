"""A record's creation time is its earliest field clock, whatever order the clocks are in."""

from __future__ import annotations

import datetime as dt

from backend.creation import created_at, created_on
from sync.records import Record

NOV_25_2330_UTC = int(dt.datetime(2026, 11, 25, 23, 30, tzinfo=dt.UTC).timestamp() * 1000)


def _goal(clocks: dict[str, str], updated_ms: int = 0) -> Record:
    return Record(
        kind="goal", id="g", space=1, fields={}, clocks=clocks, created_by=1, updated_ms=updated_ms
    )


def _clock(ms: int, client: str = "phone") -> str:
    return f"{ms:013d}-000000-{client}"


def test_the_earliest_clock_is_the_creation_time() -> None:
    goal = _goal({"title": _clock(NOV_25_2330_UTC + 5000), "target": _clock(NOV_25_2330_UTC)})
    assert created_at(goal) == dt.datetime(2026, 11, 25, 23, 30, tzinfo=dt.UTC)


def test_the_local_day_depends_on_the_time_zone() -> None:
    goal = _goal({"title": _clock(NOV_25_2330_UTC)})
    assert created_on(goal, "UTC") == dt.date(2026, 11, 25)
    assert created_on(goal, "Europe/Berlin") == dt.date(2026, 11, 26)


def test_a_malformed_clock_is_ignored() -> None:
    goal = _goal({"title": "yesterday", "target": _clock(NOV_25_2330_UTC)})
    assert created_at(goal) == dt.datetime(2026, 11, 25, 23, 30, tzinfo=dt.UTC)


def test_without_a_clock_the_last_stored_write_stands_in() -> None:
    assert created_at(_goal({}, updated_ms=NOV_25_2330_UTC)) == dt.datetime(
        2026, 11, 25, 23, 30, tzinfo=dt.UTC
    )
    assert created_at(_goal({})) is None
