"""Server-made texts in Kazakh, Russian and English: message catalogues and CLDR formats."""

from backend.i18n.catalogue import DEFAULT_LANGUAGE, LANGUAGES, language_of, plural, text
from backend.i18n.formats import format_clock, format_day, format_number

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "format_clock",
    "format_day",
    "format_number",
    "language_of",
    "plural",
    "text",
]
