"""Wire shapes of the school administrator's screens."""

from __future__ import annotations

from datetime import datetime

import msgspec

from backend.accounts.roles import Role
from sync.kinds import HeavyStudyMinutes, ScarceFreeMinutes, TrackName


class SchoolAccount(msgspec.Struct, kw_only=True):
    """A person of the school: administrator, teacher or student."""

    id: int
    role: Role
    login: str
    display_name: str
    active: bool
    created_at: datetime


class SchoolClassEntry(msgspec.Struct, kw_only=True):
    id: int
    name: str
    teacher_id: int
    teacher_name: str
    students: int
    homeroom: bool = False


class TrackSetting(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The school's programme for a student: ``standard``, ``accelerated`` (three grades in two)
    or ``personal_path`` (time gained to manage)."""

    track: TrackName


class TrackLimitsSetting(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A track's limits in the school: a week with at least ``heavy_study_minutes`` of study
    and less than ``scarce_free_minutes`` of free time counts as overloaded."""

    heavy_study_minutes: HeavyStudyMinutes
    scarce_free_minutes: ScarceFreeMinutes


class SchoolTrack(msgspec.Struct, kw_only=True):
    """A track's limits in my school; ``adjusted`` when the school changed the defaults."""

    track: TrackName
    heavy_study_minutes: int
    scarce_free_minutes: int
    adjusted: bool


class HomeroomSetting(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Whether a class is a homeroom: its teacher may then choose its students' mentors."""

    homeroom: bool


class TeacherInvite(msgspec.Struct, kw_only=True):
    """Shown once: the new teacher types it when registering."""

    code: str
    school_name: str
    expires_at: datetime


class ResetCode(msgspec.Struct, kw_only=True):
    """Shown once: the student types it with their login to set a new password."""

    code: str
    login: str
    expires_at: datetime
