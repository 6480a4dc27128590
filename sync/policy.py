"""The approval policy: which of a student's goal changes wait for the teacher. Pure logic.

The policy is data (``ApprovalPolicy``, defined in ``sync.kinds`` as the fields of the
``policy`` record); ``needs_approval`` is the one rule that reads it. The server applies it to
every push, and devices replay the same rule offline from the student's ``policy`` record,
which the server keeps equal to the policy it applies (sync/PROTOCOL.md).
``pwa/src/sync/policy.ts`` is the same function; ``sync/vectors/policy.json`` holds the cases
both sides pass.

Which changes wait:
- a new goal (or re-submitting a returned one), when the class asks for that;
- lowering the target, when the class asks for that (raising it never does);
- moving the deadline later by more than the class's free days (earlier never does);
- abandoning the goal, when the class asks for that; completing it never does.
Goals not yet approved are the student's draft: editing them needs nobody.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import Final

import msgspec

from sync.fields import date_of, number_of
from sync.kinds import ApprovalPolicy as ApprovalPolicy  # defined with every record kind
from sync.records import JSON

ApprovalRule = Callable[[Mapping[str, JSON], Mapping[str, JSON]], frozenset[str]]
"""Given a goal's current fields and an edit's changes, the changed fields that need approval."""

_POLICY_NAMESPACE: Final = uuid.UUID("5d3f2a71-9c4e-4b8a-a6d2-7e1f0c9b3a58")


DEFAULT_POLICY: Final = ApprovalPolicy()


def policy_id(space: int) -> str:
    """The id of a space's one ``policy`` record."""
    return str(uuid.uuid5(_POLICY_NAMESPACE, f"policy:{space}"))


def strictest(policies: Iterable[ApprovalPolicy]) -> ApprovalPolicy:
    """One policy for a student in several classes: a change waits if any class would hold it."""
    found = list(policies)
    if not found:
        return DEFAULT_POLICY
    return ApprovalPolicy(
        approve_new_goals=any(p.approve_new_goals for p in found),
        approve_target_decrease=any(p.approve_target_decrease for p in found),
        approve_abandon=any(p.approve_abandon for p in found),
        deadline_shift_free_days=min(p.deadline_shift_free_days for p in found),
    )


def needs_approval(
    policy: ApprovalPolicy, goal: Mapping[str, JSON], changes: Mapping[str, JSON]
) -> frozenset[str]:
    """The fields of ``changes`` to a goal with ``goal``'s fields that wait for the teacher."""
    status = goal.get("status")
    new_status = changes.get("status")
    if status != "active":
        if new_status == "active" and policy.approve_new_goals:
            return frozenset({"status"})
        return frozenset()
    needs: set[str] = set()
    # Back to `proposed` would undo the teacher's approval: that always waits.
    if new_status == "proposed" or (new_status == "abandoned" and policy.approve_abandon):
        needs.add("status")
    old_target, new_target = number_of(goal.get("target")), number_of(changes.get("target"))
    if (
        policy.approve_target_decrease
        and old_target is not None
        and new_target is not None
        and new_target < old_target
    ):
        needs.add("target")
    old_deadline, new_deadline = date_of(goal.get("deadline")), date_of(changes.get("deadline"))
    if (
        old_deadline is not None
        and new_deadline is not None
        and (new_deadline - old_deadline).days > policy.deadline_shift_free_days
    ):
        needs.add("deadline")
    return frozenset(needs)


def approval_rule(policy: ApprovalPolicy) -> ApprovalRule:
    """``needs_approval`` bound to one policy, as the push engine takes it."""

    def rule(goal: Mapping[str, JSON], changes: Mapping[str, JSON]) -> frozenset[str]:
        return needs_approval(policy, goal, changes)

    return rule


DEFAULT_RULE: Final = approval_rule(DEFAULT_POLICY)


def no_approval(goal: Mapping[str, JSON], changes: Mapping[str, JSON]) -> frozenset[str]:
    """Approval rule for actors whose edits apply directly (a teacher)."""
    return frozenset()


def policy_fields(policy: ApprovalPolicy) -> dict[str, JSON]:
    """The fields of the ``policy`` record that publishes ``policy`` to the student's devices."""
    fields = msgspec.to_builtins(policy)
    assert isinstance(fields, dict)
    return fields


def policy_from_fields(fields: Mapping[str, JSON] | None) -> ApprovalPolicy:
    """The policy a ``policy`` record holds; no record (or an unreadable one) is the default."""
    if fields is None:
        return DEFAULT_POLICY
    try:
        return msgspec.convert(dict(fields), type=ApprovalPolicy)
    except msgspec.ValidationError:
        return DEFAULT_POLICY
