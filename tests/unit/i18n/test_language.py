"""Choosing a catalogue for an account's locale, and its dates, clock times and numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from backend.i18n import format_clock, format_day, format_number, language_of, text


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("ru-RU", "ru"),
        ("ru", "ru"),
        ("kk_KZ", "kk"),
        ("KK", "kk"),
        ("en-GB", "en"),
        ("de", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_a_locale_reads_its_languages_catalogue_and_anything_else_english(
    locale: str | None, language: str
) -> None:
    assert language_of(locale) == language


def test_russian_dates_use_the_genitive_month() -> None:
    assert format_day(dt.date(2026, 12, 12), "ru") == "12 декабря"
    assert format_day(dt.date(2026, 3, 1), "ru") == "1 марта"


def test_kazakh_and_english_dates_name_the_month() -> None:
    assert format_day(dt.date(2026, 12, 12), "kk") == "12 желтоқсан"
    assert format_day(dt.date(2026, 12, 12), "en") == "12 December"


def test_russian_and_kazakh_use_the_24_hour_clock_and_english_says_pm() -> None:
    times = [dt.time(17, 0), dt.time(9, 30), dt.time(12, 0), dt.time(0, 0)]
    assert [format_clock(t, "ru") for t in times] == ["17:00", "9:30", "12:00", "0:00"]
    assert [format_clock(t, "kk") for t in times] == ["17:00", "9:30", "12:00", "0:00"]
    assert [format_clock(t, "en") for t in times] == ["5 pm", "9:30 am", "noon", "midnight"]


def test_numbers_use_the_languages_decimal_sign() -> None:
    assert format_number(2.5, "ru") == "2,5"
    assert format_number(2.5, "en") == "2.5"


def test_a_regional_locale_reads_its_language() -> None:
    assert text("ru-RU", "digest.title.daily") == "Ваша ежедневная сводка Waypoint"


def test_an_unknown_key_is_an_error_not_a_text() -> None:
    with pytest.raises(KeyError):
        text("ru", "no.such.key")
