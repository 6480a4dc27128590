"""What a device shows for a queued mutation: the reference client's replay. Pure logic.

A device replays its outbox over the last pulled state, doing to each record what
``sync.rules`` will do on the server, under the class policies the server publishes in the
student's ``policy`` record. ``pwa/src/sync/view.ts`` is the same replay in the app;
``sync/vectors/mutations.json`` holds the cases the server, this module and the app all pass.

What a device cannot know, it does not guess: it holds no tombstones (an edit of a record it
does not have changes nothing), and conflict notices and change requests are the server's to
write. A change that waits for the teacher shows as the goal's ``pending_proposal``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import msgspec

from sync import mutations
from sync.merge import merge_fields, split_governed
from sync.policy import (
    ApprovalRule,
    ClassPolicies,
    advice_rule,
    approval_rule,
    settle_goal_edit,
)
from sync.records import GOAL, check_in_id, profile_id
from sync.wire import Mutation

PENDING_PROPOSAL = "pending_proposal"
"""A goal field set on the device only: what of its changes waits for the teacher."""

_CREATES = frozenset({"create", "add", "log", "start", "set"})
_MAX_TIMER_MINUTES = 24 * 60

Key = tuple[str, str]


@dataclass
class LocalRecord:
    """A record as a device holds it."""

    kind: str
    id: str
    space: int
    fields: dict[str, Any]
    clocks: dict[str, str]


def _rejected_create(args: mutations.Args, space: int) -> bool:
    """Whether the server rejects this create, which then changes nothing."""
    match args:
        case mutations.CheckInSet():
            return args.id != check_in_id(space, args.week)
        case mutations.ProfileSet():
            return args.id != profile_id(space)
        case mutations.GoalCreate():
            return args.start_date is not None and args.start_date > args.deadline
        case mutations.RestCreate():
            return args.end_date < args.start_date
        case mutations.TimeLog() | mutations.TimeStart():
            return (args.kind == "free") == (args.category is None)
    return False


def _extra(args: mutations.Args) -> dict[str, Any]:
    """What a create sets beyond its arguments."""
    if isinstance(args, mutations.TimeLog):
        return {"running": False}
    if isinstance(args, mutations.TimeStart):
        return {"running": True, "minutes": None}
    return {}


def _edit(
    state: dict[Key, LocalRecord],
    record: LocalRecord,
    changes: Mapping[str, Any],
    clock: str,
    base: Mapping[str, str],
    policies: Mapping[int, ClassPolicies],
    ask_mentor: bool = False,
) -> None:
    pending: dict[str, Any] | None = None
    if record.kind == GOAL:
        rule = _rule_for(record, changes, policies, ask_mentor)
        settled = settle_goal_edit(record.fields, changes, rule)
        if settled is None:
            return  # the server rejects moving an approved goal to another class
        if "status" in settled and "status" not in changes and "status" in record.clocks:
            base = {**base, "status": record.clocks["status"]}
        changes = settled
        split = split_governed(record.fields, changes, rule)
        changes = split.direct
        if split.proposed:
            pending = {**record.fields.get(PENDING_PROPOSAL, {}), **split.proposed}
    merged = merge_fields(record.fields, record.clocks, changes, clock, base)
    fields = merged.fields if pending is None else {**merged.fields, PENDING_PROPOSAL: pending}
    state[(record.kind, record.id)] = LocalRecord(
        record.kind, record.id, record.space, fields, merged.clocks
    )


def _rule_for(
    goal: LocalRecord,
    changes: Mapping[str, Any],
    policies: Mapping[int, ClassPolicies],
    ask_mentor: bool,
) -> ApprovalRule:
    """As ``sync.rules.Step.rule_for``: the mentor's advice rule when the student asks it and
    it holds something, else the class's rule."""
    classes = policies.get(goal.space, {})
    advice = advice_rule(classes)
    if ask_mentor and advice(goal.fields, changes):
        return advice
    return approval_rule(classes)


def _stops_too_soon(entry: LocalRecord, stopped_at: dt.datetime) -> bool:
    """Whether a stop removes the entry, as on the server: a run shorter than half a minute."""
    started = entry.fields.get("started_at")
    if entry.fields.get("running") is not True or entry.fields.get("minutes") is not None:
        return False
    if not isinstance(started, str):
        return False
    seconds = (stopped_at - dt.datetime.fromisoformat(started)).total_seconds()
    return 0 <= seconds < mutations.SHORTEST_RUN_SECONDS


def _stop(entry: LocalRecord, stopped_at: dt.datetime) -> dict[str, Any] | None:
    """What ``time.stop`` changes, or None when it changes nothing or the server rejects it.

    As on the server: only a running timer stops, and minutes someone entered are kept.
    """
    if entry.fields.get("running") is not True:
        return None
    started = entry.fields.get("started_at")
    if entry.fields.get("minutes") is not None or not isinstance(started, str):
        return {"running": False}
    seconds = (stopped_at - dt.datetime.fromisoformat(started)).total_seconds()
    if seconds < 0:
        return None
    return {"running": False, "minutes": min(max(round(seconds / 60), 1), _MAX_TIMER_MINUTES)}


def replay(
    state: dict[Key, LocalRecord],
    mutation: Mutation,
    home_space: int,
    policies: Mapping[int, ClassPolicies],
) -> None:
    """Apply one queued mutation to ``state`` the way the server will."""
    try:
        args = mutations.decode_args(mutation.name, mutation.args)
    except (mutations.UnknownMutationError, msgspec.ValidationError):
        return  # the server rejects it
    prefix, _, verb = mutation.name.partition(".")
    kind = mutations.KIND_OF_PREFIX[prefix]
    record = state.get((kind, args.id))
    if verb in _CREATES:
        _create(state, kind, args, record, mutation.hlc, home_space, policies)
    elif record is None:
        return  # an edit of something deleted is lost, never resurrected
    elif verb == "delete":
        _delete(state, record, args, mutation.hlc, policies)
    elif isinstance(args, mutations.TimeStop) and _stops_too_soon(record, args.stopped_at):
        del state[(kind, args.id)]
    else:
        _change(state, record, args, mutation.hlc, policies)


def _create(
    state: dict[Key, LocalRecord],
    kind: str,
    args: mutations.Args,
    record: LocalRecord | None,
    clock: str,
    home_space: int,
    policies: Mapping[int, ClassPolicies],
) -> None:
    space = getattr(args, "space", None) or home_space
    if _rejected_create(args, space):
        return
    values = {**mutations.changed_fields(args), **_extra(args)}
    if record is not None:
        # The same id created on another device: the create merges into it as an edit.
        if record.space == space:
            seen = getattr(args, "base", None) or {}
            _edit(state, record, values, clock, seen, policies)
        return
    if kind == GOAL:
        draft = {"status": "proposed", "class_id": values.get("class_id")}
        waits = approval_rule(policies.get(space, {}))(draft, {"status": "active"})
        values["status"] = "proposed" if waits else "active"
    state[(kind, args.id)] = LocalRecord(kind, args.id, space, values, dict.fromkeys(values, clock))


def _delete(
    state: dict[Key, LocalRecord],
    record: LocalRecord,
    args: mutations.Args,
    clock: str,
    policies: Mapping[int, ClassPolicies],
) -> None:
    ask_mentor = getattr(args, "ask_mentor", None) is True
    abandon = {"status": "abandoned"}
    rule = _rule_for(record, abandon, policies, ask_mentor)
    if record.kind == GOAL and split_governed(record.fields, abandon, rule).proposed:
        # Deleting an approved goal may ask the teacher (or the mentor) to let it go.
        _edit(state, record, abandon, clock, {}, policies, ask_mentor)
    else:
        del state[(record.kind, record.id)]


def _change(
    state: dict[Key, LocalRecord],
    record: LocalRecord,
    args: mutations.Args,
    clock: str,
    policies: Mapping[int, ClassPolicies],
) -> None:
    changes: dict[str, Any] | None
    match args:
        case mutations.NudgeDismiss() | mutations.NoticeDismiss():
            changes = {"dismissed": True}
        case mutations.NudgeAct():
            changes = {"acted": args.action}
        case mutations.TimeStop():
            changes = _stop(record, args.stopped_at)
        case _:
            changes = mutations.changed_fields(args)
    if changes is None:
        return
    base = args.base if isinstance(args, mutations.UpdateArgs) else {}
    if isinstance(args, mutations.TimeStop):
        # A stop is a state change from the state it saw: it replaces that knowingly.
        base = {name: record.clocks[name] for name in changes if name in record.clocks}
    ask_mentor = getattr(args, "ask_mentor", None) is True
    _edit(state, record, changes, clock, base, policies, ask_mentor)
