"""The lock-screen notification: short, and free of anything sensitive.

A lock screen is seen by whoever holds the phone, so the text names no child, goal, status or
amount; it only says a summary is ready. The summary itself opens in the app.
"""

from __future__ import annotations

from typing import Final

import msgspec

from backend.digests.content import DigestContent

APP_PATH: Final = "/digests/{id}"


class PushMessage(msgspec.Struct, frozen=True, kw_only=True):
    """What the service worker shows; the app fetches the digest itself by ``digest_id``."""

    title: str
    body: str
    url: str
    digest_id: int
    tag: str = "waypoint-digest"


def notification_text(content: DigestContent) -> tuple[str, str]:
    """The title and body shown on the lock screen."""
    title = (
        "Your daily Waypoint summary" if content.kind == "daily" else "Your weekly Waypoint summary"
    )
    count = len(content.children)
    children = "1 child" if count == 1 else f"{count} children"
    return title, f"The summary for {children} is ready. Tap to read it."


def push_message(content: DigestContent, digest_id: int) -> PushMessage:
    """The push payload for a stored digest (a few hundred bytes, far below the ~4 KB limit)."""
    title, body = notification_text(content)
    return PushMessage(
        title=title, body=body, url=APP_PATH.format(id=digest_id), digest_id=digest_id
    )
