"""Demo data for a first run: a school with its administrator, a class with a teacher, three
students and a parent of two of them (both links confirmed by the children)."""

from __future__ import annotations

from dataclasses import dataclass

from backend.accounts.passwords import hash_password
from backend.accounts.roles import Role
from backend.accounts.tables import User
from backend.classes.codes import new_join_code
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.db import write_transaction
from backend.demo_activity import seed_demo_activity
from backend.families.tables import GuardianLink
from backend.schools.provisioning import school_named

DEMO_PASSWORD = "maple-compass-river"  # noqa: S105 - printed on purpose for the demo logins


@dataclass(frozen=True)
class DemoPerson:
    login: str
    display_name: str
    role: Role
    time_zone: str


SCHOOL_NAME = "School No. 17, Almaty"
ADMIN = DemoPerson("admin", "Mr Bolat Nurlanov (administrator)", Role.ADMIN, "Asia/Almaty")
TEACHER = DemoPerson("teacher", "Ms Aigerim Sadykova", Role.TEACHER, "Asia/Almaty")
STUDENTS = (
    DemoPerson("amir", "Amir", Role.STUDENT, "Asia/Almaty"),
    DemoPerson("dana", "Dana", Role.STUDENT, "Asia/Almaty"),
    DemoPerson("timur", "Timur", Role.STUDENT, "Asia/Almaty"),
)
PARENT = DemoPerson("parent", "Saule (Amir and Dana's mother)", Role.PARENT, "Asia/Almaty")
PEOPLE = (ADMIN, TEACHER, *STUDENTS, PARENT)


async def seed_demo() -> bool:
    """Create the demo class unless any account exists yet; True when it was created."""
    now = utcnow()
    async with write_transaction(User._meta.db):
        if await User.exists():
            return False
        password_hash = hash_password(DEMO_PASSWORD)
        school_id = await school_named(SCHOOL_NAME, now)
        ids: dict[str, int] = {}
        for person in PEOPLE:
            user = User(
                role=person.role.value,
                login=person.login,
                display_name=person.display_name,
                password_hash=password_hash,
                time_zone=person.time_zone,
                locale="en",
                created_at=now,
                school=None if person.role is Role.PARENT else school_id,
            )
            await user.save()
            ids[person.login] = user.id
        school_class = SchoolClass(
            teacher=ids[TEACHER.login],
            school=school_id,
            name="Grade 8 Mathematics",
            join_code=new_join_code(),
            created_at=now,
        )
        await school_class.save()
        for student in STUDENTS:
            await Enrolment.insert(
                Enrolment(school_class=school_class.id, student=ids[student.login], created_at=now)
            )
        for child in STUDENTS[:2]:
            # Each child shared with their mother from their own invite code.
            await GuardianLink.insert(
                GuardianLink(
                    parent=ids[PARENT.login],
                    student=ids[child.login],
                    created_at=now,
                    invited_by=ids[child.login],
                    confirmed_at=now,
                    confirmed_by=ids[child.login],
                    consent="student",
                )
            )
    await seed_demo_activity(
        {s.login: ids[s.login] for s in STUDENTS}, ids[PARENT.login], STUDENTS[0].time_zone, now
    )
    return True
