"""Server-side sessions behind an HttpOnly cookie.

The cookie holds a random token; the database holds only its SHA-256, so a leaked database
cannot be replayed as sessions. A cookie (not a bearer header) works for fetch, EventSource and
the service worker alike; unsafe methods are guarded by the CSRF double-submit token.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from litestar import Response

from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.accounts.tables import Session, User
from backend.clock import utcnow
from backend.settings import Settings

COOKIE_NAME = "wp_session"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def start_session(user_id: int, settings: Settings) -> str:
    """Create a session for `user_id` and return the token for the cookie."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    await Session.insert(
        Session(
            token_hash=token_hash(token),
            user=user_id,
            created_at=now,
            expires_at=now + timedelta(days=settings.session_days),
        )
    )
    return token


async def end_session(session_id: int) -> None:
    await Session.delete().where(Session.id == session_id)


async def find_principal(token: str) -> Principal | None:
    """The user behind a session token, if the session exists and has not expired."""
    rows = await Session.select(
        Session.id,
        Session.expires_at,
        Session.user.id.as_alias("user_id"),
        Session.user.role.as_alias("role"),
        Session.user.login.as_alias("login"),
        Session.user.display_name.as_alias("display_name"),
        Session.user.time_zone.as_alias("time_zone"),
        Session.user.locale.as_alias("locale"),
    ).where(Session.token_hash == token_hash(token))
    if not rows:
        return None
    row = rows[0]
    if row["expires_at"] <= utcnow():
        await end_session(row["id"])
        return None
    return Principal(
        id=row["user_id"],
        role=Role(row["role"]),
        login=row["login"],
        display_name=row["display_name"],
        time_zone=row["time_zone"],
        locale=row["locale"],
        session_id=row["id"],
    )


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


async def end_all_sessions(user_id: int) -> None:
    await Session.delete().where(Session.user == user_id)


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
