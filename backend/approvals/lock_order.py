"""The order in which a batch of decisions is applied: one order for every batch.

Deciding an item locks its student's space row, then its records (see `SqlSyncStore`). Two
teachers who bulk-decide items of the same students in opposite orders would each hold a space
the other waits for, and PostgreSQL would abort one of them as a deadlock. Applying every batch
by (space, goal id, item id) makes all of them take the locks in one global order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import msgspec

from backend.approvals.schemas import DecisionItem
from backend.syncing.tables import SyncRecord
from sync.approvals import ItemType
from sync.records import CHANGE_REQUEST, GOAL

ItemKey = tuple[ItemType, str]


class _Placed(msgspec.Struct):
    """The one field of a change request that placing it needs (``sync.kinds``)."""

    goal_id: str = ""


_decode_placed = msgspec.json.Decoder(_Placed).decode
_KIND: Mapping[ItemType, str] = {"new_goal": GOAL, "change_request": CHANGE_REQUEST}


class Placement(msgspec.Struct, frozen=True):
    """Where an item's locks fall: its student's space and the goal it decides on."""

    space: int
    goal_id: str


def lock_order(items: Sequence[DecisionItem], placed: Mapping[ItemKey, Placement]) -> list[int]:
    """Indexes of `items` in the order to apply them.

    Items with no placement (unknown ids) come first: deciding them takes no lock.
    """

    def key(index: int) -> tuple[int, str, str]:
        item = items[index]
        where = placed.get((item.type, item.id))
        if where is None:
            return (-1, "", item.id)
        return (where.space, where.goal_id, item.id)

    return sorted(range(len(items)), key=key)


async def placements(items: Sequence[DecisionItem]) -> dict[ItemKey, Placement]:
    """The space and goal of each item that exists, read without locking anything."""
    placed: dict[ItemKey, Placement] = {}
    for item_type, kind in _KIND.items():
        ids = sorted({item.id for item in items if item.type == item_type})
        if not ids:
            continue
        rows = await SyncRecord.select(
            SyncRecord.record_id, SyncRecord.space, SyncRecord.fields
        ).where((SyncRecord.kind == kind) & SyncRecord.record_id.is_in(ids))
        for row in rows:
            goal_id = row["record_id"]
            if kind == CHANGE_REQUEST:
                try:
                    goal_id = _decode_placed(row["fields"]).goal_id
                except msgspec.ValidationError:
                    goal_id = ""
            placed[(item_type, row["record_id"])] = Placement(int(row["space"]), goal_id)
    return placed
