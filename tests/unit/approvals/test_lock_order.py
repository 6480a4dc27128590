"""Decisions are applied by space, then goal, whatever order the teacher sent them in."""

from __future__ import annotations

from backend.approvals.lock_order import ItemKey, Placement, lock_order
from backend.approvals.schemas import DecisionItem
from sync.approvals import ItemType


def _item(item_id: str, item_type: ItemType = "new_goal") -> DecisionItem:
    return DecisionItem(type=item_type, id=item_id, decision="approve", goal_version=1)


def test_opposite_orders_of_the_same_items_apply_in_the_same_order() -> None:
    items = [_item("a"), _item("b"), _item("c")]
    placed: dict[ItemKey, Placement] = {
        ("new_goal", "a"): Placement(7, "a"),
        ("new_goal", "b"): Placement(3, "b"),
        ("new_goal", "c"): Placement(5, "c"),
    }
    forward = [items[i].id for i in lock_order(items, placed)]
    backward = [items[::-1][i].id for i in lock_order(items[::-1], placed)]
    assert forward == backward == ["b", "c", "a"]


def test_within_a_space_items_go_by_goal_then_item() -> None:
    items = [_item("r2", "change_request"), _item("g2"), _item("r1", "change_request")]
    placed: dict[ItemKey, Placement] = {
        ("change_request", "r2"): Placement(4, "g1"),
        ("new_goal", "g2"): Placement(4, "g2"),
        ("change_request", "r1"): Placement(4, "g1"),
    }
    assert [items[i].id for i in lock_order(items, placed)] == ["r1", "r2", "g2"]


def test_unknown_items_come_first_since_they_lock_nothing() -> None:
    items = [_item("known"), _item("missing")]
    placed: dict[ItemKey, Placement] = {("new_goal", "known"): Placement(1, "known")}
    assert [items[i].id for i in lock_order(items, placed)] == ["missing", "known"]
