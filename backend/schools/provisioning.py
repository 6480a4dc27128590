"""Creating a school and its first administrator (the command line and the demo data)."""

from __future__ import annotations

from datetime import datetime

from backend.accounts.passwords import hash_password
from backend.accounts.roles import Role
from backend.accounts.tables import User
from backend.db import write_transaction
from backend.schools.tables import School


class ProvisioningError(ValueError):
    """The administrator cannot be created as asked; the message says why."""


async def school_named(name: str, now: datetime) -> int:
    """The id of the school called `name` (not case-sensitive), created if there is none.

    Runs inside the caller's write transaction.
    """
    for row in await School.select(School.id, School.name):
        if str(row["name"]).casefold() == name.casefold():
            return int(row["id"])
    rows = await School.insert(School(name=name, created_at=now))
    return int(rows[0]["id"])


async def create_administrator(
    *, school: str, login: str, display_name: str, password: str, now: datetime
) -> tuple[int, int]:
    """A new administrator of `school` (created if needed); returns (school id, account id)."""
    login = login.strip().lower()
    if not 3 <= len(login) <= 32:
        raise ProvisioningError("the login must be 3-32 characters")
    if len(password) < 10:
        raise ProvisioningError("the password must be at least 10 characters")
    if not school.strip():
        raise ProvisioningError("name the school with --school")
    async with write_transaction(User._meta.db):
        if await User.exists().where(User.login == login):
            raise ProvisioningError(f"the login {login!r} is taken; choose another one")
        school_id = await school_named(school.strip(), now)
        user = User(
            role=Role.ADMIN.value,
            login=login,
            display_name=display_name.strip() or login,
            password_hash=hash_password(password),
            time_zone="UTC",
            locale="en",
            created_at=now,
            school=school_id,
        )
        await user.save()
    return school_id, int(user.id)
