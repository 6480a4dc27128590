"""The school administrator: staff, classes, guardian links, teacher invitations, accounts.

Everything here is scoped to the administrator's own school: an id from another school is
"not found", like any id the caller may not see.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Controller, get, post, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest, Principal
from backend.accounts.roles import Role
from backend.accounts.sessions import end_all_sessions
from backend.accounts.tables import User
from backend.audit.log import client_ip, record
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.families.links import link_view, links_where
from backend.families.schemas import Link, SchoolConsent
from backend.families.tables import GuardianLink
from backend.mentoring import service as mentor_service
from backend.mentoring.schemas import Mentor
from backend.schools.codes import code_hash, new_code
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
from backend.schools.tables import PasswordReset, School, StaffInvite
from backend.schools.tracks import SchoolTrackLimits, school_tracks, set_track_limits
from backend.schools.tracks import set_track as set_student_track
from backend.syncing.pokes import poke
from sync.kinds import TrackName

INVITE_DAYS = 14
# Long enough to get from the office to a phone, short enough that a lost slip is harmless.
RESET_HOURS = 24

_ACCOUNT_COLUMNS = (
    User.id,
    User.role,
    User.login,
    User.display_name,
    User.active,
    User.created_at,
)


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
    """An account of the administrator's school other than the administrator, or 404."""
    rows = await User.select(*_ACCOUNT_COLUMNS).where(
        (User.id == user_id) & (User.school == admin.school_id)
    )
    if not rows or user_id == admin.id:
        raise NotFoundException(detail=f"No other account {user_id} in your school.")
    return rows[0]


async def _set_active(request: AuthedRequest, user_id: int, active: bool) -> SchoolAccount:
    admin = request.user
    row = await _member(admin, user_id)
    await User.update({User.active: active}).where(User.id == user_id)
    if not active:
        # Ends at once on every device: the next request of any of them is "sign in".
        await end_all_sessions(user_id)
    await record(
        "school.account_activated" if active else "school.account_deactivated",
        actor=admin.id,
        subject=user_id,
        ip=client_ip(request),
    )
    return _account({**row, "active": active})


class SchoolController(Controller):
    path = "/api/school"
    tags = ["school"]
    guards = [allow(Role.ADMIN)]

    @get("/accounts")
    async def accounts(self, request: AuthedRequest) -> list[SchoolAccount]:
        """Everyone in my school: administrators and teachers (staff) first, then students."""
        rows = await User.select(*_ACCOUNT_COLUMNS).where(User.school == request.user.school_id)
        order = {Role.ADMIN.value: 0, Role.TEACHER.value: 1, Role.STUDENT.value: 2}
        rows.sort(key=lambda r: (order.get(r["role"], 3), r["display_name"].casefold(), r["id"]))
        return [_account(r) for r in rows]

    @get("/classes")
    async def classes(self, request: AuthedRequest) -> list[SchoolClassEntry]:
        """Every class of my school with its teacher and how many students it has."""
        rows = (
            await SchoolClass.select(
                SchoolClass.id,
                SchoolClass.name,
                SchoolClass.teacher,
                SchoolClass.teacher.display_name.as_alias("teacher_name"),
                SchoolClass.homeroom,
            )
            .where(SchoolClass.school == request.user.school_id)
            .order_by(SchoolClass.name)
        )
        counts: dict[int, int] = {}
        if rows:
            enrolled = await Enrolment.select(Enrolment.school_class).where(
                Enrolment.school_class.is_in([r["id"] for r in rows])
            )
            for e in enrolled:
                counts[e["school_class"]] = counts.get(e["school_class"], 0) + 1
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

    @put("/classes/{class_id:int}/homeroom")
    async def set_homeroom(
        self, request: AuthedRequest, class_id: FromPath[int], data: JSONBody[HomeroomSetting]
    ) -> HomeroomSetting:
        """Make a class a homeroom (its teacher may then choose its students' mentors), or not."""
        updated = (
            await SchoolClass.update({SchoolClass.homeroom: data.homeroom})
            .where((SchoolClass.id == class_id) & (SchoolClass.school == request.user.school_id))
            .returning(SchoolClass.id)
        )
        if not updated:
            raise NotFoundException(detail=f"No class {class_id} in your school.")
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
        row = await _member(request.user, user_id)
        if row["role"] != Role.STUDENT.value:
            raise NotFoundException(detail=f"No student {user_id} in your school.")
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
        rows = await links_where(GuardianLink.student.school == request.user.school_id)
        return [link_view(r, for_parent=False) for r in rows]

    @post("/teacher-invites", status_code=HTTP_201_CREATED)
    async def invite_teacher(self, request: AuthedRequest) -> TeacherInvite:
        """A one-time code (14 days) with which one teacher registers into my school."""
        admin = request.user
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
        await record("school.teacher_invited", actor=admin.id, ip=client_ip(request))
        names = await School.select(School.name).where(School.id == admin.school_id)
        return TeacherInvite(code=code, school_name=names[0]["name"], expires_at=expires)

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
        row = await _member(admin, user_id)
        if row["role"] != Role.STUDENT.value:
            raise ClientException(
                status_code=409,
                detail="Reset codes are for students; a teacher changes their own password.",
            )
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
        await record(
            "school.password_reset_issued", actor=admin.id, subject=user_id, ip=client_ip(request)
        )
        return ResetCode(code=code, login=row["login"], expires_at=expires)

    @post("/guardian-links/{link_id:int}/confirm", status_code=HTTP_200_OK)
    async def confirm_link(
        self, request: AuthedRequest, link_id: FromPath[int], data: JSONBody[SchoolConsent]
    ) -> Link:
        """Confirm a pending link for a young student, recording where the school's consent is.

        The student sees the link, who confirmed it and that the school consented.
        """
        admin = request.user
        condition = (GuardianLink.id == link_id) & (GuardianLink.student.school == admin.school_id)
        rows = await links_where(condition)
        if not rows:
            raise NotFoundException(detail=f"No guardian link {link_id} in your school.")
        if rows[0]["confirmed_at"] is None:
            await GuardianLink.update(
                {
                    GuardianLink.confirmed_at: utcnow(),
                    GuardianLink.confirmed_by: admin.id,
                    GuardianLink.consent: "school",
                    GuardianLink.consent_note: data.consent_note.strip(),
                }
            ).where(GuardianLink.id == link_id)
            await record(
                "guardian.link_confirmed_by_school",
                actor=admin.id,
                subject=rows[0]["student"],
                ip=client_ip(request),
                parent=rows[0]["parent"],
                consent_note=data.consent_note.strip()[:200],
            )
        return link_view((await links_where(condition))[0], for_parent=False)
