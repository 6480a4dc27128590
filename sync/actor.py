"""Who is pushing: established by authentication, never by the request body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["student", "teacher", "parent"]


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is pushing, as established by authentication (never by the request body).

    ``writable_spaces`` are the spaces they may write (a student: their own); ``home_space`` is
    where records they create go by default.
    """

    user_id: int
    role: Role
    writable_spaces: frozenset[int]
    home_space: int | None = None
