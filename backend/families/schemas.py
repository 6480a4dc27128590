"""Wire shapes of guardian invites and links."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec

LinkStatus = Literal["pending", "confirmed"]


class InviteCreate(msgspec.Struct, forbid_unknown_fields=True):
    # A student invites for themselves (leave it out); a teacher names a student of their class.
    student_id: int | None = None


class Invite(msgspec.Struct, kw_only=True):
    code: str
    student_id: int
    expires_at: datetime
    # A link from a teacher's invite waits for the student (or the school) to confirm it.
    needs_confirmation: bool = False


class LinkCreate(msgspec.Struct, forbid_unknown_fields=True):
    code: Annotated[str, msgspec.Meta(min_length=4, max_length=32)]


class LinkConfirm(msgspec.Struct, forbid_unknown_fields=True):
    # Asked again: confirming lets someone see the student's data, and a shared tablet may
    # be signed in as the student.
    password: Annotated[str, msgspec.Meta(min_length=1, max_length=128)]


class SchoolConsent(msgspec.Struct, forbid_unknown_fields=True):
    # Where the school's consent is recorded (a signed form, a meeting): kept with the link.
    consent_note: Annotated[str, msgspec.Meta(min_length=3, max_length=200)]


class Link(msgspec.Struct, kw_only=True):
    id: int
    parent_id: int
    parent_name: str
    student_id: int
    # Empty for the parent while the link is pending: they see nothing of the student yet.
    student_name: str
    created_at: datetime
    status: LinkStatus = "confirmed"
    confirmed_at: datetime | None = None
    # "student", "school" (an administrator confirmed with the school's consent) or "existing".
    consent: str = ""
    invited_by_name: str = ""
