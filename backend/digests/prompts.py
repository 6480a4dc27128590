"""One conversation prompt per child: a question a parent can ask tonight.

Prompts are positive and open: they ask about what helped, never about what went wrong, because
a parent's question is meant to start a conversation, not an interrogation. The first rule that
applies wins.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from backend.digests.content import ApprovalLine, GoalLine, TimeSummary

LOW_FREE_MINUTES = 60


def conversation_prompt(
    name: str,
    goals: Sequence[GoalLine],
    time: TimeSummary,
    pending: Sequence[ApprovalLine],
    kind: str,
) -> str:
    """The question for this child's section."""
    span = "today" if kind == "daily" else "this week"
    finished = [g for g in goals if g.status == "completed"]
    if finished:
        return f"Ask {name} what helped them finish {finished[0].title}."
    # Praise needs something to praise: a goal ahead of pace with no work in the period is not
    # "working so well" this period.
    ahead = [g for g in goals if g.status == "ahead" and g.done_this_period > 0]
    if ahead:
        return f"Ask {name} what is working so well with {ahead[0].title}."
    if pending:
        return f"Ask {name} about the change they asked for on {pending[0].goal_title}."
    struggling = [g for g in goals if g.status in {"behind", "at_risk", "unreachable"}]
    if struggling:
        return (
            f"Ask {name} what would make {struggling[0].title} easier, "
            "or whether the goal needs adjusting."
        )
    if kind == "weekly" and time.study_minutes > 0 and time.free_minutes < LOW_FREE_MINUTES:
        return f"Ask {name} what they would enjoy doing to take a break."
    if time.study_minutes > time.previous_study_minutes > 0:
        return f"Ask {name} what helped them study more {span}."
    return f"Ask {name} what they learned {span} that surprised them."
