"""Pull cursors: an opaque, versioned encoding of ``{space: version}`` for one user.

Each space may also carry the *scope* it was served under: which part of the space the viewer
receives (for a subject teacher, the classes through which they teach the student). A space
whose scope has changed since is served again from scratch (``sync.pull``).

The cursor is base64url JSON. It is not signed: it only ever narrows what the server sends
within spaces the server itself decided the caller may see, so a forged cursor gains nothing.
It names its user so a cursor carried over to another account is reset, not trusted.
"""

from __future__ import annotations

import base64
import binascii

import msgspec

CURSOR_FORMAT = 1


class _Cursor(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True):
    v: int
    u: int
    s: dict[int, int]
    w: dict[int, str] = {}


class Position(msgspec.Struct, frozen=True):
    """What a cursor says: the version reached in each space, and the scope it was served in."""

    versions: dict[int, int]
    scopes: dict[int, str]


def encode_cursor(
    user_id: int, versions: dict[int, int], scopes: dict[int, str] | None = None
) -> str:
    """Encode a user's per-space versions (and non-empty scopes) as an opaque cursor string."""
    kept = {space: scope for space, scope in (scopes or {}).items() if scope and space in versions}
    cursor = _Cursor(
        CURSOR_FORMAT, user_id, dict(sorted(versions.items())), dict(sorted(kept.items()))
    )
    raw = msgspec.json.encode(cursor)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def decode_position(cursor: str, user_id: int) -> Position | None:
    """A cursor's versions and scopes, or None if it is unreadable or another user's."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        decoded = msgspec.json.decode(raw, type=_Cursor)
    except (binascii.Error, ValueError, msgspec.DecodeError):
        return None
    if decoded.v != CURSOR_FORMAT or decoded.u != user_id:
        return None
    if any(version < 0 for version in decoded.s.values()):
        return None
    return Position(decoded.s, decoded.w)


def decode_cursor(cursor: str, user_id: int) -> dict[int, int] | None:
    """The per-space versions of a cursor, or None if it is unreadable or another user's."""
    position = decode_position(cursor, user_id)
    return None if position is None else position.versions
