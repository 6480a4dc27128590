"""A class's approval policy, and the approval rule it gives the sync engine. Pure logic.

Which of a student's goal changes wait for the teacher:
- a new goal (or re-submitting a returned one), when the class asks for that;
- lowering the target, when the class asks for that (raising it never does);
- moving the deadline later by more than the class's free days (earlier never does);
- abandoning the goal, when the class asks for that.
Goals not yet approved are the student's draft: editing them needs nobody.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sync.fields import date_of, number_of
from sync.merge import ApprovalRule
from sync.records import JSON


@dataclass(frozen=True, slots=True)
class ApprovalPolicy:
    approve_new_goals: bool = True
    approve_target_decrease: bool = True
    approve_abandon: bool = True
    deadline_shift_free_days: int = 7


def strictest(policies: Iterable[ApprovalPolicy]) -> ApprovalPolicy:
    """One policy for a student in several classes: a change waits if any class would hold it."""
    found = list(policies)
    if not found:
        return ApprovalPolicy()
    return ApprovalPolicy(
        approve_new_goals=any(p.approve_new_goals for p in found),
        approve_target_decrease=any(p.approve_target_decrease for p in found),
        approve_abandon=any(p.approve_abandon for p in found),
        deadline_shift_free_days=min(p.deadline_shift_free_days for p in found),
    )


def approval_rule(policy: ApprovalPolicy) -> ApprovalRule:
    """The engine's rule: given a goal's fields and a student's changes, what needs approval."""

    def rule(goal: Mapping[str, JSON], changes: Mapping[str, JSON]) -> frozenset[str]:
        status = goal.get("status")
        new_status = changes.get("status")
        if status != "active":
            if new_status == "active" and policy.approve_new_goals:
                return frozenset({"status"})
            return frozenset()
        needs: set[str] = set()
        if new_status in ("abandoned", "proposed") and (
            policy.approve_abandon or new_status == "proposed"
        ):
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

    return rule
