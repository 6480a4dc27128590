"""A parent's digest shows the week's check-in only when the student shared it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from backend.digests.content import build_digest, build_section
from backend.digests.text import notification_text, push_message
from sync.records import CHECK_IN, check_in_id
from tests.unit.digests.builders import DAY, child, period, record

# DAY is a Wednesday of ISO week 48; the weekly period ending on it began in week 47.
THIS_WEEK = "2026-W48"
LAST_WEEK = "2026-W47"


def check_in(week: str, *, shared: bool, **answers: Any) -> Any:
    fields = {
        "week": week,
        "energy": 4,
        "stress": 2,
        "sleep": 3,
        "note": "Exams all week",
        "shared_with_parents": shared,
        **answers,
    }
    return record(CHECK_IN, check_in_id(7, week), fields)


def test_a_shared_check_in_of_the_week_is_in_the_section_with_its_line() -> None:
    section = build_section(child((check_in(THIS_WEEK, shared=True),)), period(), "en")
    assert section.check_in is not None
    answers = section.check_in
    assert (answers.week, answers.energy, answers.stress, answers.sleep) == (THIS_WEEK, 4, 2, 3)
    assert answers.note == "Exams all week"
    assert answers.text == (
        'Check-in this week: energy 4/5, stress 2/5, sleep 3/5; their note: "Exams all week"'
    )


def test_a_check_in_without_a_note_is_one_line_of_answers() -> None:
    section = build_section(child((check_in(THIS_WEEK, shared=True, note=""),)), period(), "en")
    assert section.check_in is not None
    assert section.check_in.text == "Check-in this week: energy 4/5, stress 2/5, sleep 3/5"


def test_a_check_in_not_shared_with_parents_is_left_out() -> None:
    section = build_section(child((check_in(THIS_WEEK, shared=False),)), period(), "en")
    assert section.check_in is None


def test_a_newer_private_check_in_hides_an_older_shared_one() -> None:
    records = (check_in(LAST_WEEK, shared=True), check_in(THIS_WEEK, shared=False))
    assert build_section(child(records), period("weekly"), "en").check_in is None


def test_last_weeks_shared_check_in_is_named_as_last_week_in_a_weekly_digest() -> None:
    section = build_section(child((check_in(LAST_WEEK, shared=True),)), period("weekly"), "en")
    assert section.check_in is not None
    assert section.check_in.text.startswith("Check-in last week: energy 4/5")


def test_a_check_in_of_a_week_outside_the_period_is_left_out() -> None:
    section = build_section(child((check_in(LAST_WEEK, shared=True),)), period("daily"), "en")
    assert section.check_in is None


def test_a_daily_digest_ending_on_a_monday_reads_the_sunday_before() -> None:
    monday = DAY + dt.timedelta(days=5)
    section = build_section(
        child((check_in(THIS_WEEK, shared=True),)), period("daily", monday), "en"
    )
    assert section.check_in is not None
    assert section.check_in.text.startswith("Check-in last week:")


def test_the_lock_screen_says_nothing_of_a_shared_check_in() -> None:
    digest = build_digest([child((check_in(THIS_WEEK, shared=True),))], period(), "en")
    title, body = notification_text(digest, "en")
    message = push_message(digest, 1, "en")
    for text in (title, body, message.title, message.body):
        for word in ("Check-in", "energy", "stress", "sleep", "Exams"):
            assert word not in text
