"""What each mutation does to the records it names: the protocol's rules, one per name.

Handlers read and write through the push's staged view (``sync.staging``), check before they
write, and raise ``Rejected`` for a mutation that is not allowed or not valid.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import msgspec
from msgspec import UnsetType

from sync import bounds, kinds, mutations, notices
from sync.actor import Actor
from sync.merge import edit_of_deleted, merge_fields, split_governed
from sync.mutations import Args
from sync.policy import ApprovalRule, no_approval, settle_goal_edit
from sync.records import (
    CHANGE_REQUEST,
    CHECK_IN,
    CONFLICT_NOTICE,
    GOAL,
    JSON,
    NUDGE,
    PREFERENCES,
    PROFILE,
    PROGRESS,
    REST,
    TIME_ENTRY,
    Record,
    check_in_id,
    preferences_id,
    profile_id,
)
from sync.staging import StagedPush
from sync.wire import LostValue, MutationResult

T = TypeVar("T")
_NAMESPACE = uuid.UUID("6f1c2a4e-8d3b-5f7a-9c0e-1b2d3e4f5a6b")


class Rejected(Exception):
    """A domain rejection of one mutation; becomes a ``rejected`` outcome, never a failure."""


@dataclass
class Step:
    """Applies one mutation; holds what every handler needs."""

    staged: StagedPush
    actor: Actor
    client_id: str
    mutation_id: int
    clock: str
    now_ms: int
    approval: ApprovalRule
    # What waits for the mentor when the student asks their advice (``sync.policy.advice_rule``).
    advice: ApprovalRule = no_approval
    touched: set[int] = field(default_factory=set)

    def write(self, record: Record) -> None:
        self.staged.write(record)
        self.touched.add(record.space)

    def new_record(self, kind: str, record_id: str, space: int, values: dict[str, JSON]) -> Record:
        return Record(
            kind=kind,
            id=record_id,
            space=space,
            fields=values,
            clocks=dict.fromkeys(values, self.clock),
            created_by=self.actor.user_id,
            origin_client=self.client_id,
        )

    async def notice(self, record: Record, lost: list[LostValue]) -> None:
        """Record each lost value as a conflict notice in the record's space."""
        for item in lost:
            notice_id = notices.notice_id(self.client_id, self.mutation_id, record.id, item.field)
            values = notices.notice_fields(record, item)
            self.write(self.new_record(CONFLICT_NOTICE, notice_id, record.space, values))

    async def change_request(
        self,
        goal: Record,
        proposed: dict[str, JSON],
        current: dict[str, JSON],
        reason: str | None = None,
        reviewer: str = "teacher",
    ) -> str:
        request_id = str(uuid.uuid5(_NAMESPACE, f"change/{self.client_id}/{self.mutation_id}"))
        values: dict[str, JSON] = {
            "goal_id": goal.id,
            "proposed": proposed,
            "current": current,
            "reason": reason or "",
            "status": "pending",
            "requested_by": self.actor.user_id,
            "requested_hlc": self.clock,
            "requested_ms": self.now_ms,
            "reviewer": reviewer,
        }
        self.write(self.new_record(CHANGE_REQUEST, request_id, goal.space, values))
        return request_id

    async def set_preferences(self, args: mutations.PreferencesSet) -> MutationResult:
        """Create-or-update of the space's single preferences record."""
        space = args.space if args.space is not None else self.actor.home_space
        if space is None or args.id != preferences_id(space):
            raise Rejected("preferences use the id sync.records.preferences_id(space)")
        self.check_writable(space)
        return await self.create_or_merge(
            PREFERENCES, args.id, space, mutations.changed_fields(args), {}, args.base
        )

    async def set_check_in(self, args: mutations.CheckInSet) -> MutationResult:
        """Create-or-update of the week's one check-in record."""
        space = args.space if args.space is not None else self.actor.home_space
        if space is None or args.id != check_in_id(space, args.week):
            raise Rejected("a check-in uses the id sync.records.check_in_id(space, week)")
        self.check_writable(space)
        return await self.create_or_merge(
            CHECK_IN, args.id, space, mutations.changed_fields(args), {}
        )

    async def set_profile(self, args: mutations.ProfileSet) -> MutationResult:
        """Create-or-update of the student's one learner profile."""
        space = args.space if args.space is not None else self.actor.home_space
        if space is None or args.id != profile_id(space):
            raise Rejected("the profile uses the id sync.records.profile_id(space)")
        self.check_writable(space)
        return await self.create_or_merge(
            PROFILE, args.id, space, mutations.changed_fields(args), {}, args.base
        )

    def check_writable(self, space: int) -> None:
        if space not in self.actor.writable_spaces:
            raise Rejected(f"you may not change records in space {space}")

    async def existing(self, kind: str, record_id: str) -> Record:
        record = await self.staged.get(kind, record_id)
        if record is None:
            raise Rejected(f"no {kind} with id {record_id}")
        self.check_writable(record.space)
        return record

    async def create(
        self,
        kind: str,
        args: mutations.CreateArgs,
        extra: dict[str, JSON],
        initial: dict[str, JSON] | None = None,
    ) -> MutationResult:
        """Create the record ``args`` describe, with ``extra`` values the mutation implies.

        ``initial`` values are the server's to decide (a new goal's status): a new record
        starts with them, but a create merged into an existing record does not impose them.
        """
        space = args.space if args.space is not None else self.actor.home_space
        if space is None:
            raise Rejected("no space given to create the record in")
        self.check_writable(space)
        values = {**mutations.changed_fields(args), **extra}
        return await self.create_or_merge(kind, args.id, space, values, initial or {})

    async def create_or_merge(
        self,
        kind: str,
        record_id: str,
        space: int,
        values: dict[str, JSON],
        initial: dict[str, JSON],
        base: dict[str, str] | None = None,
    ) -> MutationResult:
        """Create a record; if its id exists in this space, merge the create into it as an edit.

        Ids are the devices' own, so an existing id means the same record was created twice,
        offline on two devices (the preferences id is the same on every device by design).
        Neither device saw the other's values: per-field last writer wins, and every value
        that loses becomes a conflict notice, as for concurrent edits.
        """
        found = await self.staged.get(kind, record_id)
        if found is None:
            self.staged.create(self.new_record(kind, record_id, space, {**values, **initial}))
            self.touched.add(space)
            return self.result("applied")
        if found.space != space:
            raise Rejected(f"a {kind} with id {record_id} already exists in another space")
        # A "set" of a one-per-space record (preferences, profile) may name what it saw.
        return await self.update(kind, record_id, values, base or {})

    async def check_goal(self, goal_id: str | None, space: int | None) -> None:
        if goal_id is None:
            return
        goal = await self.staged.get(GOAL, goal_id)
        if goal is None or goal.space != (space if space is not None else self.actor.home_space):
            raise Rejected(f"no goal with id {goal_id} in this space")

    async def update(
        self,
        kind: str,
        record_id: str,
        changes: dict[str, JSON],
        base: dict[str, str],
        reason: str | None = None,
        transition: bool = False,
        ask_mentor: bool = False,
    ) -> MutationResult:
        """Merge an edit into a record.

        A ``transition`` (stopping a running timer) is a state change from the record's current
        state, which the caller checked: it replaces the current values knowingly, so it
        applies whatever the device's clock and never makes a notice.
        """
        record = await self.existing(kind, record_id)
        if transition:
            base = {name: record.clocks[name] for name in changes if name in record.clocks}
        quiet = notices.quiet_fields(kind, frozenset(changes))
        if record.deleted:
            lost = edit_of_deleted(changes, self.clock, quiet)
            await self.notice(record, lost)
            return self.result("merged", reason=f"the {kind} was deleted", lost=lost)
        request_id: str | None = None
        if kind == GOAL:
            settled = settle_goal_edit(record.fields, changes, self.approval)
            if settled is None:
                raise Rejected(
                    "an approved goal stays in its class; abandon it and set a new goal"
                    " in the other class"
                )
            if "status" in settled and "status" not in changes and "status" in record.clocks:
                # The status follows from the move: it replaces the current one knowingly.
                base = {**base, "status": record.clocks["status"]}
            changes = settled
            rule, reviewer = self.rule_for(record.fields, changes, ask_mentor)
            split = split_governed(record.fields, changes, rule)
            changes = split.direct
            if split.proposed:
                request_id = await self.change_request(
                    record, split.proposed, split.current, reason, reviewer
                )
        merged = merge_fields(record.fields, record.clocks, changes, self.clock, base, quiet)
        if merged.written:
            self.write(msgspec.structs.replace(record, fields=merged.fields, clocks=merged.clocks))
        await self.notice(record, merged.lost)
        if request_id is not None:
            return self.result("change_request", lost=merged.lost, change_request_id=request_id)
        return self.result("merged" if merged.lost else "applied", lost=merged.lost)

    def rule_for(
        self, goal: dict[str, JSON], changes: dict[str, JSON], ask_mentor: bool
    ) -> tuple[ApprovalRule, str]:
        """The rule a goal edit goes by, and who would decide what it holds: the class's
        teacher, or the mentor when the student asks advice about a personal goal."""
        if ask_mentor and self.advice(goal, changes):
            return self.advice, "mentor"
        return self.approval, "teacher"

    async def delete(
        self, kind: str, record_id: str, reason: str | None = None, ask_mentor: bool = False
    ) -> MutationResult:
        record = await self.existing(kind, record_id)
        if record.deleted:
            return self.result("applied")
        if kind == GOAL:
            abandon: dict[str, JSON] = {"status": "abandoned"}
            rule, reviewer = self.rule_for(record.fields, abandon, ask_mentor)
            split = split_governed(record.fields, abandon, rule)
            if split.proposed:
                request_id = await self.change_request(
                    record, split.proposed, split.current, reason, reviewer
                )
                return self.result("change_request", change_request_id=request_id)
        self.write(msgspec.structs.replace(record, fields={}, clocks={}, deleted=True))
        return self.result("applied")

    def result(
        self,
        outcome: Literal["applied", "merged", "change_request"],
        *,
        reason: str | None = None,
        lost: list[LostValue] | None = None,
        change_request_id: str | None = None,
    ) -> MutationResult:
        return MutationResult(
            mutation_id=self.mutation_id,
            outcome=outcome,
            reason=reason,
            lost=lost or [],
            change_request_id=change_request_id,
        )


def _check_time_category(kind: JSON, category: JSON) -> None:
    if kind == "free" and category is None:
        raise Rejected("free time needs a category")
    if kind == "study" and category is not None:
        raise Rejected("study time has no category")


def _set(value: T | UnsetType) -> T | None:
    return None if isinstance(value, UnsetType) else value


def _today(step: Step) -> dt.date:
    return dt.datetime.fromtimestamp(step.now_ms / 1000, dt.UTC).date()


def _near_today(step: Step, **values: dt.date | None) -> None:
    """Dates a write sets lie within a sane distance of the day it reaches the server."""
    try:
        for name, value in values.items():
            bounds.check_near(name, value, _today(step))
    except bounds.OutOfBounds as error:
        raise Rejected(str(error)) from None


def _logged_when(step: Step, **values: dt.datetime | None) -> None:
    """Work is logged after it happened, and not years later."""
    now = dt.datetime.fromtimestamp(step.now_ms / 1000, dt.UTC)
    try:
        for name, value in values.items():
            bounds.check_not_future(name, value, now)
    except bounds.OutOfBounds as error:
        raise Rejected(str(error)) from None


async def _check_goal_plan(step: Step, args: mutations.GoalUpdate, edits: dict[str, JSON]) -> None:
    """An edit of a goal's plan keeps the whole plan coherent (dates, milestones, target)."""
    plan_fields = ("target", "start_date", "deadline", "milestones")
    if not any(name in edits for name in plan_fields):
        return
    _near_today(step, start_date=_set(args.start_date), deadline=_set(args.deadline))
    record = await step.staged.get(GOAL, args.id)
    if record is None or record.deleted:
        return  # the update reports the missing or deleted goal itself
    goal = kinds.decode_fields(
        msgspec.structs.replace(record, fields={**record.fields, **edits}), kinds.GoalFields
    )
    if goal is None:
        raise Rejected("the goal's plan would be out of bounds: check its dates and target")
    try:
        kinds.check_plan(
            target=goal.target,
            start=goal.start_date,
            deadline=goal.deadline,
            milestones=goal.milestones,
        )
    except bounds.OutOfBounds as error:
        raise Rejected(str(error)) from None


async def _check_rest_span(step: Step, args: mutations.RestUpdate, edits: dict[str, JSON]) -> None:
    if "start_date" not in edits and "end_date" not in edits:
        return
    _near_today(step, start_date=_set(args.start_date), end_date=_set(args.end_date))
    record = await step.staged.get(REST, args.id)
    if record is None or record.deleted:
        return
    rest = kinds.decode_fields(
        msgspec.structs.replace(record, fields={**record.fields, **edits}), kinds.RestFields
    )
    if rest is None:
        raise Rejected("planned rest would be out of bounds: check its dates")
    try:
        kinds.check_rest(rest.start_date, rest.end_date)
    except bounds.OutOfBounds as error:
        raise Rejected(str(error)) from None


async def _goal_create(step: Step, args: mutations.GoalCreate) -> MutationResult:
    _near_today(step, start_date=args.start_date, deadline=args.deadline)
    for milestone in args.milestones:
        _near_today(step, due=milestone.due)
    # A new goal starts active only where its class's policy lets it skip the teacher.
    draft: dict[str, JSON] = {"status": "proposed", "class_id": args.class_id}
    status: JSON = "proposed" if step.approval(draft, {"status": "active"}) else "active"
    return await step.create(GOAL, args, {}, {"status": status})


async def _goal_update(step: Step, args: mutations.GoalUpdate) -> MutationResult:
    # `returned` is not a status a device can send: only a teacher's decision sets it.
    reason = args.change_reason or None
    edits = mutations.changed_fields(args)
    await _check_goal_plan(step, args, edits)
    ask = args.ask_mentor is True
    return await step.update(GOAL, args.id, edits, args.base, reason, ask_mentor=ask)


async def _goal_delete(step: Step, args: mutations.GoalDelete) -> MutationResult:
    ask = args.ask_mentor is True
    return await step.delete(GOAL, args.id, args.change_reason or None, ask_mentor=ask)


async def _progress_add(step: Step, args: mutations.ProgressAdd) -> MutationResult:
    _logged_when(step, occurred_at=args.occurred_at)
    await step.check_goal(args.goal_id, args.space)
    return await step.create(PROGRESS, args, {})


async def _progress_update(step: Step, args: mutations.ProgressUpdate) -> MutationResult:
    _logged_when(step, occurred_at=_set(args.occurred_at))
    return await step.update(PROGRESS, args.id, mutations.changed_fields(args), args.base)


async def _progress_delete(step: Step, args: mutations.ProgressDelete) -> MutationResult:
    return await step.delete(PROGRESS, args.id)


async def _time_log(step: Step, args: mutations.TimeLog) -> MutationResult:
    return await _time_create(step, args, {"running": False})


async def _time_start(step: Step, args: mutations.TimeStart) -> MutationResult:
    return await _time_create(step, args, {"running": True, "minutes": None})


async def _time_create(
    step: Step, args: mutations.TimeLog | mutations.TimeStart, extra: dict[str, JSON]
) -> MutationResult:
    _logged_when(step, started_at=args.started_at)
    _check_time_category(args.kind, args.category)
    await step.check_goal(args.goal_id, args.space)
    return await step.create(TIME_ENTRY, args, extra)


async def _time_stop(step: Step, args: mutations.TimeStop) -> MutationResult:
    entry = await step.existing(TIME_ENTRY, args.id)
    if entry.deleted or entry.fields.get("running") is not True:
        # Stopped or deleted on another device meanwhile: nothing is left to stop.
        return step.result("applied")
    changes: dict[str, JSON] = {"running": False}
    started = entry.fields.get("started_at")
    # Minutes someone entered while the timer ran are theirs; a stop fills in only none.
    if entry.fields.get("minutes") is None and isinstance(started, str):
        seconds = (args.stopped_at - dt.datetime.fromisoformat(started)).total_seconds()
        if seconds < 0:
            raise Rejected("the timer cannot stop before it started")
        if seconds < mutations.SHORTEST_RUN_SECONDS:
            return await step.delete(TIME_ENTRY, args.id)
        changes["minutes"] = min(max(round(seconds / 60), 1), 24 * 60)
    return await step.update(TIME_ENTRY, args.id, changes, {}, transition=True)


async def _time_update(step: Step, args: mutations.TimeUpdate) -> MutationResult:
    _logged_when(step, started_at=_set(args.started_at))
    return await step.update(TIME_ENTRY, args.id, mutations.changed_fields(args), args.base)


async def _time_delete(step: Step, args: mutations.TimeDelete) -> MutationResult:
    return await step.delete(TIME_ENTRY, args.id)


async def _nudge_dismiss(step: Step, args: mutations.NudgeDismiss) -> MutationResult:
    return await step.update(NUDGE, args.id, {"dismissed": True}, {})


async def _nudge_act(step: Step, args: mutations.NudgeAct) -> MutationResult:
    return await step.update(NUDGE, args.id, {"acted": args.action}, {})


async def _rest_create(step: Step, args: mutations.RestCreate) -> MutationResult:
    _near_today(step, start_date=args.start_date, end_date=args.end_date)
    return await step.create(REST, args, {})


async def _rest_update(step: Step, args: mutations.RestUpdate) -> MutationResult:
    edits = mutations.changed_fields(args)
    await _check_rest_span(step, args, edits)
    return await step.update(REST, args.id, edits, args.base)


async def _rest_delete(step: Step, args: mutations.RestDelete) -> MutationResult:
    return await step.delete(REST, args.id)


async def _preferences_set(step: Step, args: mutations.PreferencesSet) -> MutationResult:
    return await step.set_preferences(args)


async def _check_in_set(step: Step, args: mutations.CheckInSet) -> MutationResult:
    return await step.set_check_in(args)


async def _profile_set(step: Step, args: mutations.ProfileSet) -> MutationResult:
    return await step.set_profile(args)


async def _notice_dismiss(step: Step, args: mutations.NoticeDismiss) -> MutationResult:
    return await step.update(CONFLICT_NOTICE, args.id, {"dismissed": True}, {})


# One rule per mutation's arguments, each next to the arguments it reads. A handler takes
# exactly its own Struct; the table is typed loosely because each entry's type differs.
RULES: dict[type[Args], Callable[[Step, Any], Awaitable[MutationResult]]] = {
    mutations.GoalCreate: _goal_create,
    mutations.GoalUpdate: _goal_update,
    mutations.GoalDelete: _goal_delete,
    mutations.ProgressAdd: _progress_add,
    mutations.ProgressUpdate: _progress_update,
    mutations.ProgressDelete: _progress_delete,
    mutations.TimeLog: _time_log,
    mutations.TimeStart: _time_start,
    mutations.TimeStop: _time_stop,
    mutations.TimeUpdate: _time_update,
    mutations.TimeDelete: _time_delete,
    mutations.NudgeDismiss: _nudge_dismiss,
    mutations.NudgeAct: _nudge_act,
    mutations.RestCreate: _rest_create,
    mutations.RestUpdate: _rest_update,
    mutations.RestDelete: _rest_delete,
    mutations.PreferencesSet: _preferences_set,
    mutations.CheckInSet: _check_in_set,
    mutations.ProfileSet: _profile_set,
    mutations.NoticeDismiss: _notice_dismiss,
}
"""The rule of each mutation, by the type of its decoded arguments."""


async def dispatch(step: Step, name: str, args: Args) -> MutationResult:
    """Apply mutation ``name`` with its decoded ``args`` by the rule for its arguments."""
    rule = RULES.get(type(args))
    if rule is None:  # pragma: no cover - every registered name has a rule (a unit test checks)
        raise Rejected(f"mutation {name!r} is not handled")
    return await rule(step, args)
