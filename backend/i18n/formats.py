"""Dates, clock times and numbers as the reader's language writes them (CLDR, through Babel)."""

from __future__ import annotations

import datetime as dt
from typing import Final

from babel.dates import format_date, format_time
from babel.numbers import format_decimal

from backend.i18n.catalogue import language_of, text

DAY_MONTH: Final = "d MMMM"
"""A day of the year: "12 December", "12 декабря" (Russian's genitive month), "12 желтоқсан"."""


def format_day(day: dt.date, language: str) -> str:
    """A date without its year, as a sentence says it."""
    return format_date(day, DAY_MONTH, locale=language_of(language))


def format_clock(moment: dt.time, language: str) -> str:
    """A wall-clock time: "5 pm", "noon" in English, "17:00" in Russian and Kazakh.

    Each language's catalogue holds the CLDR pattern for each case, because English words
    noon and midnight and drops ":00", while the 24-hour clock needs no cases at all.
    """
    if moment == dt.time(0, 0):
        key = "clock.midnight"
    elif moment == dt.time(12, 0):
        key = "clock.noon"
    else:
        shape = "minutes" if moment.minute else "hour"
        key = f"clock.{shape}.{'am' if moment.hour < 12 else 'pm'}"
    return format_time(moment, text(language, key), locale=language_of(language))


def format_number(value: float, language: str) -> str:
    """A number with the language's decimal sign and grouping: "1,5" in Russian."""
    return format_decimal(value, locale=language_of(language))
