"""Accounts against the database: registering, the caller's profile, passwords and sessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from piccolo.columns import Column

from backend.accounts.passwords import hash_password, verify_password
from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.accounts.schemas import Me, RegisterRequest, SessionInfo
from backend.accounts.sessions import end_all_sessions
from backend.accounts.tables import Session, User
from backend.approvals.policies import enrol
from backend.clock import utcnow
from backend.db import write_transaction
from backend.schools.codes import code_hash
from backend.schools.tables import PasswordReset, School, StaffInvite
from backend.schools.tracks import give_new_student_school_limits


class InviteUnusable(LookupError):
    """The teacher's invitation code is unknown, used or expired."""


class LoginTaken(ValueError):
    """Another account has this login name."""


class ResetRefused(PermissionError):
    """The reset code does not match the login, or is used or expired, or the account is off."""


async def _school_name(school_id: int | None) -> str | None:
    if school_id is None:
        return None
    rows = await School.select(School.name).where(School.id == school_id)
    return str(rows[0]["name"]) if rows else None


async def me_of_row(row: dict[str, Any]) -> Me:
    """The `Me` of a user row."""
    return Me(
        id=row["id"],
        role=Role(row["role"]),
        login=row["login"],
        display_name=row["display_name"],
        time_zone=row["time_zone"],
        locale=row["locale"],
        school_id=row["school"],
        school_name=await _school_name(row["school"]),
        privacy_notice_seen=row["role"] != Role.STUDENT.value
        or row["privacy_notice_at"] is not None,
    )


async def me_from_principal(user: Principal) -> Me:
    """The `Me` of the signed-in user."""
    seen = user.role is not Role.STUDENT or await User.exists().where(
        (User.id == user.id) & User.privacy_notice_at.is_not_null()
    )
    return Me(
        id=user.id,
        role=user.role,
        login=user.login,
        display_name=user.display_name,
        time_zone=user.time_zone,
        locale=user.locale,
        school_id=user.school_id,
        school_name=await _school_name(user.school_id),
        privacy_notice_seen=seen,
    )


async def account_me(user_id: int) -> Me:
    """The `Me` of an account by id (after a password reset signs it in)."""
    rows = await User.select().where(User.id == user_id)
    return await me_of_row(rows[0])


async def account_by_login(login: str) -> dict[str, Any] | None:
    """The user row with this login name, if any."""
    rows = await User.select().where(User.login == login)
    return rows[0] if rows else None


async def _claim_staff_invite(code: str, now: dt.datetime) -> dict[str, Any]:
    """Claim the unused, unexpired teacher invitation for `code` (inside a write transaction).

    One conditional UPDATE claims it: of two registrations with one code at once, the second
    waits on the first's row lock and then matches nothing, on both engines.
    """
    claimed: list[dict[str, Any]] = (
        await StaffInvite.update({StaffInvite.used_at: now})
        .where(
            (StaffInvite.code_hash == code_hash(code))
            & StaffInvite.used_at.is_null()
            & (StaffInvite.expires_at > now)
        )
        .returning(StaffInvite.id, StaffInvite.school)
    )
    if not claimed:
        raise InviteUnusable(code)
    return claimed[0]


async def _create_user(
    data: RegisterRequest, login: str, school_id: int | None, now: dt.datetime
) -> User:
    if await User.exists().where(User.login == login):
        raise LoginTaken(login)
    user = User(
        role=data.role.value,
        login=login,
        display_name=data.display_name.strip() or login,
        password_hash=hash_password(data.password),
        time_zone=data.time_zone,
        locale=data.locale,
        created_at=now,
        school=school_id,
    )
    await user.save()
    return user


async def register(
    data: RegisterRequest, login: str, class_id: int | None, school_id: int | None
) -> tuple[int, int | None, bool]:
    """Create the account in one write transaction: claim a teacher's invitation, enrol a
    student in their class and give them the school's limits.

    Returns the new user's id, their school, and whether an invitation was claimed.
    """
    now = utcnow()
    async with write_transaction(User._meta.db):
        invite = (
            await _claim_staff_invite(data.invite_code, now)
            if data.role is Role.TEACHER and data.invite_code
            else None
        )
        if invite is not None:
            school_id = invite["school"]
        user = await _create_user(data, login, school_id, now)
        if class_id is not None:
            # A brand-new account has no devices to poke yet.
            await enrol(user.id, class_id)
        if data.role is Role.STUDENT and school_id is not None:
            await give_new_student_school_limits(user.id, school_id)
        if invite is not None:
            await StaffInvite.update({StaffInvite.used_by: user.id}).where(
                StaffInvite.id == invite["id"]
            )
    return user.id, school_id, invite is not None


async def mark_privacy_notice_read(user_id: int) -> None:
    """The student has read who sees what of their data."""
    await User.update({User.privacy_notice_at: utcnow()}).where(
        (User.id == user_id) & User.privacy_notice_at.is_null()
    )


async def update_profile(
    user: Principal, display_name: str | None, time_zone: str | None, locale: str | None
) -> Me:
    """Change display name, time zone or locale (each when given)."""
    values: dict[Column | str, Any] = {}
    if display_name is not None:
        values[User.display_name] = display_name.strip() or user.login
    if time_zone is not None:
        values[User.time_zone] = time_zone
    if locale is not None:
        values[User.locale] = locale
    if values:
        await User.update(values).where(User.id == user.id)
    return await account_me(user.id)


async def password_matches(user_id: int, password: str) -> bool:
    """Whether `password` is the account's current one."""
    rows = await User.select(User.password_hash).where(User.id == user_id)
    return verify_password(rows[0]["password_hash"] if rows else None, password)


async def change_password(user_id: int, new_password: str, keep_session: int) -> None:
    """Set a new password and end every other session of the account."""
    async with write_transaction(User._meta.db):
        await User.update({User.password_hash: hash_password(new_password)}).where(
            User.id == user_id
        )
        await end_all_sessions(user_id, except_session=keep_session)


def _reset_usable(reset: dict[str, Any] | None, login: str, now: dt.datetime) -> bool:
    return not (
        reset is None
        or reset["login"] != login
        or reset["used_at"] is not None
        or reset["expires_at"] <= now
        or not reset["active"]
    )


async def redeem_reset(
    login: str, code: str, new_password: str, refused: Callable[[], Awaitable[None]]
) -> int:
    """Use a one-time reset code: set the new password and end every session of the account.

    `refused` runs inside the transaction before `ResetRefused` is raised. Returns the user.
    """
    now = utcnow()
    async with write_transaction(User._meta.db):
        rows = await PasswordReset.select(
            PasswordReset.id,
            PasswordReset.user,
            PasswordReset.expires_at,
            PasswordReset.used_at,
            PasswordReset.user.login.as_alias("login"),
            PasswordReset.user.active.as_alias("active"),
        ).where(PasswordReset.code_hash == code_hash(code))
        reset = rows[0] if rows else None
        if reset is None or not _reset_usable(reset, login, now):
            await refused()
            raise ResetRefused
        user_id = int(reset["user"])
        await PasswordReset.update({PasswordReset.used_at: now}).where(
            PasswordReset.id == reset["id"]
        )
        await User.update({User.password_hash: hash_password(new_password)}).where(
            User.id == user_id
        )
        await end_all_sessions(user_id)
    return user_id


async def live_sessions(user_id: int, current: int) -> list[SessionInfo]:
    """Every live session of the user, the most recently used first."""
    rows = (
        await Session.select()
        .where((Session.user == user_id) & (Session.expires_at > utcnow()))
        .order_by(Session.last_seen_at, ascending=False)
    )
    return [
        SessionInfo(
            id=r["id"],
            current=r["id"] == current,
            user_agent=r["user_agent"],
            client_address=r["client_ip"],
            signed_in_at=r["signed_in_at"],
            last_seen_at=r["last_seen_at"],
            expires_at=r["expires_at"],
        )
        for r in rows
    ]


async def has_session(user_id: int, session_id: int) -> bool:
    """Whether the session is one of the user's."""
    return bool(
        await Session.exists().where((Session.id == session_id) & (Session.user == user_id))
    )
