"""Mentoring against the database: assigning mentors, the mentor's views, check-in notes.

Every view here reads the learner state (``backend.learner.state``); nothing is computed on
the side, so the mentor sees the status the student, the teachers and the parents see.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from litestar.exceptions import ClientException, NotFoundException

from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.accounts.tables import User
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.learner.state import LearnerState, learner_state
from backend.learner.store import learner_records
from backend.mentoring.schemas import (
    MenteeSummary,
    MenteeView,
    Mentor,
    Note,
    NoteBody,
    SubjectWeek,
)
from backend.mentoring.tables import MentorNote, Mentorship

PERSONAL = "Personal goals"
MAX_NOTES_SHOWN = 50


async def _student_of_school(student_id: int, school_id: int | None) -> dict[str, Any]:
    rows = await User.select(User.id, User.display_name, User.time_zone).where(
        (User.id == student_id) & (User.role == Role.STUDENT.value) & (User.school == school_id)
    )
    if school_id is None or not rows:
        raise NotFoundException(detail=f"No student {student_id} in your school.")
    return rows[0]


async def in_school(student_id: int, school_id: int | None) -> bool:
    return school_id is not None and await User.exists().where(
        (User.id == student_id) & (User.role == Role.STUDENT.value) & (User.school == school_id)
    )


async def may_assign(user: Principal, student_id: int) -> bool:
    """An administrator of the student's school, or the teacher of a homeroom class the
    student is in, may choose the student's mentor."""
    if user.role is Role.ADMIN:
        return True
    if user.role is not Role.TEACHER:
        return False
    return await Enrolment.exists().where(
        (Enrolment.student == student_id)
        & (Enrolment.school_class.teacher == user.id)
        & (Enrolment.school_class.homeroom == True)  # noqa: E712 - a column comparison
        & (Enrolment.school_class.school == user.school_id)
    )


async def _check_assigner(user: Principal, student_id: int) -> dict[str, Any]:
    student = await _student_of_school(student_id, user.school_id)
    if not await may_assign(user, student_id):
        raise NotFoundException(detail=f"No student {student_id} in a homeroom class of yours.")
    return student


async def assign(user: Principal, student_id: int, mentor_id: int) -> Mentor:
    """Make ``mentor_id`` the student's mentor, replacing any earlier one."""
    student = await _check_assigner(user, student_id)
    mentors = await User.select(User.id, User.display_name).where(
        (User.id == mentor_id)
        & (User.role == Role.TEACHER.value)
        & (User.school == user.school_id)
        & (User.active == True)  # noqa: E712 - a column comparison
    )
    if not mentors:
        raise ClientException(
            detail=f"Account {mentor_id} is not an active teacher of your school: a mentor "
            "is one of the school's teachers.",
            status_code=422,
        )
    now = utcnow()
    # One statement, so two assignments at once leave one mentor, never an error or two rows.
    await Mentorship.insert(
        Mentorship(student=student_id, mentor=mentor_id, assigned_by=user.id, created_at=now)
    ).on_conflict(
        target=Mentorship.student,
        action="DO UPDATE",
        values=[Mentorship.mentor, Mentorship.assigned_by, Mentorship.created_at],
    )
    return Mentor(
        student_id=student_id,
        student_name=student["display_name"],
        mentor_id=mentor_id,
        mentor_name=mentors[0]["display_name"],
        since=now,
    )


async def unassign(user: Principal, student_id: int) -> None:
    await _check_assigner(user, student_id)
    await Mentorship.delete().where(Mentorship.student == student_id)


async def mentorships(school_id: int | None) -> list[Mentor]:
    """Every mentor assignment of a school, by student name."""
    rows = await Mentorship.select(
        Mentorship.student,
        Mentorship.student.display_name.as_alias("student_name"),
        Mentorship.mentor,
        Mentorship.mentor.display_name.as_alias("mentor_name"),
        Mentorship.created_at,
    ).where(Mentorship.student.school == school_id)
    found = [
        Mentor(
            student_id=r["student"],
            student_name=r["student_name"],
            mentor_id=r["mentor"],
            mentor_name=r["mentor_name"],
            since=r["created_at"],
        )
        for r in rows
    ]
    return sorted(found, key=lambda m: (m.student_name.lower(), m.student_id))


async def mentor_of(student_id: int) -> Mentor | None:
    rows = await Mentorship.select(
        Mentorship.student.display_name.as_alias("student_name"),
        Mentorship.mentor,
        Mentorship.mentor.display_name.as_alias("mentor_name"),
        Mentorship.created_at,
    ).where(Mentorship.student == student_id)
    if not rows:
        return None
    r = rows[0]
    return Mentor(
        student_id=student_id,
        student_name=r["student_name"],
        mentor_id=r["mentor"],
        mentor_name=r["mentor_name"],
        since=r["created_at"],
    )


def summary_of(student_id: int, name: str, state: LearnerState) -> MenteeSummary:
    active = [g for g in state.goals if g.lifecycle == "active"]
    days = [g.last_active_on for g in state.goals if g.last_active_on is not None]
    return MenteeSummary(
        student_id=student_id,
        display_name=name,
        active_goals=len(active),
        behind_goals=sum(g.status in ("behind", "at_risk", "unreachable") for g in active),
        persistently_behind=state.persistently_behind,
        overloaded=state.load.overloaded,
        required_hours_per_week=round(state.load.required_hours, 1),
        available_hours_per_week=state.load.available_hours,
        study_minutes_this_week=state.week_time.study_minutes,
        free_minutes_this_week=state.week_time.free_minutes,
        last_active_on=max(days) if days else None,
    )


async def _states(people: list[dict[str, Any]], now: dt.datetime) -> dict[int, LearnerState]:
    records = await learner_records(User._meta.db, [p["id"] for p in people], now=now)
    return {
        p["id"]: learner_state(records[p["id"]], now=now, time_zone=p["time_zone"]) for p in people
    }


async def mentee_list(mentor: Principal) -> list[MenteeSummary]:
    """The mentor's students, those who need a conversation first."""
    rows = await Mentorship.select(Mentorship.student).where(
        (Mentorship.mentor == mentor.id) & (Mentorship.student.school == mentor.school_id)
    )
    ids = [r["student"] for r in rows]
    if not ids:
        return []
    people = await User.select(User.id, User.display_name, User.time_zone).where(User.id.is_in(ids))
    now = utcnow()
    states = await _states(people, now)
    found = [summary_of(p["id"], p["display_name"], states[p["id"]]) for p in people]
    found.sort(
        key=lambda s: (
            not (s.persistently_behind or s.overloaded),
            -s.behind_goals,
            s.display_name.lower(),
        )
    )
    return found


async def _class_names(student_id: int) -> dict[int, tuple[str, str]]:
    rows = await SchoolClass.select(
        SchoolClass.id, SchoolClass.name, SchoolClass.teacher.display_name.as_alias("teacher")
    ).where(
        SchoolClass.id.is_in(
            Enrolment.select(Enrolment.school_class).where(Enrolment.student == student_id)
        )
    )
    return {r["id"]: (r["name"], r["teacher"]) for r in rows}


async def mentee_view(student_id: int) -> MenteeView:
    """One mentee, whole: every goal across subjects, the week by subject, nudges, notes."""
    people = await User.select(User.id, User.display_name, User.time_zone).where(
        User.id == student_id
    )
    now = utcnow()
    records = (await learner_records(User._meta.db, [student_id], now=now))[student_id]
    state = learner_state(records, now=now, time_zone=people[0]["time_zone"])
    classes = await _class_names(student_id)
    subjects = [
        SubjectWeek(
            class_id=s.class_id,
            class_name=PERSONAL if s.class_id is None else classes.get(s.class_id, ("", ""))[0],
            teacher_name="" if s.class_id is None else classes.get(s.class_id, ("", ""))[1],
            active_goals=s.active_goals,
            hours_per_week=s.hours_per_week,
            study_minutes_this_week=s.study_minutes_this_week,
        )
        for s in state.subjects
    ]
    nudges = sorted((n.fields for n in records.nudges), key=lambda n: n.fired_at, reverse=True)
    return MenteeView(
        summary=summary_of(student_id, people[0]["display_name"], state),
        week_start=state.week_start,
        goals=list(state.goals),
        class_names={str(k): v[0] for k, v in classes.items()},
        subjects=subjects,
        nudges=nudges[:30],
        notes=await notes_of(student_id, parents_only=False),
        check_ins=list(state.check_ins),
        recent_weeks=list(state.recent_weeks),
        profile=state.profile,
        mastery=list(state.mastery),
    )


async def add_note(author: Principal, student_id: int, data: NoteBody) -> Note:
    now = utcnow()
    rows = await MentorNote.insert(
        MentorNote(
            student=student_id,
            author=author.id,
            body=data.body.strip(),
            next_steps=data.next_steps.strip(),
            shared_with_parents=False,
            created_at=now,
        )
    ).returning(MentorNote.id)
    return Note(
        id=rows[0]["id"],
        student_id=student_id,
        author_name=author.display_name,
        body=data.body.strip(),
        next_steps=data.next_steps.strip(),
        shared_with_parents=False,
        created_at=now,
    )


async def notes_of(
    student_id: int,
    *,
    parents_only: bool,
    note_id: int | None = None,
    limit: int | None = MAX_NOTES_SHOWN,
) -> list[Note]:
    """The student's check-in notes, newest first; for a parent, only those shared."""
    where: Any = MentorNote.student == student_id
    if parents_only:
        where = where & (MentorNote.shared_with_parents == True)  # noqa: E712
    if note_id is not None:
        where = where & (MentorNote.id == note_id)
    query = (
        MentorNote.select(
            MentorNote.id,
            MentorNote.author.display_name.as_alias("author_name"),
            MentorNote.body,
            MentorNote.next_steps,
            MentorNote.shared_with_parents,
            MentorNote.created_at,
        )
        .where(where)
        .order_by(MentorNote.id, ascending=False)
    )
    if limit is not None:
        query = query.limit(limit)
    rows = await query
    return [
        Note(
            id=r["id"],
            student_id=student_id,
            author_name=r["author_name"] or "",
            body=r["body"],
            next_steps=r["next_steps"],
            shared_with_parents=bool(r["shared_with_parents"]),
            created_at=r["created_at"],
        )
        for r in rows
    ]


async def share_note(student_id: int, note_id: int, shared: bool) -> Note:
    """The student shares a note with their parents, or stops sharing it."""
    updated = (
        await MentorNote.update({MentorNote.shared_with_parents: shared})
        .where((MentorNote.id == note_id) & (MentorNote.student == student_id))
        .returning(MentorNote.id)
    )
    if not updated:
        raise NotFoundException(detail=f"No note {note_id} about you.")
    [note] = await notes_of(student_id, parents_only=False, note_id=note_id)
    return note
