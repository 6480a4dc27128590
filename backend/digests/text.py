"""The lock-screen notification: short, and free of anything sensitive.

A lock screen is seen by whoever holds the phone, so the text carries only the gist: each
child's first name and a status word ("Amir: on track · Dana: 1 goal needs attention"), never a
goal, an amount, a time, a note or a check-in (``gist``). The summary itself opens in the app.
The words are the parent's: ``language`` is the reader's account language, whatever their
children use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import msgspec

from backend.digests.content import DigestContent
from backend.digests.gist import ChildGist
from backend.i18n import format_number, plural, text

APP_PATH: Final = "/digests/{id}"
MAX_BODY: Final = 200
"""The stored body's length (``ParentDigest.body``); a phone shows far less before "more"."""
SEPARATOR: Final = " · "


class PushMessage(msgspec.Struct, frozen=True, kw_only=True):
    """What the service worker shows; the app fetches the digest itself by ``digest_id``."""

    title: str
    body: str
    url: str
    digest_id: int
    tag: str = "waypoint-digest"


def fallback(language: str) -> str:
    """The body when no gist fits or none is known: the summary is ready, nothing more."""
    return text(language, "digest.fallback")


def status_words(gist: ChildGist, language: str) -> str:
    """A child's status in a few words: "on track", "2 goals need attention"."""
    if gist.status == "needs_attention":
        n = gist.needs_attention
        return plural(
            language, "digest.status.needs_attention", n, count=format_number(n, language)
        )
    return text(language, f"digest.status.{gist.status}")


def gist_line(gists: Sequence[ChildGist], language: str, limit: int = MAX_BODY) -> str:
    """Every child's gist on one line; children that do not fit are counted ("+ 2 more")."""
    someone = text(language, "digest.gist.someone")
    parts = [
        text(
            language,
            "digest.gist.child",
            name=g.first_name or someone,
            status=status_words(g, language),
        )
        for g in gists
    ]
    for shown in range(len(parts), 0, -1):
        rest = len(parts) - shown
        more = [text(language, "digest.gist.more", count=format_number(rest, language))]
        line = SEPARATOR.join(parts[:shown] + (more if rest else []))
        if len(line) <= limit:
            return line
    return fallback(language)


def notification_text(content: DigestContent, language: str) -> tuple[str, str]:
    """The title and body shown on the lock screen, in ``language``."""
    gists = [c.gist for c in content.children if c.gist is not None]
    title = text(language, f"digest.title.{content.kind}")
    return title, gist_line(gists, language) if gists else fallback(language)


def push_message(content: DigestContent, digest_id: int, language: str) -> PushMessage:
    """The push payload for a stored digest (a few hundred bytes, far below the ~4 KB limit)."""
    title, body = notification_text(content, language)
    return PushMessage(
        title=title, body=body, url=APP_PATH.format(id=digest_id), digest_id=digest_id
    )
