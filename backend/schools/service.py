"""The school administrator's work against the database, scoped to their own school."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.accounts.sessions import end_all_sessions
from backend.accounts.tables import User
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.families.links import link_view, links_where
from backend.families.schemas import Link
from backend.families.tables import GuardianLink
from backend.schools.codes import code_hash, new_code
from backend.schools.schemas import ResetCode, SchoolAccount, SchoolClassEntry, TeacherInvite
from backend.schools.tables import PasswordReset, School, StaffInvite

INVITE_DAYS = 14
# Long enough to get from the office to a phone, short enough that a lost slip is harmless.
RESET_HOURS = 24


class NotInSchool(LookupError):
    """No such account, class or link in the administrator's school; the message says which."""


class NotAStudent(ValueError):
    """A reset code is asked for an account that is not a student's."""


_ACCOUNT_COLUMNS = (
    User.id,
    User.role,
    User.login,
    User.display_name,
    User.active,
    User.created_at,
)


def _account(row: dict[str, Any]) -> SchoolAccount:
    return SchoolAccount(
        id=row["id"],
        role=Role(row["role"]),
        login=row["login"],
        display_name=row["display_name"],
        active=row["active"],
        created_at=row["created_at"],
    )


async def _member(admin: Principal, user_id: int) -> dict[str, Any]:
    """An account of the administrator's school other than the administrator."""
    rows = await User.select(*_ACCOUNT_COLUMNS).where(
        (User.id == user_id) & (User.school == admin.school_id)
    )
    if not rows or user_id == admin.id:
        raise NotInSchool(f"No other account {user_id} in your school.")
    return rows[0]


async def require_student(admin: Principal, user_id: int) -> None:
    """The account is a student of the administrator's school."""
    row = await _member(admin, user_id)
    if row["role"] != Role.STUDENT.value:
        raise NotInSchool(f"No student {user_id} in your school.")


async def set_active(admin: Principal, user_id: int, active: bool) -> SchoolAccount:
    """Turn an account of the school on or off; off ends its sessions at once."""
    row = await _member(admin, user_id)
    await User.update({User.active: active}).where(User.id == user_id)
    if not active:
        # Ends at once on every device: the next request of any of them is "sign in".
        await end_all_sessions(user_id)
    return _account({**row, "active": active})


async def accounts_of(school_id: int | None) -> list[SchoolAccount]:
    """Everyone in the school: administrators and teachers (staff) first, then students."""
    rows = await User.select(*_ACCOUNT_COLUMNS).where(User.school == school_id)
    order = {Role.ADMIN.value: 0, Role.TEACHER.value: 1, Role.STUDENT.value: 2}
    rows.sort(key=lambda r: (order.get(r["role"], 3), r["display_name"].casefold(), r["id"]))
    return [_account(r) for r in rows]


async def _class_sizes(class_ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    if class_ids:
        enrolled = await Enrolment.select(Enrolment.school_class).where(
            Enrolment.school_class.is_in(class_ids)
        )
        for e in enrolled:
            counts[e["school_class"]] = counts.get(e["school_class"], 0) + 1
    return counts


async def classes_of(school_id: int | None) -> list[SchoolClassEntry]:
    """Every class of the school with its teacher and how many students it has."""
    rows = (
        await SchoolClass.select(
            SchoolClass.id,
            SchoolClass.name,
            SchoolClass.teacher,
            SchoolClass.teacher.display_name.as_alias("teacher_name"),
            SchoolClass.homeroom,
        )
        .where(SchoolClass.school == school_id)
        .order_by(SchoolClass.name)
    )
    counts = await _class_sizes([r["id"] for r in rows])
    return [
        SchoolClassEntry(
            id=r["id"],
            name=r["name"],
            teacher_id=r["teacher"],
            teacher_name=r["teacher_name"],
            students=counts.get(r["id"], 0),
            homeroom=bool(r["homeroom"]),
        )
        for r in rows
    ]


async def set_homeroom(school_id: int | None, class_id: int, homeroom: bool) -> None:
    """Make a class of the school a homeroom, or not."""
    updated = (
        await SchoolClass.update({SchoolClass.homeroom: homeroom})
        .where((SchoolClass.id == class_id) & (SchoolClass.school == school_id))
        .returning(SchoolClass.id)
    )
    if not updated:
        raise NotInSchool(f"No class {class_id} in your school.")


async def guardian_links(school_id: int | None) -> list[Link]:
    """Every guardian link of the school's students, pending and confirmed."""
    rows = await links_where(GuardianLink.student.school == school_id)
    return [link_view(r, for_parent=False) for r in rows]


async def invite_teacher(admin: Principal) -> TeacherInvite:
    """A one-time code (14 days) with which one teacher registers into the school."""
    code = new_code()
    now = utcnow()
    expires = now + timedelta(days=INVITE_DAYS)
    await StaffInvite.insert(
        StaffInvite(
            code_hash=code_hash(code),
            school=admin.school_id,
            issued_by=admin.id,
            created_at=now,
            expires_at=expires,
        )
    )
    names = await School.select(School.name).where(School.id == admin.school_id)
    return TeacherInvite(code=code, school_name=names[0]["name"], expires_at=expires)


async def reset_code(admin: Principal, user_id: int) -> ResetCode:
    """A one-time code (24 hours) with which a student of the school sets a new password."""
    row = await _member(admin, user_id)
    if row["role"] != Role.STUDENT.value:
        raise NotAStudent("Reset codes are for students; a teacher changes their own password.")
    code = new_code()
    now = utcnow()
    expires = now + timedelta(hours=RESET_HOURS)
    await PasswordReset.insert(
        PasswordReset(
            code_hash=code_hash(code),
            user=user_id,
            issued_by=admin.id,
            created_at=now,
            expires_at=expires,
        )
    )
    return ResetCode(code=code, login=row["login"], expires_at=expires)


def _school_link(admin: Principal, link_id: int) -> Any:
    return (GuardianLink.id == link_id) & (GuardianLink.student.school == admin.school_id)


async def confirm_link(admin: Principal, link_id: int, consent_note: str) -> tuple[int, int] | None:
    """Confirm a pending link of the school with the school's consent.

    Returns the link's (student, parent) when it is now confirmed, None when it already was.
    """
    rows = await links_where(_school_link(admin, link_id))
    if not rows:
        raise NotInSchool(f"No guardian link {link_id} in your school.")
    if rows[0]["confirmed_at"] is not None:
        return None
    await GuardianLink.update(
        {
            GuardianLink.confirmed_at: utcnow(),
            GuardianLink.confirmed_by: admin.id,
            GuardianLink.consent: "school",
            GuardianLink.consent_note: consent_note,
        }
    ).where(GuardianLink.id == link_id)
    return rows[0]["student"], rows[0]["parent"]


async def school_link(admin: Principal, link_id: int) -> Link:
    """A guardian link of the school as the school sees it."""
    return link_view((await links_where(_school_link(admin, link_id)))[0], for_parent=False)
