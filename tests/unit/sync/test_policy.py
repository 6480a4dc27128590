"""The approval policy as the sync engine applies it."""

from __future__ import annotations

from sync.policy import ApprovalPolicy, approval_rule, strictest

ACTIVE = {"status": "active", "target": 10, "deadline": "2027-01-10"}
STRICT = approval_rule(ApprovalPolicy())


def test_raising_the_target_never_waits() -> None:
    assert STRICT(ACTIVE, {"target": 12}) == frozenset()


def test_lowering_the_target_waits_when_the_class_says_so() -> None:
    assert STRICT(ACTIVE, {"target": 8}) == {"target"}
    relaxed = approval_rule(ApprovalPolicy(approve_target_decrease=False))
    assert relaxed(ACTIVE, {"target": 8}) == frozenset()


def test_short_deadline_shift_auto_approves_and_long_one_waits() -> None:
    assert STRICT(ACTIVE, {"deadline": "2027-01-17"}) == frozenset()
    assert STRICT(ACTIVE, {"deadline": "2027-01-18"}) == {"deadline"}
    assert STRICT(ACTIVE, {"deadline": "2026-12-01"}) == frozenset()


def test_abandoning_waits_but_completing_does_not() -> None:
    assert STRICT(ACTIVE, {"status": "abandoned"}) == {"status"}
    assert STRICT(ACTIVE, {"status": "completed"}) == frozenset()


def test_new_goal_waits_only_if_the_class_asks() -> None:
    proposed = {"status": "proposed", "target": 5}
    assert STRICT(proposed, {"status": "active"}) == {"status"}
    assert (
        approval_rule(ApprovalPolicy(approve_new_goals=False))(proposed, {"status": "active"})
        == frozenset()
    )


def test_drafts_are_edited_freely() -> None:
    assert STRICT({"status": "returned", "target": 5}, {"target": 1}) == frozenset()


def test_student_in_two_classes_gets_the_stricter_rules() -> None:
    combined = strictest(
        [
            ApprovalPolicy(approve_new_goals=False, deadline_shift_free_days=14),
            ApprovalPolicy(approve_abandon=False, deadline_shift_free_days=3),
        ]
    )
    assert combined == ApprovalPolicy(
        approve_new_goals=True,
        approve_target_decrease=True,
        approve_abandon=True,
        deadline_shift_free_days=3,
    )
