"""Wire types of the students API: a student's profile and who can see their data."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec


class StudentProfile(msgspec.Struct, kw_only=True):
    id: int
    display_name: str
    login: str
    time_zone: str


class Viewer(msgspec.Struct, kw_only=True):
    """Someone who can see (or asks to see) my data."""

    kind: Literal["parent", "teacher", "mentor"]
    user_id: int
    name: str
    # When they could first see it: the link's confirmation, or the day I joined their class.
    since: datetime | None
    status: Literal["pending", "confirmed"]
    # What they see: "your goals, progress and time, private details hidden" and so on.
    sees: str
    # Parents: the link (to confirm or end it) and how it was made.
    link_id: int | None = None
    invited_by_name: str = ""
    consent: str = ""
    requested_at: datetime | None = None
    # Teachers: the class through which they see.
    class_name: str | None = None


PARENT_SEES = "your goals, progress, study and free time (private details hidden), and digests"
PENDING_SEES = "nothing until you confirm"
TEACHER_SEES = (
    "your goals in their class with their progress, and of the rest only how much time your "
    "week takes (private details hidden)"
)
MENTOR_SEES = (
    "all your goals across subjects, progress, study and free time, and nudges (private "
    "details hidden), and your check-in notes"
)
