"""Building a parent's digest: one section per child, from plain inputs.

Everything a section says is computed here, so the student's preview, the stored digest and the
tests all see the same thing. Time is compared between this period and the one before; details
come only from entries the student did not mark private (see ``privacy``).
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Final

import msgspec

from backend.digests import privacy
from backend.digests.inputs import ChangeInput, ChildInput, GoalInput
from backend.digests.pace_status import Status, goal_done, goal_status
from backend.digests.period import Period, PeriodKind
from backend.digests.prompts import conversation_prompt

MAX_GOALS: Final = 12
MAX_NUDGES: Final = 5
MAX_APPROVALS: Final = 8
MAX_SHARES: Final = 5

_ATTENTION: Final[dict[str, int]] = {
    "unreachable": 0,
    "at_risk": 1,
    "behind": 2,
    "proposed": 3,
    "on_track": 4,
    "ahead": 5,
    "completed": 6,
}


class GoalLine(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    title: str
    unit: str
    target: float
    done: float
    done_this_period: float
    deadline: dt.date
    status: Status


class Share(msgspec.Struct, frozen=True, kw_only=True):
    label: str
    minutes: int


class TimeSummary(msgspec.Struct, frozen=True, kw_only=True):
    """Minutes this period and the one before; the breakdowns leave private entries out."""

    study_minutes: int
    free_minutes: int
    previous_study_minutes: int
    previous_free_minutes: int
    study_by_goal: list[Share]
    free_by_category: list[Share]


class NudgeLine(msgspec.Struct, frozen=True, kw_only=True):
    title: str
    kind: str
    fired_at: dt.datetime


class ApprovalLine(msgspec.Struct, frozen=True, kw_only=True):
    goal_title: str
    change: str
    status: str


class ChildSection(msgspec.Struct, frozen=True, kw_only=True):
    student_id: int
    name: str
    goals: list[GoalLine]
    time: TimeSummary
    nudges: list[NudgeLine]
    pending_approvals: list[ApprovalLine]
    decided_approvals: list[ApprovalLine]
    prompt: str


class DigestContent(msgspec.Struct, frozen=True, kw_only=True):
    """The full summary a parent reads in the app."""

    kind: PeriodKind
    period_start: dt.datetime
    period_end: dt.datetime
    previous_start: dt.datetime
    children: list[ChildSection]


def _within(instant: dt.datetime, start: dt.datetime, end: dt.datetime) -> bool:
    return start <= instant < end


def _goal_lines(child: ChildInput, period: Period) -> list[GoalLine]:
    today = period.end.astimezone(zoneinfo.ZoneInfo(child.time_zone)).date()
    # Only what existed by the end of the period counts: a digest built late says the same.
    progress = [p for p in child.progress if p.occurred_at < period.end]
    time = [t for t in child.time if t.started_at < period.end]
    lines: list[GoalLine] = []
    for goal in child.goals:
        if goal.status in {"abandoned", "returned"}:
            continue
        done = goal_done(goal, progress, time)
        in_period = goal_done(
            goal,
            [p for p in progress if p.occurred_at >= period.start],
            [t for t in time if t.started_at >= period.start],
        )
        status = goal_status(goal, progress, time, today=today, time_zone=child.time_zone)
        if status == "completed" and in_period <= 0:
            continue  # finished before this period: old news
        lines.append(
            GoalLine(
                id=goal.id,
                title=goal.title,
                unit=goal.unit,
                target=goal.target,
                done=round(done, 2),
                done_this_period=round(in_period, 2),
                deadline=goal.deadline,
                status=status,
            )
        )
    lines.sort(key=lambda g: (_ATTENTION[g.status], g.deadline, g.title))
    return lines[:MAX_GOALS]


def _shares(minutes_by_label: dict[str, int]) -> list[Share]:
    ordered = sorted(minutes_by_label.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Share(label=label, minutes=minutes) for label, minutes in ordered[:MAX_SHARES]]


def _time_summary(child: ChildInput, period: Period) -> TimeSummary:
    current = [t for t in child.time if _within(t.started_at, period.start, period.end)]
    previous = [t for t in child.time if _within(t.started_at, period.previous_start, period.start)]
    study, free = privacy.totals(current)
    previous_study, previous_free = privacy.totals(previous)
    titles = {g.id: g.title for g in child.goals}
    by_goal: defaultdict[str, int] = defaultdict(int)
    by_category: defaultdict[str, int] = defaultdict(int)
    for entry in privacy.shareable(current):
        if entry.kind == "study" and entry.goal_id in titles:
            by_goal[titles[entry.goal_id]] += entry.minutes
        elif entry.kind == "free" and entry.category:
            by_category[entry.category] += entry.minutes
    return TimeSummary(
        study_minutes=study,
        free_minutes=free,
        previous_study_minutes=previous_study,
        previous_free_minutes=previous_free,
        study_by_goal=_shares(by_goal),
        free_by_category=_shares(by_category),
    )


def _value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def describe_change(change: ChangeInput) -> str:
    """A change request in a few words: "deadline 2026-12-01 → 2026-12-08"."""
    parts: list[str] = []
    for field in sorted(change.proposed):
        new = change.proposed[field]
        if field == "status" and new == "abandoned":
            parts.append("stop this goal")
        elif field == "deleted" or new is None:
            parts.append("remove this goal")
        elif field in change.current:
            parts.append(f"{field} {_value(change.current[field])} → {_value(new)}")
        else:
            parts.append(f"{field} → {_value(new)}")
    return "; ".join(parts) or "a change"


def _approvals(
    changes: Iterable[ChangeInput], goals: Iterable[GoalInput], period: Period
) -> tuple[list[ApprovalLine], list[ApprovalLine]]:
    titles = {g.id: g.title for g in goals}
    pending: list[ApprovalLine] = []
    decided: list[ApprovalLine] = []
    for change in sorted(changes, key=lambda c: c.changed_at):
        line = ApprovalLine(
            goal_title=titles.get(change.goal_id, "A goal"),
            change=describe_change(change),
            status=change.status,
        )
        if change.status == "pending":
            if change.changed_at < period.end:
                pending.append(line)
        elif _within(change.changed_at, period.start, period.end):
            decided.append(line)
    return pending[:MAX_APPROVALS], decided[:MAX_APPROVALS]


def build_section(child: ChildInput, period: Period) -> ChildSection:
    """One child's part of a digest for ``period``."""
    goals = _goal_lines(child, period)
    time = _time_summary(child, period)
    nudges = sorted(
        (n for n in child.nudges if _within(n.fired_at, period.start, period.end)),
        key=lambda n: n.fired_at,
    )
    pending, decided = _approvals(child.changes, child.goals, period)
    nudge_lines = [NudgeLine(title=n.title, kind=n.kind, fired_at=n.fired_at) for n in nudges]
    return ChildSection(
        student_id=child.student_id,
        name=child.name,
        goals=goals,
        time=time,
        nudges=nudge_lines[-MAX_NUDGES:],
        pending_approvals=pending,
        decided_approvals=decided,
        prompt=conversation_prompt(child.name, goals, time, pending, period.kind),
    )


def build_digest(children: Iterable[ChildInput], period: Period) -> DigestContent:
    """The digest for ``period`` covering every child given (muted children are left out first)."""
    return DigestContent(
        kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        previous_start=period.previous_start,
        children=[build_section(child, period) for child in children],
    )
