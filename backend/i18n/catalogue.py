"""Server-made texts in the reader's language, from gettext catalogues keyed by message id.

Every text a person reads (push titles and bodies, digest lines, conversation prompts, nudges)
is a message id such as ``digest.title.daily`` looked up in ``locales/<language>/LC_MESSAGES/
waypoint.po``; English is a catalogue like the others. Placeholders are ``str.format`` names
(``{name}``, ``{count}``) filled after translation, so a translator can move them. Plural
entries choose their form by the catalogue's gettext ``Plural-Forms`` (CLDR rules: Russian has
three forms, Kazakh and English two).

The catalogues are read once, at import: nothing needs compiling before the server starts.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES: Final = ("kk", "ru", "en")
DEFAULT_LANGUAGE: Final = "en"
DOMAIN: Final = "waypoint"
LOCALES: Final = Path(__file__).parent / "locales"


def catalogue_path(language: str) -> Path:
    """Where a language's catalogue lives."""
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(language: str) -> Catalog:
    """A language's catalogue as Babel reads it (for checks; rendering uses ``text``)."""
    with catalogue_path(language).open("rb") as source:
        return read_po(source, locale=language, domain=DOMAIN)


def _translations(catalog: Catalog) -> Translations:
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _load() -> dict[str, tuple[Translations, frozenset[str]]]:
    loaded: dict[str, tuple[Translations, frozenset[str]]] = {}
    for language in LANGUAGES:
        catalog = read_catalogue(language)
        keys = frozenset(str(m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalog if m.id)
        loaded[language] = (_translations(catalog), keys)
    return loaded


_CATALOGUES: Final = _load()


def language_of(locale: str | None) -> str:
    """The catalogue language for an account's locale: "ru-RU" reads Russian, "kk_KZ" Kazakh;
    anything else (or nothing) reads English."""
    primary = (locale or "").replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def _source(language: str, key: str) -> Translations:
    """The catalogue that holds ``key``: the reader's, else English (a key missing from every
    catalogue is a bug, not a text to show)."""
    for candidate in (language_of(language), DEFAULT_LANGUAGE):
        translations, keys = _CATALOGUES[candidate]
        if key in keys:
            return translations
    raise KeyError(f"no message {key!r} in any catalogue")


def has_text(key: str) -> bool:
    """Whether ``key`` is a message (in English, which every catalogue follows)."""
    return key in _CATALOGUES[DEFAULT_LANGUAGE][1]


def text(language: str, key: str, **params: object) -> str:
    """The message ``key`` in ``language`` with its placeholders filled from ``params``."""
    return _source(language, key).gettext(key).format(**params)


def plural(language: str, key: str, n: int, **params: object) -> str:
    """The plural message ``key`` in the form ``language`` uses for ``n``; ``{count}`` is
    ``n`` unless ``params`` gives it (e.g. already formatted as a number)."""
    params.setdefault("count", n)
    return _source(language, key).ngettext(key, key, n).format(**params)
