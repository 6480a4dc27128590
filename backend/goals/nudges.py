"""Nudge rules: which nudges to create for a student right now, if any.

The rules aim to help rather than nag. ``nudges_due`` is pure: ``now`` (aware) and the recent
nudge history are inputs, and the result is the nudges to create now.

When nothing fires
    - ``now`` is outside the student's local window (15:00-20:00 by default; a window whose
      start is after its end wraps midnight) or inside quiet hours (which may wrap midnight);
    - the student already had ``max_per_day`` nudges (2) on this local day;
    - for goal nudges: the goal is not active, is in its first ``first_days`` days (3: silent on
      the start day and the two after it), or already had a nudge on this local day.

Kinds, in priority order when the daily budget is short (then by nearest deadline, goal id)
    deadline_at_risk  pace status at_risk or unreachable, deadline not passed; once per goal per
                      local week (Monday start).
    behind_pace       pace status behind, on the last moment this week's catch-up is still
                      reachable at the unit's sustainable daily maximum: the days it needs,
                      ``ceil(catch_up_this_week / maximum)``, equal the working days left this
                      week. Without new work the catch-up stays put while the days run out, so
                      this is one day a week; once per goal per local week.
    overload          ``Load.overloaded`` (required hours above available, or heavy study with
                      almost no free time); once per student per local week.
    inactivity        no work on a goal for ``inactivity_days`` (7) days, goal still on pace to
                      be reachable (not at_risk or unreachable), deadline not passed, and no
                      nudge of any kind for that goal in the last 7 days.
    ahead             pace status ahead by at least ``AHEAD_NUDGE_DAYS`` (5) working days' share
                      beyond tonight's pace line (a school week), deadline not passed; offers a
                      stretch or enrichment goal; at most once per goal in 28 days.

Text
    Every nudge has a title, a body, an if-then plan prompt and an "Adjust my goal" action,
    built from the message catalogues (``backend.i18n``) in the student's language. Templates
    rotate: each kind uses its least recently used template in the history (never used first,
    then oldest use; ties in catalogue order).
"""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Sequence
from typing import Final, Literal

import msgspec

from backend.goals.catalogue import TEMPLATE_IDS
from backend.goals.effort import (
    action_phrase,
    amount_phrase,
    describe_effort,
    duration_phrase,
    effort_phrase,
    quantity_phrase,
)
from backend.goals.goal import Goal
from backend.goals.load import Load
from backend.goals.pace import Pace
from backend.goals.workdays import week_start
from backend.i18n import format_clock, format_day, plural, text

NudgeKind = Literal["behind_pace", "deadline_at_risk", "ahead", "overload", "inactivity"]
ActionKind = Literal["adjust_goal", "stretch_goal", "plan_rest", "log_progress"]

PRIORITY: Final[tuple[NudgeKind, ...]] = (
    "deadline_at_risk",
    "behind_pace",
    "overload",
    "inactivity",
    "ahead",
)
ONCE_PER_WEEK: Final[frozenset[str]] = frozenset({"deadline_at_risk", "behind_pace", "overload"})
COOLDOWN_DAYS: Final[dict[str, int]] = {"inactivity": 7, "ahead": 28}
AHEAD_NUDGE_DAYS: Final = 5
_EPSILON: Final = 1e-9


class NudgeSettings(msgspec.Struct, frozen=True, kw_only=True):
    """A student's nudge preferences; times are local wall-clock times in ``time_zone``."""

    time_zone: str
    window_start: dt.time = dt.time(15, 0)
    window_end: dt.time = dt.time(20, 0)
    quiet_start: dt.time | None = None
    quiet_end: dt.time | None = None
    max_per_day: int = 2
    first_days: int = 3
    inactivity_days: int = 7
    plan_cue: dt.time = dt.time(17, 0)
    rest_cue: dt.time = dt.time(20, 0)


class SentNudge(msgspec.Struct, frozen=True, kw_only=True):
    """A nudge created earlier, as the history the throttles and rotation read."""

    kind: NudgeKind
    goal_id: str | None
    fired_at: dt.datetime
    template_id: str


class GoalPace(msgspec.Struct, frozen=True, kw_only=True):
    goal: Goal
    pace: Pace


class Action(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    kind: ActionKind
    label: str
    goal_id: str | None
    deadline: dt.date | None = None
    """For "adjust my goal": the day the recent pace finishes, when that is after the deadline;
    the app offers it as the new deadline."""


class Nudge(msgspec.Struct, frozen=True, kw_only=True):
    """A nudge to create now."""

    kind: NudgeKind
    goal_id: str | None
    template_id: str
    title: str
    body: str
    plan_prompt: str
    actions: tuple[Action, ...]


def _within(moment: dt.time, start: dt.time, end: dt.time) -> bool:
    """``start <= moment < end``, wrapping midnight when ``start`` is after ``end``."""
    if start <= end:
        return start <= moment < end
    return moment >= start or moment < end


def may_nudge_at(now: dt.datetime, settings: NudgeSettings) -> bool:
    """True when local ``now`` is inside the nudge window and outside quiet hours."""
    local = now.astimezone(zoneinfo.ZoneInfo(settings.time_zone)).time()
    if not _within(local, settings.window_start, settings.window_end):
        return False
    quiet = settings.quiet_start, settings.quiet_end
    return quiet[0] is None or quiet[1] is None or not _within(local, quiet[0], quiet[1])


def _quiet(moment: dt.time, settings: NudgeSettings) -> bool:
    start, end = settings.quiet_start, settings.quiet_end
    return start is not None and end is not None and _within(moment, start, end)


def _half_hours(start: dt.time, end: dt.time) -> list[dt.time]:
    """Every half hour from ``start`` (rounded up) to before ``end``, wrapping midnight."""
    first = (start.hour * 60 + start.minute + 29) // 30 * 30
    last = end.hour * 60 + end.minute
    span = (last - first) % (24 * 60) or 24 * 60
    return [
        dt.time(((first + step) // 60) % 24, (first + step) % 60) for step in range(0, span, 30)
    ]


def plan_cue(settings: NudgeSettings) -> dt.time:
    """The daily time an if-then plan names: the usual cue, unless quiet hours cover it; then
    the first half hour of the nudge window outside them."""
    if not _quiet(settings.plan_cue, settings):
        return settings.plan_cue
    for moment in _half_hours(settings.window_start, settings.window_end):
        if not _quiet(moment, settings):
            return moment
    return settings.plan_cue


def today_cue(now: dt.datetime, settings: NudgeSettings) -> dt.time | None:
    """A time later today for a one-off plan: the first half hour at least 15 minutes from now,
    inside the nudge window and outside quiet hours; None when today has no such time left."""
    local = now.astimezone(zoneinfo.ZoneInfo(settings.time_zone))
    soonest = (local + dt.timedelta(minutes=15)).time()
    if (local + dt.timedelta(minutes=15)).date() != local.date():
        return None
    usual = plan_cue(settings)
    if usual >= soonest and _within(usual, settings.window_start, settings.window_end):
        return usual
    for moment in _half_hours(soonest, settings.window_end):
        if moment < soonest or not _within(moment, settings.window_start, settings.window_end):
            continue
        if not _quiet(moment, settings):
            return moment
    return None


class _History:
    """Reads the history in the student's local days; remembers nudges chosen in this run."""

    def __init__(self, sent: Sequence[SentNudge], zone: zoneinfo.ZoneInfo, today: dt.date):
        self.sent = list(sent)
        self.zone = zone
        self.today = today

    def day_of(self, item: SentNudge) -> dt.date:
        return item.fired_at.astimezone(self.zone).date()

    def sent_today(self) -> int:
        return sum(1 for item in self.sent if self.day_of(item) == self.today)

    def goal_touched_within(self, goal_id: str, days: int) -> bool:
        return any(
            item.goal_id == goal_id and (self.today - self.day_of(item)).days < days
            for item in self.sent
        )

    def blocked(self, kind: NudgeKind, goal_id: str | None) -> bool:
        for item in self.sent:
            if item.kind != kind or item.goal_id != goal_id:
                continue
            day = self.day_of(item)
            if kind in ONCE_PER_WEEK and week_start(day) == week_start(self.today):
                return True
            if (self.today - day).days < COOLDOWN_DAYS.get(kind, 0):
                return True
        return False

    def pick_template(self, kind: NudgeKind) -> str:
        last_used: dict[str, dt.datetime] = {}
        for item in self.sent:
            if item.template_id in TEMPLATE_IDS[kind]:
                fired_at = item.fired_at.astimezone(dt.UTC)
                previous = last_used.get(item.template_id)
                if previous is None or fired_at > previous:
                    last_used[item.template_id] = fired_at
        for template_id in TEMPLATE_IDS[kind]:
            if template_id not in last_used:
                return template_id
        return min(TEMPLATE_IDS[kind], key=lambda template_id: last_used[template_id])


def _goal_kind(
    entry: GoalPace, today: dt.date, settings: NudgeSettings, history: _History
) -> NudgeKind | None:
    """The most pressing nudge kind for one goal today, or None."""
    goal = entry.goal
    if goal.status != "active" or (today - goal.start).days < settings.first_days:
        return None
    if today > goal.deadline or history.goal_touched_within(goal.id, 1):
        return None
    for kind in _goal_candidates(entry, today, settings, history):
        if not history.blocked(kind, goal.id):
            return kind
    return None


def _goal_candidates(
    entry: GoalPace, today: dt.date, settings: NudgeSettings, history: _History
) -> list[NudgeKind]:
    """The nudge kinds one goal's pace calls for today, most pressing first."""
    goal, pace = entry.goal, entry.pace
    candidates: list[NudgeKind] = []
    if pace.status in ("at_risk", "unreachable"):
        candidates.append("deadline_at_risk")
    if pace.status == "behind" and pace.working_days_left_this_week > 0:
        needed = math.ceil(pace.catch_up_this_week / goal.sustainable_daily_max - _EPSILON)
        if needed == pace.working_days_left_this_week:
            candidates.append("behind_pace")
    if pace.status in ("ahead", "on_track", "behind") and pace.remaining > _EPSILON:
        last = max(pace.last_active_on or goal.start, goal.start)
        idle = (today - last).days
        if idle >= settings.inactivity_days and not history.goal_touched_within(goal.id, 7):
            candidates.append("inactivity")
    lead = pace.done - pace.due_today
    if pace.status == "ahead" and lead >= AHEAD_NUDGE_DAYS * pace.day_share - _EPSILON:
        candidates.append("ahead")
    return candidates


def _effort_plan(entry: GoalPace, cue: str, language: str) -> str:
    effort = entry.pace.daily_effort
    if effort is None:
        action = _small_step(entry.goal, language)
        return text(language, "plan.restart", cue=cue, title=entry.goal.title, action=action)
    if effort.period == "week":
        amount = amount_phrase(effort.quantity, effort.quantity_unit, language)
        return text(language, "plan.week", cue=cue, amount=amount)
    action = action_phrase(effort, entry.goal.unit, language)
    return text(language, "plan.day", cue=cue, action=action)


def _small_step(goal: Goal, language: str) -> str:
    amount = quantity_phrase(
        0.25 if goal.unit == "hours" else 1, goal.words, language, as_object=True
    )
    return text(language, f"verb.{goal.unit}", amount=amount)


def _after_catch_up(entry: GoalPace, language: str) -> str:
    """What keeps the goal on pace once this week's catch-up is done, in words."""
    goal, pace = entry.goal, entry.pace
    left = pace.remaining - pace.catch_up_this_week
    days_after = pace.working_days_left - pace.working_days_left_this_week
    if left <= _EPSILON or days_after <= 0:
        return text(language, "clause.after_done")
    if days_after < 5:
        # Less than a school week remains after this one: a total says it plainer than a rate.
        return text(
            language,
            "clause.after_total",
            amount=quantity_phrase(left, goal.words, language),
            deadline=format_day(goal.deadline, language),
        )
    effort = describe_effort(left / days_after, goal.words, 5, language)
    return text(language, "clause.after_rate", effort=effort.phrase)


def _goal_nudge(
    kind: NudgeKind,
    entry: GoalPace,
    template_id: str,
    settings: NudgeSettings,
    now: dt.datetime,
    language: str,
) -> Nudge:
    goal, pace = entry.goal, entry.pace
    today = now.astimezone(zoneinfo.ZoneInfo(settings.time_zone)).date()
    cue = format_clock(plan_cue(settings), language)
    effort = effort_phrase(pace.daily_effort, language) if pace.daily_effort else ""
    values: dict[str, object] = {
        "title": goal.title,
        "deadline": format_day(goal.deadline, language),
        "effort": effort,
    }
    finish = pace.projected_finish
    suggested = finish if finish is not None and finish > goal.deadline else None
    actions = [
        Action(
            kind="adjust_goal",
            label=text(language, "action.adjust_goal"),
            goal_id=goal.id,
            deadline=suggested,
        )
    ]
    if kind == "behind_pace":
        days_left = pace.working_days_left_this_week
        values["catch_up"] = quantity_phrase(pace.catch_up_this_week, goal.words, language)
        values["after"] = _after_catch_up(entry, language)
        today_share = quantity_phrase(
            pace.catch_up_this_week / days_left, goal.words, language, as_object=True
        )
        action = text(language, f"verb.{goal.unit}", amount=today_share)
        plan = text(language, "plan.day", cue=cue, action=action)
        actions.insert(
            0,
            Action(
                kind="log_progress", label=text(language, "action.log_progress"), goal_id=goal.id
            ),
        )
    elif kind == "deadline_at_risk":
        if pace.projected_finish is not None:
            values["projection"] = text(
                language,
                "clause.projection",
                finish=format_day(pace.projected_finish, language),
                deadline=values["deadline"],
            )
        else:
            values["projection"] = text(
                language, "clause.no_projection", deadline=values["deadline"]
            )
        if pace.status == "unreachable":
            values["advice"] = text(language, "clause.refit")
            later = today_cue(now, settings)
            if later is not None:
                plan = text(
                    language, "plan.refit", cue=format_clock(later, language), title=goal.title
                )
            else:
                plan = text(language, "plan.refit_tomorrow", cue=cue, title=goal.title)
        else:
            values["advice"] = text(language, "clause.recover", effort=effort)
            plan = _effort_plan(entry, cue, language)
    elif kind == "inactivity":
        last = max(pace.last_active_on or goal.start, goal.start)
        values["idle"] = plural(language, "count.days", (today - last).days)
        action = _small_step(goal, language)
        plan = text(language, "plan.restart", cue=cue, title=goal.title, action=action)
        actions.insert(
            0,
            Action(
                kind="log_progress", label=text(language, "action.log_progress"), goal_id=goal.id
            ),
        )
    else:
        plan = text(language, "plan.stretch", cue=cue)
        actions.insert(
            0,
            Action(
                kind="stretch_goal", label=text(language, "action.stretch_goal"), goal_id=goal.id
            ),
        )
    return Nudge(
        kind=kind,
        goal_id=goal.id,
        template_id=template_id,
        title=text(language, f"nudge.{template_id}.title", **values),
        body=text(language, f"nudge.{template_id}.body", **values),
        plan_prompt=plan,
        actions=tuple(actions),
    )


def _rest_cue(settings: NudgeSettings) -> dt.time:
    return settings.rest_cue if not _quiet(settings.rest_cue, settings) else plan_cue(settings)


OverloadPlan = Literal["talk_to_mentor", "plan_rest"]


def overload_plan(stressed: bool) -> OverloadPlan:
    """The if-then plan of an overload nudge: with high stress in the latest check-in, a
    conversation with the mentor rather than a push to study more (or to rest on one's own).
    Shared with the app through ``sync/vectors/load.json``."""
    return "talk_to_mentor" if stressed else "plan_rest"


def _overload_nudge(
    load: Load, template_id: str, settings: NudgeSettings, language: str, stressed: bool = False
) -> Nudge:
    if load.over_hours:
        reason = text(
            language,
            "clause.over_hours",
            required=duration_phrase(30 * math.ceil(load.required_hours * 2 - _EPSILON), language),
            available=duration_phrase(round(load.available_hours * 60), language),
        )
    else:
        reason = text(
            language,
            "clause.no_free_time",
            study=duration_phrase(5 * round(load.week.study_minutes / 5), language),
            free=duration_phrase(load.week.free_minutes, language),
        )
    return Nudge(
        kind="overload",
        goal_id=None,
        template_id=template_id,
        title=text(language, f"nudge.{template_id}.title"),
        body=text(language, f"nudge.{template_id}.body", reason=reason),
        plan_prompt=text(language, "plan.talk")
        if overload_plan(stressed) == "talk_to_mentor"
        else text(language, "plan.rest", cue=format_clock(_rest_cue(settings), language)),
        actions=(
            Action(kind="plan_rest", label=text(language, "action.plan_rest"), goal_id=None),
            Action(kind="adjust_goal", label=text(language, "action.adjust_goal"), goal_id=None),
        ),
    )


def nudges_due(
    goals: Sequence[GoalPace],
    *,
    now: dt.datetime,
    settings: NudgeSettings,
    history: Sequence[SentNudge] = (),
    load: Load | None = None,
    stressed: bool = False,
    language: str,
) -> tuple[Nudge, ...]:
    """The nudges to create for one student at ``now`` (aware), following the module's rules.

    ``goals`` carry each goal's pace computed for the student's local today; ``history`` holds
    the student's earlier nudges (the last 28 days suffice); ``load`` enables overload nudges.
    ``stressed`` (the student's latest check-in says high stress) turns an overload nudge's
    if-then plan into talking with the mentor. The texts are in ``language``, the student's.
    """
    if not may_nudge_at(now, settings):
        return ()
    zone = zoneinfo.ZoneInfo(settings.time_zone)
    today = now.astimezone(zone).date()
    past = _History(history, zone, today)
    budget = settings.max_per_day - past.sent_today()
    if budget <= 0:
        return ()

    candidates: list[tuple[int, dt.date, str, NudgeKind, GoalPace | None]] = []
    for entry in goals:
        kind = _goal_kind(entry, today, settings, past)
        if kind is not None:
            candidates.append(
                (PRIORITY.index(kind), entry.goal.deadline, entry.goal.id, kind, entry)
            )
    if load is not None and load.overloaded and not past.blocked("overload", None):
        candidates.append((PRIORITY.index("overload"), dt.date.max, "", "overload", None))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))

    created: list[Nudge] = []
    for _, _, _, kind, goal_entry in candidates[:budget]:
        template_id = past.pick_template(kind)
        if goal_entry is not None:
            nudge = _goal_nudge(kind, goal_entry, template_id, settings, now, language)
        else:
            assert load is not None
            nudge = _overload_nudge(load, template_id, settings, language, stressed)
        created.append(nudge)
        past.sent.append(
            SentNudge(kind=kind, goal_id=nudge.goal_id, fired_at=now, template_id=template_id)
        )
    return tuple(created)
