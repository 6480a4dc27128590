"""A teacher's decisions on what waits for approval, and the policy that decides what waits.

Decisions run on the server (not through a device's outbox), inside the caller's transaction,
against the same storage port as pushes, so their effects sync back like any other write.
A decision names the goal version the teacher saw; if the goal changed since, nothing is
applied and the teacher is shown the current values to decide again. The policy a student's
pushes get is published in their space as a ``policy`` record, so devices replay it offline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

import msgspec

from sync import hlc
from sync.kinds import ClassTerms
from sync.merge import merge_fields
from sync.policy import classes_fields, policy_id
from sync.port import SyncStore
from sync.push import write_record
from sync.records import CHANGE_REQUEST, GOAL, JSON, POLICY, Record

Decision = Literal["approve", "return"]
DecisionOutcome = Literal["approved", "returned", "stale", "not_pending", "not_found"]
ItemType = Literal["new_goal", "change_request"]

SERVER_CLIENT_ID = "server"


@dataclass(frozen=True, slots=True)
class DecisionResult:
    """What became of one decision, and the space it touched (to poke its viewers)."""

    outcome: DecisionOutcome
    message: str
    space: int | None = None
    goal_version: int | None = None


def winning_clock(record: Record, now_ms: int) -> str:
    """A clock after every clock on the record: a decision must win over the edits it saw,
    even those from a device whose clock runs ahead of the server's."""
    newest = max(record.clocks.values(), default=None)
    if newest is None:
        return hlc.tick(None, now_ms, SERVER_CLIENT_ID)
    return hlc.receive(None, newest, now_ms, SERVER_CLIENT_ID)


async def _set_fields(
    store: SyncStore, record: Record, changes: dict[str, JSON], now_ms: int
) -> Record:
    clock = winning_clock(record, now_ms)
    merged = merge_fields(record.fields, record.clocks, changes, clock, dict(record.clocks))
    return await write_record(
        store, msgspec.structs.replace(record, fields=merged.fields, clocks=merged.clocks), now_ms
    )


async def decide(
    store: SyncStore,
    *,
    item_type: ItemType,
    item_id: str,
    decision: Decision,
    seen_goal_version: int,
    comment: str,
    decided_by: int,
    allowed_spaces: frozenset[int],
    now_ms: int,
    may_decide: Callable[[Record, Record | None], bool] = lambda goal, request: True,
) -> DecisionResult:
    """Approve or return one new goal or change request.

    ``allowed_spaces`` are the students the decider teaches or mentors, and ``may_decide``
    says, of a goal and the change request about it (None for a new goal), whether the decision
    is the decider's (a goal of their classes, or a change the student sent them for advice);
    anything else is "not found".
    """
    if item_type == "new_goal":
        goal = await store.get_record(GOAL, item_id)
        request = None
    else:
        request = await store.get_record(CHANGE_REQUEST, item_id)
        if request is None or request.deleted or request.space not in allowed_spaces:
            return DecisionResult("not_found", f"no change request {item_id} of your students")
        goal_id = request.fields.get("goal_id")
        goal = await store.get_record(GOAL, goal_id) if isinstance(goal_id, str) else None
    if (
        goal is None
        or goal.deleted
        or goal.space not in allowed_spaces
        or not may_decide(goal, request)
    ):
        return DecisionResult("not_found", f"no goal for {item_id} among your classes' goals")
    if request is not None and request.fields.get("status") != "pending":
        return DecisionResult(
            "not_pending", f"this request was already {request.fields.get('status')}", goal.space
        )
    if request is None and goal.fields.get("status") != "proposed":
        return DecisionResult(
            "not_pending",
            f"this goal is {goal.fields.get('status')}, not awaiting approval",
            goal.space,
        )
    if goal.version != seen_goal_version:
        return DecisionResult(
            "stale",
            "the goal changed since you looked; review its current values and decide again",
            goal.space,
            goal.version,
        )

    decided: dict[str, JSON] = {
        "decided_by": decided_by,
        "decided_ms": now_ms,
        "teacher_comment": comment,
    }
    if request is None:
        status = "active" if decision == "approve" else "returned"
        goal = await _set_fields(store, goal, {"status": status, **decided}, now_ms)
        outcome: DecisionOutcome = "approved" if decision == "approve" else "returned"
        return DecisionResult(outcome, f"goal {status}", goal.space, goal.version)

    if decision == "approve":
        proposed = request.fields.get("proposed")
        if isinstance(proposed, dict) and proposed:
            goal = await _set_fields(store, goal, dict(proposed), now_ms)
    outcome = "approved" if decision == "approve" else "returned"
    await _set_fields(store, request, {"status": outcome, **decided}, now_ms)
    return DecisionResult(outcome, f"change {outcome}", goal.space, goal.version)


async def publish_classes(
    store: SyncStore, space: int, classes: Mapping[int, ClassTerms], now_ms: int
) -> Record | None:
    """Make the space's ``policy`` record list ``classes``, the classes and policies pushes
    to it now get.

    Call it in the transaction that changed them (a class's policy or name, a student joining
    or leaving a class), so devices replay the rule the server applies. A space with no
    record is in no class. The record is rewritten whole: it is the server's alone, and a
    record of an earlier shape keeps nothing. Returns the record when it was written, None
    when it already said so.
    """
    fields = classes_fields(classes)
    stored = await store.get_record(POLICY, policy_id(space))
    clock = None
    if stored is None or stored.deleted:
        if not classes:
            return None  # no record reads as no classes
    elif stored.fields == fields:
        return None
    else:
        clock = winning_clock(stored, now_ms)
    record = Record(
        kind=POLICY,
        id=policy_id(space),
        space=space,
        fields=fields,
        clocks=dict.fromkeys(fields, clock or hlc.tick(None, now_ms, SERVER_CLIENT_ID)),
        created_by=space,
        origin_client=SERVER_CLIENT_ID,
    )
    return await write_record(store, record, now_ms)
