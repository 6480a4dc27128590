"""Mentoring endpoints: who mentors whom, the mentor's students, check-in notes."""

from __future__ import annotations

import datetime as dt

from litestar import Controller, delete, get, post, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.access import can_see_student, require_mentor_of
from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest
from backend.accounts.roles import Role
from backend.audit.log import client_ip, record
from backend.learner.state import ObservationState
from backend.mentoring import service
from backend.mentoring.observations import add_observation
from backend.mentoring.schemas import (
    MenteeSummary,
    MenteeView,
    Mentor,
    MentorAssignment,
    Note,
    NoteBody,
    NoteSharing,
    ObservationBody,
)
from backend.syncing.pokes import poke


class MenteeController(Controller):
    path = "/api/mentees"
    tags = ["mentoring"]
    guards = [allow(Role.TEACHER)]

    @get("/")
    async def mentees(self, request: AuthedRequest) -> list[MenteeSummary]:
        """The students I mentor; those persistently behind or overloaded first."""
        return await service.mentee_list(request.user)

    @get("/{student_id:int}")
    async def mentee(self, request: AuthedRequest, student_id: FromPath[int]) -> MenteeView:
        """One student I mentor, whole: all goals across subjects with their pace, the week's
        load by subject against the planned hours, free time, nudges sent, check-in notes."""
        await require_mentor_of(request.user, student_id)
        await record(
            "mentee.read", actor=request.user.id, subject=student_id, ip=client_ip(request)
        )
        return await service.mentee_view(student_id)

    @post("/{student_id:int}/notes", status_code=HTTP_201_CREATED)
    async def add_note(
        self, request: AuthedRequest, student_id: FromPath[int], data: JSONBody[NoteBody]
    ) -> Note:
        """Keep a check-in note with the student: the student reads it; parents only if the
        student shares it."""
        await require_mentor_of(request.user, student_id)
        note = await service.add_note(request.user, student_id, data)
        await record(
            "mentor.note_added", actor=request.user.id, subject=student_id, ip=client_ip(request)
        )
        return note

    @post("/{student_id:int}/observations", status_code=HTTP_201_CREATED)
    async def add_observation(
        self,
        request: AuthedRequest,
        student_id: FromPath[int],
        data: JSONBody[ObservationBody],
        channels: NamedDependency[ChannelsPlugin],
    ) -> ObservationState:
        """Add an observation to the student's learner profile; the student reads it in their
        app, and their teachers see it beside the profile."""
        await require_mentor_of(request.user, student_id)
        written = await add_observation(request.user, student_id, data.text)
        await poke(channels, [student_id])
        await record(
            "mentor.observation_added",
            actor=request.user.id,
            subject=student_id,
            ip=client_ip(request),
        )
        return ObservationState(
            id=written.id,
            text=str(written.fields["text"]),
            author_name=str(written.fields["author_name"]),
            written_at=dt.datetime.fromisoformat(str(written.fields["written_at"])),
        )


class StudentMentorController(Controller):
    path = "/api/students/{student_id:int}"
    tags = ["mentoring"]

    @get("/mentor")
    async def get_mentor(self, request: AuthedRequest, student_id: FromPath[int]) -> Mentor:
        """The student's mentor (404 when none is assigned)."""
        user = request.user
        if user.role is Role.ADMIN:
            allowed = await service.in_school(student_id, user.school_id)
        else:
            allowed = await can_see_student(user, student_id)
        found = await service.mentor_of(student_id) if allowed else None
        if found is None:
            raise NotFoundException(detail=f"No mentor of student {student_id} that you can see.")
        return found

    @put("/mentor", guards=[allow(Role.ADMIN, Role.TEACHER)])
    async def set_mentor(
        self, request: AuthedRequest, student_id: FromPath[int], data: JSONBody[MentorAssignment]
    ) -> Mentor:
        """Choose the student's mentor: the school's administrator, or the teacher of the
        student's homeroom class. Replaces an earlier mentor."""
        mentor = await service.assign(request.user, student_id, data.mentor_id)
        await record(
            "mentor.assigned",
            actor=request.user.id,
            subject=student_id,
            ip=client_ip(request),
            mentor=data.mentor_id,
        )
        return mentor

    @delete("/mentor", guards=[allow(Role.ADMIN, Role.TEACHER)], status_code=HTTP_204_NO_CONTENT)
    async def end_mentor(self, request: AuthedRequest, student_id: FromPath[int]) -> None:
        """The student has no mentor from now on."""
        await service.unassign(request.user, student_id)
        await record(
            "mentor.unassigned", actor=request.user.id, subject=student_id, ip=client_ip(request)
        )

    @get("/mentor-notes", guards=[allow(Role.STUDENT, Role.PARENT, Role.TEACHER)])
    async def notes(self, request: AuthedRequest, student_id: FromPath[int]) -> list[Note]:
        """Check-in notes about the student, newest first: all of them for the student and the
        mentor, those the student shared for a parent."""
        user = request.user
        if user.role is Role.TEACHER:
            await require_mentor_of(user, student_id)
        elif not await can_see_student(user, student_id):
            raise NotFoundException(detail=f"No student {student_id} that you can see.")
        return await service.notes_of(student_id, parents_only=user.role is Role.PARENT)


class MyNotesController(Controller):
    path = "/api/me/mentor-notes"
    tags = ["mentoring"]
    guards = [allow(Role.STUDENT)]

    @put("/{note_id:int}")
    async def share(
        self, request: AuthedRequest, note_id: FromPath[int], data: JSONBody[NoteSharing]
    ) -> Note:
        """Share a check-in note with my parents, or stop sharing it."""
        note = await service.share_note(request.user.id, note_id, data.shared_with_parents)
        await record(
            "mentor.note_shared" if data.shared_with_parents else "mentor.note_unshared",
            actor=request.user.id,
            subject=request.user.id,
            ip=client_ip(request),
            note_id=note_id,
        )
        return note
