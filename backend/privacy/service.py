"""Privacy rights against the database: proving who is typing, and the student an
administrator may erase."""

from __future__ import annotations

from backend.accounts.passwords import verify_password
from backend.accounts.roles import Role
from backend.accounts.tables import User


class NoSuchStudent(LookupError):
    """No student with that id in the administrator's school."""


async def password_matches(user_id: int, password: str) -> bool:
    """Whether `password` is the account's current one."""
    stored = await User.select(User.password_hash).where(User.id == user_id)
    return bool(stored) and verify_password(stored[0]["password_hash"], password)


async def student_login(school_id: int | None, user_id: int) -> str:
    """The login of a student of the school, to confirm their erasure by."""
    rows = await User.select(User.login, User.role).where(
        (User.id == user_id) & (User.school == school_id)
    )
    if not rows or rows[0]["role"] != Role.STUDENT.value:
        raise NoSuchStudent(f"No student {user_id} in your school.")
    return str(rows[0]["login"])
