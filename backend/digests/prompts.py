"""One conversation prompt per child: a question a parent can ask tonight.

Prompts are positive and open: they ask about what helped, never about what went wrong, because
a parent's question is meant to start a conversation, not an interrogation. The first rule that
applies wins. The prompt is in the parent's language, ``language``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from backend.i18n import text

if TYPE_CHECKING:
    from backend.digests.content import ApprovalLine, GoalLine, TimeSummary

LOW_FREE_MINUTES = 60


def _rule(
    goals: Sequence[GoalLine], time: TimeSummary, pending: Sequence[ApprovalLine], kind: str
) -> tuple[str, str]:
    """The message key of the first rule that applies, and the goal title it names ("" for
    none)."""
    finished = [g for g in goals if g.status == "completed"]
    if finished:
        return "prompt.finished", finished[0].title
    # Praise needs something to praise: a goal ahead of pace with no work in the period is not
    # "working so well" this period.
    ahead = [g for g in goals if g.status == "ahead" and g.done_this_period > 0]
    if ahead:
        return "prompt.ahead", ahead[0].title
    if pending:
        return "prompt.pending", pending[0].goal_title
    struggling = [g for g in goals if g.status in {"behind", "at_risk", "unreachable"}]
    if struggling:
        return "prompt.struggling", struggling[0].title
    if kind == "weekly" and time.study_minutes > 0 and time.free_minutes < LOW_FREE_MINUTES:
        return "prompt.break", ""
    if time.study_minutes > time.previous_study_minutes > 0:
        return f"prompt.studied_more.{kind}", ""
    return f"prompt.surprise.{kind}", ""


def conversation_prompt(
    name: str,
    goals: Sequence[GoalLine],
    time: TimeSummary,
    pending: Sequence[ApprovalLine],
    kind: str,
    language: str,
) -> str:
    """The question for this child's section."""
    key, title = _rule(goals, time, pending, kind)
    return text(language, key, name=name, title=title)
