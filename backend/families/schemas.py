"""Wire shapes of guardian invites and links."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec


class InviteCreate(msgspec.Struct, forbid_unknown_fields=True):
    # A student invites for themselves (leave it out); a teacher names a student of their class.
    student_id: int | None = None


class Invite(msgspec.Struct, kw_only=True):
    code: str
    student_id: int
    expires_at: datetime


class LinkCreate(msgspec.Struct, forbid_unknown_fields=True):
    code: Annotated[str, msgspec.Meta(min_length=4, max_length=32)]


class Link(msgspec.Struct, kw_only=True):
    id: int
    parent_id: int
    parent_name: str
    student_id: int
    student_name: str
    created_at: datetime
