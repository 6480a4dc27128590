"""Turning a rate of work into words a student can act on: "25 minutes a day", "2 lessons a day".

Rounding always goes up, so following the phrase finishes the goal on time:

- Hour goals are spoken in minutes: up to an hour a day, rounded up to 5 minutes (at least
  5); above an hour, rounded up to 15 minutes ("1 hour 15 minutes a day").
- Other units are spoken per day when rounding the daily rate up to a whole number adds at most
  25% ("12 pages a day" for 11.3); otherwise per week, rounded up to a whole number of units
  over the student's working days ("6 lessons a week" for 1.1 a day on five days, "2 lessons a
  week" for 0.4 a day).
"""

from __future__ import annotations

import math
from typing import Final, Literal

import msgspec

from backend.goals.catalogue import MESSAGES, say
from backend.goals.goal import Unit

Period = Literal["day", "week"]

DAILY_ROUNDING_SLACK: Final = 0.25
"""Largest share that rounding a daily rate up may add before the phrase switches to weekly."""

_EPSILON: Final = 1e-9


class Effort(msgspec.Struct, frozen=True, kw_only=True):
    """Work needed per working day (``per_day``, in the goal's unit) and how it is said.

    ``quantity`` of ``quantity_unit`` per ``period`` is the rounded amount the ``phrase`` says;
    ``quantity_unit`` is "minutes" for hour goals and the goal's unit otherwise.
    """

    per_day: float
    quantity: int
    quantity_unit: str
    period: Period
    phrase: str


def amount_phrase(count: int, unit: str) -> str:
    """``count`` of ``unit`` in words, singular for exactly one: "1 lesson", "3 pages". A unit
    the catalogue does not name (a custom unit's name) is written as it is."""
    key = f"unit.{unit}.{'one' if count == 1 else 'other'}"
    return say("quantity", count=count, unit=say(key) if key in MESSAGES else unit)


def duration_phrase(minutes: int) -> str:
    """Minutes in words: "25 minutes", "1 hour", "1 hour 15 minutes"."""
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return amount_phrase(rest, "minutes")
    if rest == 0:
        return amount_phrase(hours, "hours")
    return say(
        "duration.hours_minutes",
        hours=amount_phrase(hours, "hours"),
        minutes=amount_phrase(rest, "minutes"),
    )


def round_up(value: float, step: int) -> int:
    """``value`` rounded up to a multiple of ``step``, ignoring float noise."""
    return step * math.ceil(value / step - _EPSILON)


def describe_effort(per_day: float, unit: str, days_per_week: int) -> Effort:
    """The phrase for doing ``per_day`` units on each working day (see the module rules)."""
    if unit == "hours":
        minutes = per_day * 60
        step = 5 if minutes <= 60 + _EPSILON else 15
        rounded = max(step, round_up(minutes, step))
        phrase = say("effort.day", amount=duration_phrase(rounded))
        return Effort(
            per_day=per_day, quantity=rounded, quantity_unit="minutes", period="day", phrase=phrase
        )
    daily = max(1, math.ceil(per_day - _EPSILON))
    if per_day > 0 and daily - per_day <= DAILY_ROUNDING_SLACK * per_day + _EPSILON:
        phrase = say("effort.day", amount=amount_phrase(daily, unit))
        return Effort(
            per_day=per_day, quantity=daily, quantity_unit=unit, period="day", phrase=phrase
        )
    weekly = max(1, math.ceil(per_day * max(1, days_per_week) - _EPSILON))
    phrase = say("effort.week", amount=amount_phrase(weekly, unit))
    return Effort(
        per_day=per_day, quantity=weekly, quantity_unit=unit, period="week", phrase=phrase
    )


def action_phrase(effort: Effort, unit: Unit) -> str:
    """What doing one period's share is called: "solve 2 problems", "study for 25 minutes"."""
    if effort.quantity_unit == "minutes":
        amount = duration_phrase(effort.quantity)
    else:
        amount = amount_phrase(effort.quantity, effort.quantity_unit)
    return say(f"verb.{unit}", amount=amount)


def quantity_phrase(amount: float, unit: str) -> str:
    """An amount of a goal's unit in words, rounded up: "3 lessons", "40 minutes"."""
    if unit == "hours":
        return duration_phrase(max(5, round_up(amount * 60, 5)))
    return amount_phrase(max(1, math.ceil(amount - _EPSILON)), unit)
