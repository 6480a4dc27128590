"""The lock-screen notification: short, and free of anything sensitive.

A lock screen is seen by whoever holds the phone, so the text carries only the gist: each
child's first name and a status word ("Amir: on track · Dana: 1 goal needs attention"), never a
goal, an amount, a time, a note or a check-in (``gist``). The summary itself opens in the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import msgspec

from backend.digests.content import DigestContent
from backend.digests.gist import ChildGist

APP_PATH: Final = "/digests/{id}"
MAX_BODY: Final = 200
"""The stored body's length (``ParentDigest.body``); a phone shows far less before "more"."""
SEPARATOR: Final = " · "
FALLBACK: Final = "Your summary is ready. Tap to read it."

TITLES: Final = {"daily": "Your daily Waypoint summary", "weekly": "Your weekly Waypoint summary"}
STATUS_WORDS: Final = {"on_track": "on track", "no_goals": "no goals in progress"}


class PushMessage(msgspec.Struct, frozen=True, kw_only=True):
    """What the service worker shows; the app fetches the digest itself by ``digest_id``."""

    title: str
    body: str
    url: str
    digest_id: int
    tag: str = "waypoint-digest"


def status_words(gist: ChildGist) -> str:
    """A child's status in a few words: "on track", "2 goals need attention"."""
    if gist.status == "needs_attention":
        n = gist.needs_attention
        return "1 goal needs attention" if n == 1 else f"{n} goals need attention"
    return STATUS_WORDS[gist.status]


def gist_line(gists: Sequence[ChildGist], limit: int = MAX_BODY) -> str:
    """Every child's gist on one line; children that do not fit are counted ("+ 2 more")."""
    parts = [f"{g.first_name or 'Your child'}: {status_words(g)}" for g in gists]
    for shown in range(len(parts), 0, -1):
        rest = len(parts) - shown
        line = SEPARATOR.join(parts[:shown]) + (f"{SEPARATOR}+ {rest} more" if rest else "")
        if len(line) <= limit:
            return line
    return FALLBACK


def notification_text(content: DigestContent) -> tuple[str, str]:
    """The title and body shown on the lock screen."""
    gists = [c.gist for c in content.children if c.gist is not None]
    return TITLES[content.kind], gist_line(gists) if gists else FALLBACK


def push_message(content: DigestContent, digest_id: int) -> PushMessage:
    """The push payload for a stored digest (a few hundred bytes, far below the ~4 KB limit)."""
    title, body = notification_text(content)
    return PushMessage(
        title=title, body=body, url=APP_PATH.format(id=digest_id), digest_id=digest_id
    )
