"""When a digest is due: send time, catch-up window, quiet hours, time zones and DST."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from backend.digests.period import (
    CATCH_UP,
    DigestSchedule,
    QuietHours,
    due_period,
    local_instant,
    period_ending_on,
)

UTC = dt.UTC


def daily(send: str, zone: str = "UTC", quiet: tuple[str, str] | None = None) -> DigestSchedule:
    return DigestSchedule(
        frequency="daily",
        send_time=dt.time.fromisoformat(send),
        time_zone=zone,
        quiet=QuietHours(start=dt.time.fromisoformat(quiet[0]), end=dt.time.fromisoformat(quiet[1]))
        if quiet
        else None,
    )


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_a_daily_digest_is_due_from_its_send_time_not_a_minute_before() -> None:
    schedule = daily("18:00")
    assert due_period(schedule, utc("2026-11-25T17:59")) is None
    period = due_period(schedule, utc("2026-11-25T18:00"))
    assert period is not None
    assert period.key == "daily:2026-11-25"
    assert period.start == utc("2026-11-24T18:00")
    assert period.end == utc("2026-11-25T18:00")
    assert period.previous_start == utc("2026-11-23T18:00")


def test_a_digest_missed_for_longer_than_the_catch_up_window_is_skipped() -> None:
    schedule = daily("18:00")
    assert due_period(schedule, utc("2026-11-25T18:00") + CATCH_UP["daily"]) is not None
    late = utc("2026-11-25T18:00") + CATCH_UP["daily"] + dt.timedelta(minutes=1)
    assert due_period(schedule, late) is None


def test_the_same_instant_is_due_in_one_time_zone_and_not_in_another() -> None:
    now = utc("2026-11-25T09:05")  # 18:05 in Tokyo, 04:05 in New York
    tokyo = due_period(daily("18:00", "Asia/Tokyo"), now)
    assert tokyo is not None
    assert tokyo.key == "daily:2026-11-25"
    assert due_period(daily("18:00", "America/New_York"), now) is None


def test_periods_tile_time_without_gaps() -> None:
    schedule = daily("07:30", "Europe/Berlin")
    days = [dt.date(2026, 10, 20) + dt.timedelta(days=n) for n in range(180)]
    periods = [period_ending_on(schedule, day, "daily") for day in days]
    for before, after in itertools.pairwise(periods):
        assert after.start == before.end
        assert after.previous_start == before.start


def test_a_daily_period_lasts_23_hours_when_clocks_go_forward_and_25_when_they_go_back() -> None:
    berlin = daily("18:00", "Europe/Berlin")
    spring = period_ending_on(berlin, dt.date(2027, 3, 28), "daily")
    autumn = period_ending_on(berlin, dt.date(2026, 10, 25), "daily")
    assert spring.end - spring.start == dt.timedelta(hours=23)
    assert autumn.end - autumn.start == dt.timedelta(hours=25)
    assert spring.end == utc("2027-03-28T16:00")  # 18:00 CEST
    assert autumn.end == utc("2026-10-25T17:00")  # 18:00 CET


def test_a_send_time_skipped_by_the_clock_change_goes_out_just_after_it() -> None:
    # 02:30 does not exist in Berlin on 28 March 2027: clocks jump from 02:00 to 03:00.
    assert local_instant(dt.date(2027, 3, 28), dt.time(2, 30), "Europe/Berlin") == utc(
        "2027-03-28T01:30"
    )


def test_a_send_time_repeated_by_the_clock_change_goes_out_once_at_its_first_occurrence() -> None:
    schedule = daily("02:30", "Europe/Berlin")
    first = utc("2026-10-25T00:30")  # 02:30 CEST; 02:30 CET comes an hour later
    period = due_period(schedule, first)
    assert period is not None
    assert period.end == first
    assert due_period(schedule, first + dt.timedelta(hours=1)) == period


def test_a_weekly_digest_is_due_only_on_its_weekday() -> None:
    schedule = DigestSchedule(
        frequency="weekly", send_time=dt.time(18), time_zone="Europe/London", weekday=7
    )
    sunday = utc("2026-11-29T18:00")
    period = due_period(schedule, sunday)
    assert period is not None
    assert period.key == "weekly:2026-11-29"
    assert period.end - period.start == dt.timedelta(days=7)
    assert due_period(schedule, utc("2026-11-28T18:00")) is None
    # Within the 48-hour window it is still Sunday's; after it, nothing until next Sunday.
    assert due_period(schedule, utc("2026-12-01T17:59")) == period
    assert due_period(schedule, utc("2026-12-01T18:01")) is None


def test_off_is_never_due() -> None:
    off = DigestSchedule(frequency="off", send_time=dt.time(18), time_zone="UTC")
    assert due_period(off, utc("2026-11-25T18:00")) is None


@pytest.mark.parametrize(
    ("moment", "quiet"),
    [
        ("22:00", True),
        ("23:59", True),
        ("00:00", True),
        ("06:59", True),
        ("07:00", False),
        ("12:00", False),
        ("21:59", False),
    ],
)
def test_quiet_hours_may_wrap_past_midnight(moment: str, quiet: bool) -> None:
    hours = QuietHours(start=dt.time(22), end=dt.time(7))
    assert hours.contains(dt.time.fromisoformat(moment)) is quiet


def test_a_send_time_inside_quiet_hours_waits_until_they_end() -> None:
    schedule = daily("22:30", "Asia/Tokyo", quiet=("22:00", "07:00"))
    assert due_period(schedule, utc("2026-11-25T13:31")) is None  # 22:31 in Tokyo
    assert due_period(schedule, utc("2026-11-25T21:59")) is None  # 06:59 next morning
    period = due_period(schedule, utc("2026-11-25T22:00"))  # 07:00
    assert period is not None
    assert period.key == "daily:2026-11-25"
    assert period.end == utc("2026-11-25T13:30")
    assert period.deliver_at == utc("2026-11-25T22:00")


def test_nothing_goes_out_during_quiet_hours_even_when_a_digest_is_late() -> None:
    schedule = daily("21:50", quiet=("22:00", "07:00"))
    assert due_period(schedule, utc("2026-11-25T21:55")) is not None
    assert due_period(schedule, utc("2026-11-25T22:10")) is None


def test_quiet_hours_ending_in_a_skipped_hour_release_just_after_the_jump() -> None:
    schedule = daily("01:30", "Europe/Berlin", quiet=("01:00", "02:30"))
    period = period_ending_on(schedule, dt.date(2027, 3, 28), "daily")
    assert period.deliver_at == utc("2027-03-28T01:30")  # 03:30 CEST
