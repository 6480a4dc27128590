"""The language a request is answered in: its ``Accept-Language`` (the app sends the language
its reader chose), else English.

Problem details a person reads (a refused sign-in, a weak password, a wrong join code) are said
in that language. It is kept for the request's task by an outermost ASGI middleware, so that
messages made deep in a service or in the authentication middleware need no request at hand.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Final

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Receive, Scope, Send

from backend.i18n.catalogue import DEFAULT_LANGUAGE, LANGUAGES, plural, text

_SPOKEN: Final[ContextVar[str]] = ContextVar("spoken_language", default=DEFAULT_LANGUAGE)


def language_of_header(header: str | None) -> str:
    """The first language of an ``Accept-Language`` header that Waypoint speaks, by its order
    of preference (``q`` values), else English."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        ranked.append((-weight, position, tag.strip().split("-")[0].lower()))
    for _, _, language in sorted(ranked):
        if language in LANGUAGES:
            return language
    return DEFAULT_LANGUAGE


def spoken() -> str:
    """The language of the request being answered."""
    return _SPOKEN.get()


def said(key: str, **params: object) -> str:
    """The message ``key`` in the language of the request being answered."""
    return text(spoken(), key, **params)


def said_plural(key: str, n: int, **params: object) -> str:
    """The plural message ``key`` for ``n`` in the language of the request being answered."""
    return plural(spoken(), key, n, **params)


def request_language_middleware(app: ASGIApp) -> ASGIApp:
    """Keep each HTTP request's language for everything that answers it."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        header = dict(scope["headers"]).get(b"accept-language", b"").decode("latin-1")
        token = _SPOKEN.set(language_of_header(header))
        try:
            await app(scope, receive, send)
        finally:
            _SPOKEN.reset(token)

    return middleware
