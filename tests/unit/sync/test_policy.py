"""The approval policy as the sync engine applies it."""

from __future__ import annotations

from sync.policy import ApprovalPolicy, approval_rule, settle_goal_edit

ACTIVE = {"status": "active", "target": 10, "deadline": "2027-01-10", "class_id": 3}
STRICT = approval_rule({3: ApprovalPolicy()})


def test_raising_the_target_never_waits() -> None:
    assert STRICT(ACTIVE, {"target": 12}) == frozenset()


def test_lowering_the_target_waits_when_the_class_says_so() -> None:
    assert STRICT(ACTIVE, {"target": 8}) == {"target"}
    relaxed = approval_rule({3: ApprovalPolicy(approve_target_decrease=False)})
    assert relaxed(ACTIVE, {"target": 8}) == frozenset()


def test_short_deadline_shift_auto_approves_and_long_one_waits() -> None:
    assert STRICT(ACTIVE, {"deadline": "2027-01-17"}) == frozenset()
    assert STRICT(ACTIVE, {"deadline": "2027-01-18"}) == {"deadline"}
    assert STRICT(ACTIVE, {"deadline": "2026-12-01"}) == frozenset()


def test_abandoning_waits_but_completing_does_not() -> None:
    assert STRICT(ACTIVE, {"status": "abandoned"}) == {"status"}
    assert STRICT(ACTIVE, {"status": "completed"}) == frozenset()


def test_new_goal_waits_only_if_the_class_asks() -> None:
    proposed = {"status": "proposed", "target": 5, "class_id": 3}
    assert STRICT(proposed, {"status": "active"}) == {"status"}
    relaxed = approval_rule({3: ApprovalPolicy(approve_new_goals=False)})
    assert relaxed(proposed, {"status": "active"}) == frozenset()


def test_drafts_are_edited_freely() -> None:
    assert STRICT({"status": "returned", "target": 5, "class_id": 3}, {"target": 1}) == frozenset()


def test_each_goal_answers_to_its_own_class_and_a_personal_goal_to_nobody() -> None:
    rule = approval_rule({3: ApprovalPolicy(), 5: ApprovalPolicy(approve_abandon=False)})
    assert rule(ACTIVE, {"status": "abandoned"}) == {"status"}
    assert rule({**ACTIVE, "class_id": 5}, {"status": "abandoned"}) == frozenset()
    assert rule({**ACTIVE, "class_id": None}, {"status": "abandoned"}) == frozenset()


def test_an_approved_goal_keeps_its_class_and_a_draft_that_becomes_personal_is_active() -> None:
    assert settle_goal_edit(ACTIVE, {"class_id": 5}, STRICT) is None
    assert settle_goal_edit(ACTIVE, {"class_id": 3, "title": "x"}, STRICT) == {
        "class_id": 3,
        "title": "x",
    }
    draft = {**ACTIVE, "status": "proposed"}
    assert settle_goal_edit(draft, {"class_id": None}, STRICT) == {
        "class_id": None,
        "status": "active",
    }
    returned = {**ACTIVE, "status": "returned", "class_id": None}
    assert settle_goal_edit(returned, {"status": "proposed"}, STRICT) == {"status": "active"}
    assert settle_goal_edit({**returned, "class_id": 3}, {"status": "proposed"}, STRICT) == {
        "status": "proposed"
    }
