"""Daily effort in words: rounding up, minutes for hour goals, weekly when a day is too coarse."""

from __future__ import annotations

import datetime as dt

import msgspec
import pytest

from backend.goals import describe_effort
from backend.goals.effort import action_phrase, duration_phrase
from backend.goals.goal import Goal


@pytest.mark.parametrize(
    ("hours_a_day", "phrase"),
    [
        (0.4, "25 minutes a day"),
        (0.01, "5 minutes a day"),
        (1.0, "1 hour a day"),
        (1.1, "1 hour 15 minutes a day"),
        (2.0, "2 hours a day"),
    ],
)
def test_hour_goals_speak_minutes_rounded_up(hours_a_day: float, phrase: str) -> None:
    assert describe_effort(hours_a_day, "hours", 5).phrase == phrase


def test_a_whole_number_a_day_is_said_per_day() -> None:
    assert describe_effort(2, "lessons", 5).phrase == "2 lessons a day"


def test_one_is_singular() -> None:
    assert describe_effort(1, "chapters", 5).phrase == "1 chapter a day"


def test_rounding_up_a_little_stays_per_day() -> None:
    assert describe_effort(11.3, "pages", 5).phrase == "12 pages a day"


def test_rounding_up_a_lot_switches_to_per_week() -> None:
    assert describe_effort(1.1, "lessons", 5).phrase == "6 lessons a week"


def test_less_than_one_a_day_is_said_per_week_over_the_working_days() -> None:
    assert describe_effort(0.4, "lessons", 5).phrase == "2 lessons a week"
    assert describe_effort(0.4, "lessons", 6).phrase == "3 lessons a week"


def test_durations_read_naturally() -> None:
    assert [duration_phrase(m) for m in (1, 45, 60, 61, 150)] == [
        "1 minute",
        "45 minutes",
        "1 hour",
        "1 hour 1 minute",
        "2 hours 30 minutes",
    ]


def test_actions_name_the_work() -> None:
    assert action_phrase(describe_effort(2, "problems", 5), "problems") == "solve 2 problems"
    assert action_phrase(describe_effort(0.4, "hours", 5), "hours") == "study for 25 minutes"


def test_a_custom_unit_is_counted_in_the_students_own_word() -> None:
    goal = Goal(
        id="g",
        title="Sketchbook",
        unit="custom",
        unit_label="drawings",
        target=30,
        start=dt.date(2026, 12, 1),
        deadline=dt.date(2026, 12, 31),
    )
    assert describe_effort(3, goal.words, 5).phrase == "3 drawings a day"
    assert Goal(**{**msgspec.structs.asdict(goal), "unit_label": ""}).words == "units"
