"""The approval policy: which of a student's goal changes wait for the teacher. Pure logic.

Each class has a policy (``ApprovalPolicy``, defined in ``sync.kinds``); a goal of a class is
governed by that class's policy, and a personal goal (no class, or a class the student is no
longer in) by none. ``needs_approval`` is the one rule that reads a policy. The server applies
it to every push, and devices replay the same rule offline from the student's ``policy``
record, which lists the student's classes with their policies as the server applies them
(sync/PROTOCOL.md).
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
from collections.abc import Callable, Mapping
from typing import Final

import msgspec

from sync.fields import date_of, number_of
from sync.kinds import ApprovalPolicy as ApprovalPolicy  # defined with every record kind
from sync.kinds import ClassTerms, StudentClasses
from sync.records import GOVERNED_GOAL_FIELDS, JSON

ClassPolicies = Mapping[int, ApprovalPolicy]
"""The policy of each class a student is in, by class id."""

ApprovalRule = Callable[[Mapping[str, JSON], Mapping[str, JSON]], frozenset[str]]
"""Given a goal's current fields and an edit's changes, the changed fields that need approval."""

_POLICY_NAMESPACE: Final = uuid.UUID("5d3f2a71-9c4e-4b8a-a6d2-7e1f0c9b3a58")


DEFAULT_POLICY: Final = ApprovalPolicy()


def policy_id(space: int) -> str:
    """The id of a space's one ``policy`` record."""
    return str(uuid.uuid5(_POLICY_NAMESPACE, f"policy:{space}"))


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


def class_of(goal: Mapping[str, JSON]) -> int | None:
    """The class id a goal's fields name, or None for a personal goal."""
    value = goal.get("class_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def policy_for(classes: ClassPolicies, goal: Mapping[str, JSON]) -> ApprovalPolicy | None:
    """The policy governing a goal with these fields; None when it is personal."""
    class_id = class_of(goal)
    return None if class_id is None else classes.get(class_id)


def approval_rule(classes: ClassPolicies) -> ApprovalRule:
    """``needs_approval`` under each goal's own class policy, as the push engine takes it.

    The class is the one the goal has after the change: a draft may move to another class
    (or become personal) and is then judged by where it goes. An approved goal never moves
    (``sync.rules`` rejects that), so for it this is its class.
    """

    def rule(goal: Mapping[str, JSON], changes: Mapping[str, JSON]) -> frozenset[str]:
        policy = policy_for(classes, {**goal, **changes})
        return frozenset() if policy is None else needs_approval(policy, goal, changes)

    return rule


DRAFT_STATUSES: Final = frozenset({"proposed", "returned"})


def settle_goal_edit(
    goal: Mapping[str, JSON], edits: Mapping[str, JSON], rule: ApprovalRule
) -> dict[str, JSON] | None:
    """A student's goal edit as it applies with respect to the goal's class; None when it
    cannot apply.

    Only a draft (proposed or returned) moves to another class or out of every class: an
    approved goal stays in the class whose teacher approved it. An edit that leaves a goal
    ``proposed`` where nothing needs approval (a personal goal, a class that lets new goals
    start) makes it active instead: nobody would ever decide on it.
    """
    settled = dict(edits)
    moving = "class_id" in edits and edits["class_id"] != goal.get("class_id")
    if moving and goal.get("status") not in DRAFT_STATUSES:
        return None
    resubmitted = "status" in edits and goal.get("status") in DRAFT_STATUSES
    if (moving or resubmitted) and settled.get("status", goal.get("status")) == "proposed":
        draft = {**goal, **settled, "status": "proposed"}
        if not rule(draft, {"status": "active"}):
            settled["status"] = "active"
    return settled


def advice_rule(classes: ClassPolicies) -> ApprovalRule:
    """What waits when the student sends a goal change to their mentor for advice first.

    Of an approved personal goal, every governed field (target, deadline, status) the change
    sets to a new value. A class goal's change never goes to the mentor: it follows its class's
    policy to its teacher, as without asking.
    """

    def rule(goal: Mapping[str, JSON], changes: Mapping[str, JSON]) -> frozenset[str]:
        if goal.get("status") != "active" or policy_for(classes, {**goal, **changes}) is not None:
            return frozenset()
        return frozenset(
            name
            for name in GOVERNED_GOAL_FIELDS
            if name in changes and changes[name] != goal.get(name)
        )

    return rule


NO_CLASSES: Final[ClassPolicies] = {}
DEFAULT_RULE: Final = approval_rule(NO_CLASSES)
"""The rule of a student in no class: every goal is personal and nothing waits."""


def no_approval(goal: Mapping[str, JSON], changes: Mapping[str, JSON]) -> frozenset[str]:
    """Approval rule for actors whose edits apply directly (a teacher)."""
    return frozenset()


def classes_fields(classes: Mapping[int, ClassTerms]) -> dict[str, JSON]:
    """The fields of the ``policy`` record that publishes a student's classes to their devices."""
    fields = msgspec.to_builtins(
        StudentClasses(classes={str(k): v for k, v in sorted(classes.items())})
    )
    assert isinstance(fields, dict)
    return fields


def classes_from_fields(fields: Mapping[str, JSON] | None) -> dict[int, ClassTerms]:
    """The classes a ``policy`` record lists; no record (or an unreadable one) lists none."""
    if fields is None:
        return {}
    try:
        decoded = msgspec.convert(dict(fields), type=StudentClasses)
    except msgspec.ValidationError:
        return {}
    return {int(k): v for k, v in decoded.classes.items() if k.isdigit()}


def policies_of(classes: Mapping[int, ClassTerms]) -> dict[int, ApprovalPolicy]:
    """Each listed class's policy."""
    return {class_id: terms.policy for class_id, terms in classes.items()}
