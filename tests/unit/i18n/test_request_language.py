"""Which language a request is answered in, from its Accept-Language header."""

from __future__ import annotations

import pytest

from backend.i18n.request_language import language_of_header


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("ru", "ru"),
        ("kk-KZ,kk;q=0.9", "kk"),
        ("en-GB,en;q=0.9,ru;q=0.8", "en"),
        ("fr-FR, de;q=0.9, kk;q=0.5, ru;q=0.7", "ru"),
        ("ru;q=0.2, kk", "kk"),
        ("fr, de", "en"),
        ("", "en"),
        (None, "en"),
        ("ru;q=nonsense, kk;q=0.1", "kk"),
        ("*", "en"),
    ],
)
def test_the_most_preferred_language_the_server_speaks_is_chosen(
    header: str | None, language: str
) -> None:
    assert language_of_header(header) == language
