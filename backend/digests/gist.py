"""The gist a parent's push carries: each child's first name and one status word.

A lock screen is seen by whoever holds the phone, so the gist says no more than a sibling at
the table could: the child's first name and whether their goals are on track, or how many need
attention. It never names a goal, an amount, a time, a note or a check-in. The status is
counted from the learner state's goals (``backend.learner.state``), the same statuses the
student, the teacher and the summary itself show.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, Literal

import msgspec

from backend.goals.pace import TRAILING
from backend.learner.state import GoalState

GistStatus = Literal["on_track", "needs_attention", "no_goals"]

_NOT_IN_PROGRESS: Final = frozenset({"completed", "returned", "abandoned"})


class ChildGist(msgspec.Struct, frozen=True, kw_only=True):
    """One child in a word: on track, some goals needing attention, or no goal in progress."""

    first_name: str
    status: GistStatus
    needs_attention: int
    """Goals in progress that are behind, at risk or unreachable."""


def first_name(name: str) -> str:
    """The first word of a display name ("Amir Khan" → "Amir")."""
    words = name.split()
    return words[0] if words else ""


def child_gist(name: str, goals: Iterable[GoalState]) -> ChildGist:
    """The gist of a child named ``name`` whose learner state holds ``goals``."""
    in_progress = [g for g in goals if g.status not in _NOT_IN_PROGRESS]
    trailing = sum(1 for g in in_progress if g.status in TRAILING)
    status: GistStatus
    if trailing:
        status = "needs_attention"
    elif in_progress:
        status = "on_track"
    else:
        status = "no_goals"
    return ChildGist(first_name=first_name(name), status=status, needs_attention=trailing)
