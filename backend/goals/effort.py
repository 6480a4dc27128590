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

from backend.goals.goal import Unit
from backend.i18n import DEFAULT_LANGUAGE, format_number, plural, text
from backend.i18n.catalogue import has_text

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


def amount_phrase(
    count: int, unit: str, language: str = DEFAULT_LANGUAGE, *, as_object: bool = False
) -> str:
    """``count`` of ``unit`` in words, in the form the language uses for that number: "1 lesson",
    "3 pages", "21 урок". ``as_object`` is the form after a verb ("решаю 1 задачу"). A unit the
    catalogue does not name (a custom unit's name) is written as it is."""
    key = f"unit.{unit}" + (".object" if as_object else "")
    number = format_number(count, language)
    if has_text(key):
        return plural(language, key, count, count=number)
    return text(language, "quantity", count=number, unit=unit)


def duration_phrase(
    minutes: int, language: str = DEFAULT_LANGUAGE, *, as_object: bool = False
) -> str:
    """Minutes in words: "25 minutes", "1 hour", "1 hour 15 minutes"."""
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return amount_phrase(rest, "minutes", language, as_object=as_object)
    if rest == 0:
        return amount_phrase(hours, "hours", language, as_object=as_object)
    return text(
        language,
        "duration.hours_minutes",
        hours=amount_phrase(hours, "hours", language, as_object=as_object),
        minutes=amount_phrase(rest, "minutes", language, as_object=as_object),
    )


def round_up(value: float, step: int) -> int:
    """``value`` rounded up to a multiple of ``step``, ignoring float noise."""
    return step * math.ceil(value / step - _EPSILON)


def _period_phrase(quantity: int, unit: str, period: Period, language: str) -> str:
    amount = (
        duration_phrase(quantity, language)
        if unit == "minutes"
        else amount_phrase(quantity, unit, language)
    )
    return text(language, f"effort.{period}", amount=amount)


def effort_phrase(effort: Effort, language: str) -> str:
    """An effort's phrase in ``language``: "2 задачи в день", "күніне 25 минут"."""
    return _period_phrase(effort.quantity, effort.quantity_unit, effort.period, language)


def describe_effort(
    per_day: float, unit: str, days_per_week: int, language: str = DEFAULT_LANGUAGE
) -> Effort:
    """The phrase for doing ``per_day`` units on each working day (see the module rules)."""
    quantity, quantity_unit, period = _effort_amount(per_day, unit, days_per_week)
    return Effort(
        per_day=per_day,
        quantity=quantity,
        quantity_unit=quantity_unit,
        period=period,
        phrase=_period_phrase(quantity, quantity_unit, period, language),
    )


def _effort_amount(per_day: float, unit: str, days_per_week: int) -> tuple[int, str, Period]:
    if unit == "hours":
        minutes = per_day * 60
        step = 5 if minutes <= 60 + _EPSILON else 15
        return max(step, round_up(minutes, step)), "minutes", "day"
    daily = max(1, math.ceil(per_day - _EPSILON))
    if per_day > 0 and daily - per_day <= DAILY_ROUNDING_SLACK * per_day + _EPSILON:
        return daily, unit, "day"
    return max(1, math.ceil(per_day * max(1, days_per_week) - _EPSILON)), unit, "week"


def action_phrase(effort: Effort, unit: Unit, language: str = DEFAULT_LANGUAGE) -> str:
    """What doing one period's share is called: "solve 2 problems", "study for 25 minutes"."""
    if effort.quantity_unit == "minutes":
        amount = duration_phrase(effort.quantity, language, as_object=True)
    else:
        amount = amount_phrase(effort.quantity, effort.quantity_unit, language, as_object=True)
    return text(language, f"verb.{unit}", amount=amount)


def quantity_phrase(
    amount: float, unit: str, language: str = DEFAULT_LANGUAGE, *, as_object: bool = False
) -> str:
    """An amount of a goal's unit in words, rounded up: "3 lessons", "40 minutes"."""
    if unit == "hours":
        return duration_phrase(max(5, round_up(amount * 60, 5)), language, as_object=as_object)
    return amount_phrase(max(1, math.ceil(amount - _EPSILON)), unit, language, as_object=as_object)
