"""The message catalogues agree: every key in every language, filled, with the same
placeholders, and as many plural forms as the language's rules have."""

from __future__ import annotations

import re
import string

import pytest
from babel.messages.catalog import Catalog, Message

from backend.i18n import LANGUAGES, plural
from backend.i18n.catalogue import read_catalogue

FORMS = {"en": 2, "ru": 3, "kk": 2}


def entries(catalog: Catalog) -> dict[str, Message]:
    return {str(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalog if m.id}


def strings(message: Message) -> list[str]:
    value = message.string
    return [str(s) for s in value] if isinstance(value, tuple | list) else [str(value)]


def placeholders(value: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(value) if name}


ENGLISH = entries(read_catalogue("en"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_exactly_the_english_keys(language: str) -> None:
    assert set(entries(read_catalogue(language))) == set(ENGLISH)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_is_empty(language: str) -> None:
    empty = [
        key
        for key, message in entries(read_catalogue(language)).items()
        if not all(s.strip() for s in strings(message))
    ]
    assert empty == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_form_has_the_english_placeholders(language: str) -> None:
    different = [
        (key, form)
        for key, message in entries(read_catalogue(language)).items()
        for form in strings(message)
        if placeholders(form) != placeholders(strings(ENGLISH[key])[-1])
    ]
    assert different == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_entries_have_the_languages_number_of_forms(language: str) -> None:
    catalog = read_catalogue(language)
    assert catalog.num_plurals == FORMS[language]
    counts = {
        key: len(strings(m)) for key, m in entries(catalog).items() if isinstance(m.id, tuple)
    }
    assert counts
    assert set(counts.values()) == {FORMS[language]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_and_singular_entries_match_english(language: str) -> None:
    plural_keys = {
        k for k, m in entries(read_catalogue(language)).items() if isinstance(m.id, tuple)
    }
    assert plural_keys == {k for k, m in ENGLISH.items() if isinstance(m.id, tuple)}


def test_russian_declares_the_gettext_rule_for_three_forms() -> None:
    header = read_catalogue("ru").plural_forms
    assert re.sub(r"\s", "", header) == (
        "nplurals=3;plural=(n%10==1&&n%100!=11?0:n%10>=2&&n%10<=4&&(n%100<10||n%100>=20)?1:2);"
    )


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "1 цель требует внимания"),
        (2, "2 цели требуют внимания"),
        (5, "5 целей требуют внимания"),
        (11, "11 целей требуют внимания"),
        (21, "21 цель требует внимания"),
        (22, "22 цели требуют внимания"),
    ],
)
def test_russian_counts_goals_needing_attention_in_three_forms(n: int, words: str) -> None:
    assert plural("ru", "digest.status.needs_attention", n) == words


def test_kazakh_and_english_count_goals_in_two_forms() -> None:
    assert [plural("kk", "digest.status.needs_attention", n) for n in (1, 5)] == [
        "1 мақсатқа назар керек",
        "5 мақсатқа назар керек",
    ]
    assert [plural("en", "digest.status.needs_attention", n) for n in (1, 5)] == [
        "1 goal needs attention",
        "5 goals need attention",
    ]
