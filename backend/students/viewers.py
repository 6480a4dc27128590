""" "Who can see my data": the student's own list of every parent, teacher and mentor who can,
since when.

A pending guardian link is listed too (it sees nothing yet): that is how the student is told a
teacher's invite was redeemed, and where they confirm or decline it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import msgspec
from litestar import Controller, Request, get

from backend.accounts.guards import allow
from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.classes.tables import Enrolment
from backend.families.links import links_where
from backend.families.tables import GuardianLink
from backend.mentoring.service import mentor_of


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


class ViewerController(Controller):
    path = "/api/me/viewers"
    tags = ["students"]

    @get("/", guards=[allow(Role.STUDENT)])
    async def viewers(self, request: Request[Principal, int, Any]) -> list[Viewer]:
        """Every parent, teacher and mentor who can see my data, and since when; pending links
        first."""
        me = request.user.id
        found: list[Viewer] = []
        for row in await links_where(GuardianLink.student == me):
            pending = row["confirmed_at"] is None
            found.append(
                Viewer(
                    kind="parent",
                    user_id=row["parent"],
                    name=row["parent_name"],
                    since=row["confirmed_at"],
                    status="pending" if pending else "confirmed",
                    sees=PENDING_SEES if pending else PARENT_SEES,
                    link_id=row["id"],
                    invited_by_name=row["invited_by_name"] or "",
                    consent=row["consent"],
                    requested_at=row["created_at"],
                )
            )
        enrolments = (
            await Enrolment.select(
                Enrolment.created_at,
                Enrolment.school_class.name.as_alias("class_name"),
                Enrolment.school_class.teacher.as_alias("teacher"),
                Enrolment.school_class._.teacher._.display_name.as_alias("teacher_name"),
            )
            .where(Enrolment.student == me)
            .order_by(Enrolment.id)
        )
        for row in enrolments:
            found.append(
                Viewer(
                    kind="teacher",
                    user_id=row["teacher"],
                    name=row["teacher_name"],
                    since=row["created_at"],
                    status="confirmed",
                    sees=TEACHER_SEES,
                    class_name=row["class_name"],
                )
            )
        mentor = await mentor_of(me)
        if mentor is not None:
            found.append(
                Viewer(
                    kind="mentor",
                    user_id=mentor.mentor_id,
                    name=mentor.mentor_name,
                    since=mentor.since,
                    status="confirmed",
                    sees=MENTOR_SEES,
                )
            )
        found.sort(key=lambda v: v.status != "pending")
        return found
