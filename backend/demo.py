"""Demo data for a first run: a school with its administrator, two subject classes (mathematics
and literature) with their teachers sharing three students, a homeroom teacher who mentors all
three, and a parent of two of them (both links confirmed by the children)."""

from __future__ import annotations

from dataclasses import dataclass

from backend.accounts.passwords import hash_password
from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.accounts.tables import User
from backend.approvals.policies import enrol
from backend.classes.codes import new_join_code
from backend.classes.tables import SchoolClass
from backend.clock import utcnow
from backend.db import write_transaction
from backend.demo_activity import seed_demo_activity
from backend.families.tables import GuardianLink
from backend.mastery.objectives_csv import NewObjective
from backend.mastery.schemas import MasteryMark
from backend.mastery.service import add_objectives, mark_mastery
from backend.mentoring.tables import MentorNote, Mentorship
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
LITERATURE_TEACHER = DemoPerson("literature", "Mr Yerlan Abenov", Role.TEACHER, "Asia/Almaty")
MENTOR = DemoPerson("mentor", "Ms Gulnara Iskakova (homeroom)", Role.TEACHER, "Asia/Almaty")
STUDENTS = (
    DemoPerson("amir", "Amir", Role.STUDENT, "Asia/Almaty"),
    DemoPerson("dana", "Dana", Role.STUDENT, "Asia/Almaty"),
    DemoPerson("timur", "Timur", Role.STUDENT, "Asia/Almaty"),
)
PARENT = DemoPerson("parent", "Saule (Amir and Dana's mother)", Role.PARENT, "Asia/Almaty")
PEOPLE = (ADMIN, TEACHER, LITERATURE_TEACHER, MENTOR, *STUDENTS, PARENT)
# (teacher, class name, homeroom): every demo student is in all three.
CLASSES = (
    (TEACHER, "Grade 8 Mathematics", False),
    (LITERATURE_TEACHER, "Grade 8 Literature", False),
    (MENTOR, "Grade 8B homeroom", True),
)
# The mathematics class's learning objectives, and the marks its teacher has made.
OBJECTIVES = (
    ("Q.1", "Solve quadratic equations by factoring"),
    ("Q.2", "Complete the square"),
    ("Q.3", "Use the quadratic formula and the discriminant"),
    ("Q.4", "Sketch a parabola from its equation"),
    ("T.1", "Prove triangles similar"),
    ("T.2", "Use similarity to find lengths"),
)
MARKS = (
    ("dana", 0, "Factored all six in Tuesday's quiz"),
    ("dana", 1, "Explained each step at the board"),
    ("amir", 0, "Homework 4, no mistakes"),
    ("amir", 4, "Geometry test, question 2"),
)
CHECK_IN = (
    "Amir's week is full: chapter 4, the novel and olympiad practice ask more than the six "
    "hours he planned.",
    "Olympiad practice moves to Saturday mornings; Amir asks Ms Sadykova about the chapter 4 "
    "deadline.",
)


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
        classes: dict[str, int] = {}
        for teacher, name, homeroom in CLASSES:
            school_class = SchoolClass(
                teacher=ids[teacher.login],
                school=school_id,
                name=name,
                join_code=new_join_code(),
                created_at=now,
                homeroom=homeroom,
            )
            await school_class.save()
            classes[teacher.login] = school_class.id
            for student in STUDENTS:
                await enrol(ids[student.login], school_class.id)
        for student in STUDENTS:
            # The homeroom teacher chose herself as the mentor of her class's students.
            await Mentorship.insert(
                Mentorship(
                    student=ids[student.login],
                    mentor=ids[MENTOR.login],
                    assigned_by=ids[MENTOR.login],
                    created_at=now,
                )
            )
        await MentorNote.insert(
            MentorNote(
                student=ids[STUDENTS[0].login],
                author=ids[MENTOR.login],
                body=CHECK_IN[0],
                next_steps=CHECK_IN[1],
                shared_with_parents=False,
                created_at=now,
            )
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
    mathematics = classes[TEACHER.login]
    listed, _, _ = await add_objectives(
        mathematics, [NewObjective(code=code, title=title) for code, title in OBJECTIVES]
    )
    await seed_demo_activity(
        {s.login: ids[s.login] for s in STUDENTS},
        {
            "mathematics": mathematics,
            "literature": classes[LITERATURE_TEACHER.login],
            **{f"objective.{n}": o.id for n, o in enumerate(listed)},
        },
        ids[PARENT.login],
        STUDENTS[0].time_zone,
        now,
    )
    marker = Principal(
        id=ids[TEACHER.login],
        role=Role.TEACHER,
        login=TEACHER.login,
        display_name=TEACHER.display_name,
        time_zone=TEACHER.time_zone,
        locale="en",
        session_id=0,
        school_id=school_id,
    )
    for login, n, evidence in MARKS:
        await mark_mastery(
            marker,
            mathematics,
            ids[login],
            listed[n].id,
            MasteryMark(mastered=True, evidence=evidence),
            ip="",
        )
    return True
