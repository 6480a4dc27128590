"""The school administrator: staff, classes, guardian links, teacher invitations, accounts.

Everything here is scoped to the administrator's own school: an id from another school is
"not found", like any id the caller may not see.
"""

from __future__ import annotations

from litestar import Controller, get, post, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest, Principal
from backend.accounts.roles import Role
from backend.audit.log import client_ip, record
from backend.families.schemas import Link, SchoolConsent
from backend.mentoring import service as mentor_service
from backend.mentoring.schemas import Mentor
from backend.schools import service
from backend.schools.schemas import (
    HomeroomSetting,
    ResetCode,
    SchoolAccount,
    SchoolClassEntry,
    SchoolTrack,
    TeacherInvite,
    TrackLimitsSetting,
    TrackSetting,
)
from backend.schools.tracks import SchoolTrackLimits, school_tracks, set_track_limits
from backend.schools.tracks import set_track as set_student_track
from backend.syncing.pokes import poke
from sync.kinds import TrackName


def _school_of(admin: Principal) -> int:
    """The administrator's school: every administrator is made for one."""
    if admin.school_id is None:
        raise PermissionDeniedException(detail="Your account belongs to no school.")
    return admin.school_id


def _school_track(found: SchoolTrackLimits) -> SchoolTrack:
    limits = found.limits
    return SchoolTrack(
        track=limits.track,
        heavy_study_minutes=limits.heavy_study_minutes,
        scarce_free_minutes=limits.scarce_free_minutes,
        adjusted=found.adjusted,
    )


async def _set_active(request: AuthedRequest, user_id: int, active: bool) -> SchoolAccount:
    admin = request.user
    try:
        account = await service.set_active(admin, user_id, active)
    except service.NotInSchool as exc:
        raise NotFoundException(detail=str(exc)) from None
    await record(
        "school.account_activated" if active else "school.account_deactivated",
        actor=admin.id,
        subject=user_id,
        ip=client_ip(request),
    )
    return account


class SchoolController(Controller):
    path = "/api/school"
    tags = ["school"]
    guards = [allow(Role.ADMIN)]

    @get("/accounts")
    async def accounts(self, request: AuthedRequest) -> list[SchoolAccount]:
        """Everyone in my school: administrators and teachers (staff) first, then students."""
        return await service.accounts_of(request.user.school_id)

    @get("/classes")
    async def classes(self, request: AuthedRequest) -> list[SchoolClassEntry]:
        """Every class of my school with its teacher and how many students it has."""
        return await service.classes_of(request.user.school_id)

    @put("/classes/{class_id:int}/homeroom")
    async def set_homeroom(
        self, request: AuthedRequest, class_id: FromPath[int], data: JSONBody[HomeroomSetting]
    ) -> HomeroomSetting:
        """Make a class a homeroom (its teacher may then choose its students' mentors), or not."""
        try:
            await service.set_homeroom(request.user.school_id, class_id, data.homeroom)
        except service.NotInSchool as exc:
            raise NotFoundException(detail=str(exc)) from None
        await record(
            "school.homeroom_set",
            actor=request.user.id,
            ip=client_ip(request),
            class_id=class_id,
            homeroom=data.homeroom,
        )
        return data

    @put("/accounts/{user_id:int}/track")
    async def set_track(
        self,
        request: AuthedRequest,
        user_id: FromPath[int],
        data: JSONBody[TrackSetting],
        channels: NamedDependency[ChannelsPlugin],
    ) -> TrackSetting:
        """Set a student's track: the app explains it to them, and it sets when their week
        counts as overloaded."""
        try:
            await service.require_student(request.user, user_id)
        except service.NotInSchool as exc:
            raise NotFoundException(detail=str(exc)) from None
        await set_student_track(user_id, _school_of(request.user), data.track)
        await poke(channels, [user_id])
        await record(
            "school.track_set",
            actor=request.user.id,
            subject=user_id,
            ip=client_ip(request),
            track=data.track,
        )
        return data

    @get("/tracks")
    async def tracks(self, request: AuthedRequest) -> list[SchoolTrack]:
        """Each track's limits in my school: when a student's week counts as overloaded."""
        found = await school_tracks(_school_of(request.user))
        return [_school_track(t) for t in found.values()]

    @put("/tracks/{track:str}")
    async def set_track_limits(
        self,
        request: AuthedRequest,
        track: FromPath[TrackName],
        data: JSONBody[TrackLimitsSetting],
        channels: NamedDependency[ChannelsPlugin],
    ) -> SchoolTrack:
        """Adjust a track's limits in my school: every student of the school on the track
        (a student without one is on ``standard``) gets them at once, on every device."""
        limits, students = await set_track_limits(
            _school_of(request.user),
            track,
            heavy_study_minutes=data.heavy_study_minutes,
            scarce_free_minutes=data.scarce_free_minutes,
        )
        await poke(channels, students)
        await record(
            "school.track_limits_set",
            actor=request.user.id,
            ip=client_ip(request),
            track=track,
            heavy_study_minutes=limits.heavy_study_minutes,
            scarce_free_minutes=limits.scarce_free_minutes,
            students=len(students),
        )
        return _school_track(SchoolTrackLimits(limits=limits, adjusted=True))

    @get("/mentorships")
    async def mentorships(self, request: AuthedRequest) -> list[Mentor]:
        """Every student of my school who has a mentor, with the mentor."""
        return await mentor_service.mentorships(request.user.school_id)

    @get("/guardian-links")
    async def guardian_links(self, request: AuthedRequest) -> list[Link]:
        """Every guardian link of my school's students, pending and confirmed."""
        return await service.guardian_links(request.user.school_id)

    @post("/teacher-invites", status_code=HTTP_201_CREATED)
    async def invite_teacher(self, request: AuthedRequest) -> TeacherInvite:
        """A one-time code (14 days) with which one teacher registers into my school."""
        admin = request.user
        invite = await service.invite_teacher(admin)
        await record("school.teacher_invited", actor=admin.id, ip=client_ip(request))
        return invite

    @post("/accounts/{user_id:int}/deactivate", status_code=HTTP_200_OK)
    async def deactivate(self, request: AuthedRequest, user_id: FromPath[int]) -> SchoolAccount:
        """Turn an account of my school off: its sessions end and sign-in is refused."""
        return await _set_active(request, user_id, False)

    @post("/accounts/{user_id:int}/activate", status_code=HTTP_200_OK)
    async def activate(self, request: AuthedRequest, user_id: FromPath[int]) -> SchoolAccount:
        """Turn a deactivated account of my school back on."""
        return await _set_active(request, user_id, True)

    @post("/accounts/{user_id:int}/password-reset", status_code=HTTP_201_CREATED)
    async def reset_code(self, request: AuthedRequest, user_id: FromPath[int]) -> ResetCode:
        """A one-time code (24 hours) with which a student of my school sets a new password.

        Students often have no e-mail: the administrator hands the code over in person.
        """
        admin = request.user
        try:
            code = await service.reset_code(admin, user_id)
        except service.NotInSchool as exc:
            raise NotFoundException(detail=str(exc)) from None
        except service.NotAStudent as exc:
            raise ClientException(status_code=409, detail=str(exc)) from None
        await record(
            "school.password_reset_issued", actor=admin.id, subject=user_id, ip=client_ip(request)
        )
        return code

    @post("/guardian-links/{link_id:int}/confirm", status_code=HTTP_200_OK)
    async def confirm_link(
        self, request: AuthedRequest, link_id: FromPath[int], data: JSONBody[SchoolConsent]
    ) -> Link:
        """Confirm a pending link for a young student, recording where the school's consent is.

        The student sees the link, who confirmed it and that the school consented.
        """
        admin = request.user
        try:
            confirmed = await service.confirm_link(admin, link_id, data.consent_note.strip())
        except service.NotInSchool as exc:
            raise NotFoundException(detail=str(exc)) from None
        if confirmed is not None:
            student_id, parent_id = confirmed
            await record(
                "guardian.link_confirmed_by_school",
                actor=admin.id,
                subject=student_id,
                ip=client_ip(request),
                parent=parent_id,
                consent_note=data.consent_note.strip()[:200],
            )
        return await service.school_link(admin, link_id)
