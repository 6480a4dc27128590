"""Building a parent's digest: one section per child, from the child's learner state.

A goal's status and progress are the learner state's (``backend.learner.state``) at the end of
the period, the same the student and the teacher see; what is added here is what the period
holds: work, time, nudges and decisions inside it, compared with the period before, and the
week's check-in when the student shared it. Details come only from entries the student did not
mark private (see ``privacy``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Final

import msgspec

from backend.digests import privacy
from backend.digests.check_ins import CheckInLine, check_in_line
from backend.digests.gist import ChildGist, child_gist, first_name
from backend.digests.inputs import ChildInput
from backend.digests.period import Period, PeriodKind
from backend.digests.prompts import conversation_prompt
from backend.goals.activity import daily_progress
from backend.goals.goal import unit_words
from backend.i18n import format_number, text
from backend.i18n.catalogue import has_text
from backend.learner.records import LearnerRecords, Typed
from backend.learner.state import (
    GoalStatusView,
    LearnerState,
    finished_entries,
    goal_plan,
    learner_state,
    local_day,
    minutes_between,
    progress_events,
    timed_entries,
)
from sync import kinds

log = logging.getLogger("waypoint.digests")

MAX_GOALS: Final = 12
MAX_NUDGES: Final = 5
MAX_APPROVALS: Final = 8
MAX_SHARES: Final = 5

_ATTENTION: Final[dict[str, int]] = {
    "unreachable": 0,
    "at_risk": 1,
    "behind": 2,
    "proposed": 3,
    "not_started": 4,
    "on_track": 5,
    "ahead": 6,
    "completed": 7,
}
_LEFT_OUT: Final = frozenset({"abandoned", "returned"})


class GoalLine(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    title: str
    unit: str
    target: float
    done: float
    done_this_period: float
    deadline: dt.date
    status: GoalStatusView


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
    check_in: CheckInLine | None = None
    """The latest check-in of the period's weeks, only when the student shared it with parents
    (absent from digests stored before check-ins were shown)."""
    gist: ChildGist | None = None
    """The child in a word, as the push says it (absent from digests stored before pushes
    carried a gist)."""


class DigestContent(msgspec.Struct, frozen=True, kw_only=True):
    """The full summary a parent reads in the app."""

    kind: PeriodKind
    period_start: dt.datetime
    period_end: dt.datetime
    previous_start: dt.datetime
    children: list[ChildSection]


def _within(instant: dt.datetime, start: dt.datetime, end: dt.datetime) -> bool:
    return start <= instant < end


def _goal_lines(child: ChildInput, state: LearnerState, period: Period) -> list[GoalLine]:
    records = child.records
    events = progress_events(records)
    entries = finished_entries(records)
    first = local_day(period.start, child.time_zone)
    last = local_day(period.end - dt.timedelta(microseconds=1), child.time_zone)
    plans = {g.id: goal_plan(g, child.time_zone) for g in records.goals}
    lines: list[GoalLine] = []
    for goal in state.goals:
        if goal.status in _LEFT_OUT:
            continue
        per_day = daily_progress(plans[goal.id], events, entries, child.time_zone)
        in_period = sum(amount for day, amount in per_day.items() if first <= day <= last)
        if goal.status == "completed" and in_period <= 0:
            continue  # finished before this period: old news
        lines.append(
            GoalLine(
                id=goal.id,
                title=goal.title,
                unit=unit_words(goal.unit, goal.unit_label),
                target=goal.target,
                done=round(goal.done, 2),
                done_this_period=round(in_period, 2),
                deadline=goal.deadline,
                status=goal.status,
            )
        )
    lines.sort(key=lambda g: (_ATTENTION.get(g.status, 9), g.deadline, g.title))
    return lines[:MAX_GOALS]


def _shares(minutes_by_label: dict[str, int]) -> list[Share]:
    ordered = sorted(minutes_by_label.items(), key=lambda kv: (-kv[1], kv[0]))
    return [Share(label=label, minutes=minutes) for label, minutes in ordered[:MAX_SHARES]]


def _time_summary(records: LearnerRecords, period: Period) -> TimeSummary:
    entries = timed_entries(records, period.end)
    current = minutes_between(entries, period.start, period.end)
    previous = minutes_between(entries, period.previous_start, period.start)
    titles = {g.id: g.fields.title for g in records.goals}
    by_goal: defaultdict[str, int] = defaultdict(int)
    by_category: defaultdict[str, int] = defaultdict(int)
    inside = [e for e in entries if _within(e.started_at, period.start, period.end)]
    for entry in privacy.shareable(inside):
        if entry.kind == "study" and entry.goal_id in titles:
            by_goal[titles[entry.goal_id]] += entry.minutes
        elif entry.kind == "free" and entry.category:
            by_category[entry.category] += entry.minutes
    return TimeSummary(
        study_minutes=current.study_minutes,
        free_minutes=current.free_minutes,
        previous_study_minutes=previous.study_minutes,
        previous_free_minutes=previous.free_minutes,
        study_by_goal=_shares(by_goal),
        free_by_category=_shares(by_category),
    )


def _value(value: Any, language: str) -> str:
    """A proposed or current value: a number with the reader's decimal sign. Dates stay ISO
    ("2027-01-31"), which reads the same in every language and keeps the year a change may
    cross."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value, language)
    return str(value)


def _field_name(field: str, language: str) -> str:
    key = f"digest.field.{field}"
    return text(language, key) if has_text(key) else field


def _describe_field(change: kinds.ChangeRequestFields, field: str, language: str) -> str:
    new = change.proposed[field]
    if field == "status" and new == "abandoned":
        return text(language, "digest.change.stop")
    if field == "deleted" or new is None:
        return text(language, "digest.change.remove")
    name = _field_name(field, language)
    if field in change.current:
        old = _value(change.current[field], language)
        return text(
            language, "digest.change.from_to", field=name, old=old, new=_value(new, language)
        )
    return text(language, "digest.change.to", field=name, new=_value(new, language))


def describe_change(change: kinds.ChangeRequestFields, language: str) -> str:
    """A change request in a few words: "deadline 1 December → 8 December"."""
    parts = [_describe_field(change, field, language) for field in sorted(change.proposed)]
    return "; ".join(parts) or text(language, "digest.change.unknown")


def _at_ms(ms: int | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC) if ms else None


def _changed_at(change: Typed[kinds.ChangeRequestFields]) -> dt.datetime | None:
    """When a request was decided (a teacher's ``decided_ms``), or else when it was asked."""
    f = change.fields
    if f.status != "pending":
        return _at_ms(f.decided_ms) or _at_ms(f.requested_ms) or change.created_at
    return _at_ms(f.requested_ms) or change.created_at


def _approvals(
    records: LearnerRecords, period: Period, language: str
) -> tuple[list[ApprovalLine], list[ApprovalLine]]:
    titles = {g.id: g.fields.title for g in records.goals}
    pending: list[ApprovalLine] = []
    decided: list[ApprovalLine] = []
    dated = [(at, c) for c in records.change_requests if (at := _changed_at(c)) is not None]
    for changed_at, change in sorted(dated, key=lambda pair: pair[0]):
        line = ApprovalLine(
            goal_title=titles.get(change.fields.goal_id) or text(language, "digest.goal.unnamed"),
            change=describe_change(change.fields, language),
            status=change.fields.status,
        )
        if change.fields.status == "pending":
            if changed_at < period.end:
                pending.append(line)
        elif _within(changed_at, period.start, period.end):
            decided.append(line)
    return pending[:MAX_APPROVALS], decided[:MAX_APPROVALS]


def build_section(child: ChildInput, period: Period, language: str) -> ChildSection:
    """One child's part of a digest for ``period``, from their state at its end, worded in the
    reader's ``language``."""
    records = child.records
    state = learner_state(records, now=period.end, time_zone=child.time_zone)
    goals = _goal_lines(child, state, period)
    time = _time_summary(records, period)
    nudges = sorted(
        (n.fields for n in records.nudges if _within(n.fields.fired_at, period.start, period.end)),
        key=lambda n: n.fired_at,
    )
    pending, decided = _approvals(records, period, language)
    nudge_lines = [NudgeLine(title=n.title, kind=n.kind, fired_at=n.fired_at) for n in nudges]
    return ChildSection(
        student_id=child.student_id,
        name=child.name,
        goals=goals,
        time=time,
        nudges=nudge_lines[-MAX_NUDGES:],
        pending_approvals=pending,
        decided_approvals=decided,
        prompt=conversation_prompt(
            first_name(child.name) or child.name, goals, time, pending, period.kind, language
        ),
        check_in=check_in_line(state.check_ins, period, child.time_zone, language),
        gist=child_gist(child.name, state.goals),
    )


def build_digest(children: Iterable[ChildInput], period: Period, language: str) -> DigestContent:
    """The digest for ``period`` covering every child given (muted children are left out first),
    in the parent's ``language``.

    A child whose section cannot be built is logged and left out: one child's unusable data
    costs that section, not the parent's whole summary.
    """
    sections: list[ChildSection] = []
    for child in children:
        try:
            sections.append(build_section(child, period, language))
        except Exception:
            log.exception("digest section skipped for student %s", child.student_id)
    return DigestContent(
        kind=period.kind,
        period_start=period.start,
        period_end=period.end,
        previous_start=period.previous_start,
        children=sections,
    )


class _Child(msgspec.Struct):
    student_id: int


class _Children(msgspec.Struct):
    children: list[_Child] = msgspec.field(default_factory=list)


def children_of(content: str | bytes) -> frozenset[int]:
    """The students a stored digest tells about; none for content that does not read."""
    try:
        decoded = msgspec.json.decode(content or b"{}", type=_Children)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return frozenset()
    return frozenset(child.student_id for child in decoded.children)
