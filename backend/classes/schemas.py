"""Wire shapes of classes."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec

ClassName = Annotated[str, msgspec.Meta(min_length=1, max_length=80)]


class ClassCreate(msgspec.Struct, forbid_unknown_fields=True):
    name: ClassName


class JoinRequest(msgspec.Struct, forbid_unknown_fields=True):
    join_code: Annotated[str, msgspec.Meta(min_length=4, max_length=16)]


class ClassSummary(msgspec.Struct, kw_only=True):
    id: int
    name: str
    teacher_id: int
    teacher_name: str
    # Only the class's teacher sees the join code.
    join_code: str | None = None
    # A homeroom class's teacher may choose mentors for its students.
    homeroom: bool = False


class RosterEntry(msgspec.Struct, kw_only=True):
    student_id: int
    display_name: str
    login: str
    joined_at: datetime
