"""Server-side sessions behind an HttpOnly cookie.

The cookie holds a random token; the database holds only its SHA-256, so a leaked database
cannot be replayed as sessions. A cookie (not a bearer header) works for fetch, EventSource and
the service worker alike; unsafe methods are guarded by the CSRF double-submit token.

A session ends when it idles past its expiry (WAYPOINT_SESSION_DAYS, renewed by a refresh), when
it is older than the absolute lifetime (WAYPOINT_SESSION_MAX_DAYS, counted from the moment the
password was typed, which no refresh renews), when its owner ends it, or when the account is
deactivated or its password changed.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from litestar import Response
from litestar.connection import ASGIConnection

from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.accounts.tables import Session, User
from backend.clock import utcnow
from backend.settings import Settings

COOKIE_NAME = "wp_session"
# "Last seen" is kept to the minute or so: writing it on every request would put a write on
# every read (and SQLite has one writer).
LAST_SEEN_RESOLUTION = timedelta(seconds=60)
USER_AGENT_LENGTH = 200


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _client(connection: ASGIConnection[Any, Any, Any, Any] | None) -> tuple[str, str]:
    if connection is None:
        return "", ""
    agent = connection.headers.get("user-agent", "")[:USER_AGENT_LENGTH]
    return agent, connection.client.host if connection.client else ""


def _expiry(now: datetime, signed_in_at: datetime, settings: Settings) -> datetime:
    return min(
        now + timedelta(days=settings.session_days),
        signed_in_at + timedelta(days=settings.session_max_days),
    )


async def start_session(
    user_id: int,
    settings: Settings,
    connection: ASGIConnection[Any, Any, Any, Any] | None = None,
    *,
    signed_in_at: datetime | None = None,
) -> str:
    """Create a session for `user_id` and return the token for the cookie.

    `signed_in_at` carries a refreshed session's sign-in time over, so the absolute lifetime
    still counts from the moment the password was typed.
    """
    token = secrets.token_urlsafe(32)
    now = utcnow()
    agent, ip = _client(connection)
    await Session.insert(
        Session(
            token_hash=token_hash(token),
            user=user_id,
            created_at=now,
            expires_at=_expiry(now, signed_in_at or now, settings),
            signed_in_at=signed_in_at or now,
            last_seen_at=now,
            user_agent=agent,
            client_ip=ip,
        )
    )
    return token


async def end_session(session_id: int) -> None:
    await Session.delete().where(Session.id == session_id)


async def end_all_sessions(user_id: int, *, except_session: int | None = None) -> None:
    """End every session of `user_id` (but `except_session`, the caller's own, if given)."""
    query = Session.delete().where(Session.user == user_id)
    if except_session is not None:
        query = query.where(Session.id != except_session)
    await query


async def find_principal(
    token: str,
    connection: ASGIConnection[Any, Any, Any, Any] | None = None,
    *,
    max_days: int = 90,
) -> Principal | None:
    """The user behind a session token, if the session is live and the account active."""
    rows = await Session.select(
        Session.id,
        Session.expires_at,
        Session.signed_in_at,
        Session.last_seen_at,
        Session.client_ip,
        Session.user.id.as_alias("user_id"),
        Session.user.role.as_alias("role"),
        Session.user.login.as_alias("login"),
        Session.user.display_name.as_alias("display_name"),
        Session.user.time_zone.as_alias("time_zone"),
        Session.user.locale.as_alias("locale"),
        Session.user.school.as_alias("school"),
        Session.user.active.as_alias("active"),
    ).where(Session.token_hash == token_hash(token))
    if not rows:
        return None
    row = rows[0]
    now = utcnow()
    max_age = timedelta(days=max_days)
    signed_in_at = row["signed_in_at"] or now
    if row["expires_at"] <= now or signed_in_at + max_age <= now or not row["active"]:
        await end_session(row["id"])
        return None
    _, ip = _client(connection)
    last_seen = row["last_seen_at"]
    if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION or ip != row["client_ip"]:
        await Session.update({Session.last_seen_at: now, Session.client_ip: ip}).where(
            Session.id == row["id"]
        )
    return Principal(
        id=row["user_id"],
        role=Role(row["role"]),
        login=row["login"],
        display_name=row["display_name"],
        time_zone=row["time_zone"],
        locale=row["locale"],
        session_id=row["id"],
        school_id=row["school"],
    )


async def signed_in_at(session_id: int) -> datetime | None:
    rows = await Session.select(Session.signed_in_at).where(Session.id == session_id)
    return rows[0]["signed_in_at"] if rows else None


def set_session_cookie(response: Response[Any], token: str, settings: Settings) -> None:
    response.set_cookie(
        COOKIE_NAME,
        token,
        max_age=settings.session_days * 86400,
        httponly=True,
        secure=settings.secure_cookies,
        samesite="lax",
        path="/",
    )


def clear_session_cookie(response: Response[Any], settings: Settings) -> None:
    response.delete_cookie(COOKIE_NAME, path="/")


__all__ = [
    "COOKIE_NAME",
    "User",
    "clear_session_cookie",
    "end_all_sessions",
    "end_session",
    "find_principal",
    "set_session_cookie",
    "start_session",
]
