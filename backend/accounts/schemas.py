"""Wire shapes of accounts and sessions."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

from backend.accounts.roles import Role
from backend.i18n import LANGUAGES

LOCALE_PATTERN = "^(" + "|".join(LANGUAGES) + ")$"

Login = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=32,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
        description="3-32 letters, digits, dots, dashes or underscores; not case-sensitive.",
    ),
]
Password = Annotated[str, msgspec.Meta(min_length=10, max_length=128)]
DisplayName = Annotated[str, msgspec.Meta(min_length=1, max_length=80)]
TimeZone = Annotated[str, msgspec.Meta(min_length=1, max_length=64, examples=["Asia/Almaty"])]
# The account's language, which server-made texts use: kk, ru or en.
Locale = Annotated[str, msgspec.Meta(pattern=LOCALE_PATTERN, examples=["en", "kk"])]
JoinCode = Annotated[str, msgspec.Meta(min_length=4, max_length=16)]
OneTimeCode = Annotated[str, msgspec.Meta(min_length=4, max_length=32)]


class RegisterRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    role: Role
    login: Login
    password: Password
    display_name: DisplayName
    time_zone: TimeZone = "UTC"
    locale: Locale = "en"
    # A student's class join code; a student account needs one.
    join_code: JoinCode | None = None
    # A teacher's invitation code from their school's administrator; a teacher needs one.
    invite_code: OneTimeCode | None = None


class LoginRequest(msgspec.Struct, forbid_unknown_fields=True):
    login: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    password: Annotated[str, msgspec.Meta(min_length=1, max_length=128)]


class ProfileUpdate(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    display_name: DisplayName | None = None
    time_zone: TimeZone | None = None
    locale: Locale | None = None


class Me(msgspec.Struct, kw_only=True):
    id: int
    role: Role
    login: str
    display_name: str
    time_zone: str
    locale: str
    # A parent belongs to no school (their children may be at several).
    school_id: int | None = None
    school_name: str | None = None
    # False for a student who has not yet read who sees what of their data.
    privacy_notice_seen: bool = True


class PasswordChange(msgspec.Struct, forbid_unknown_fields=True):
    current_password: Annotated[str, msgspec.Meta(min_length=1, max_length=128)]
    new_password: Password


class PasswordResetRedeem(msgspec.Struct, forbid_unknown_fields=True):
    login: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
    code: OneTimeCode
    new_password: Password


class SessionInfo(msgspec.Struct, kw_only=True):
    """One signed-in device or browser of mine."""

    id: int
    current: bool
    user_agent: str
    client_address: str
    signed_in_at: datetime | None
    last_seen_at: datetime | None
    expires_at: datetime
