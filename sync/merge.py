"""Merge rules for one incoming write against a stored record. Pure functions, no I/O.

- Plain fields: last writer wins per field, by HLC (string order; ties cannot happen between
  devices because the client id is part of the clock).
- A value that loses is reported as a LostValue, unless the winner was written *knowingly*: the
  device had seen the value it replaced (its ``base`` clock for the field equals the stored
  clock), or both writes came from the same device, which always sees its own earlier writes.
- Writes to a tombstone never resurrect it: every value of the edit is lost with reason
  ``deleted``.
- Governed fields of a goal are split off by an approval rule the caller supplies
  (``sync.policy``), and become a change request instead of a write.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sync.hlc import client_of
from sync.policy import ApprovalRule
from sync.records import JSON
from sync.wire import LostValue


@dataclass(frozen=True, slots=True)
class FieldMerge:
    """The outcome of merging one edit into a record's fields."""

    fields: dict[str, JSON]
    clocks: dict[str, str]
    written: frozenset[str]
    lost: list[LostValue] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GovernedSplit:
    """An edit split into what may be written now and what needs approval."""

    direct: dict[str, JSON]
    proposed: dict[str, JSON]
    current: dict[str, JSON]


def merge_fields(
    fields: Mapping[str, JSON],
    clocks: Mapping[str, str],
    changes: Mapping[str, JSON],
    clock: str,
    base: Mapping[str, str] | None = None,
) -> FieldMerge:
    """Merge ``changes`` written at ``clock`` into a live record's ``fields``/``clocks``.

    ``base`` holds, per field, the clock of the value the writing device had when it edited.
    Returns the new fields and clocks, the fields actually written and every value that lost.
    """
    base = base or {}
    writer = client_of(clock)
    new_fields = dict(fields)
    new_clocks = dict(clocks)
    written: set[str] = set()
    lost: list[LostValue] = []
    for name, value in changes.items():
        stored_clock = clocks.get(name)
        stored_value = fields.get(name)
        # ">=": equal clocks only occur for the same device (e.g. two clamped clocks in one
        # push); its mutations apply in order, so the later one wins.
        if stored_clock is None or clock >= stored_clock:
            new_fields[name] = value
            new_clocks[name] = clock
            written.add(name)
            concurrent = (
                stored_clock is not None
                and client_of(stored_clock) != writer
                and base.get(name) != stored_clock
            )
            if concurrent and stored_value != value:
                lost.append(
                    LostValue(
                        field=name,
                        lost_value=stored_value,
                        lost_hlc=stored_clock,
                        winning_value=value,
                        winning_hlc=clock,
                        winning_client=writer,
                    )
                )
        elif stored_value != value:
            # An older clock cannot have seen the stored value (seeing it would have moved the
            # device's clock past it), so this is always a concurrent loss.
            lost.append(
                LostValue(
                    field=name,
                    lost_value=value,
                    lost_hlc=clock,
                    winning_value=stored_value,
                    winning_hlc=stored_clock,
                    winning_client=client_of(stored_clock),
                )
            )
    return FieldMerge(new_fields, new_clocks, frozenset(written), lost)


def edit_of_deleted(changes: Mapping[str, JSON], clock: str) -> list[LostValue]:
    """Every value of an edit that reached a tombstone: all lost, nothing resurrected."""
    return [
        LostValue(
            field=name,
            lost_value=value,
            lost_hlc=clock,
            winning_value=None,
            winning_hlc=None,
            winning_client=None,
            reason="deleted",
        )
        for name, value in changes.items()
    ]


def split_governed(
    goal: Mapping[str, JSON], changes: Mapping[str, JSON], rule: ApprovalRule
) -> GovernedSplit:
    """Split an edit of a goal into direct writes and a proposal for approval.

    A proposed value equal to the current one is dropped: there is nothing to approve.
    """
    needs = rule(goal, changes)
    direct = {k: v for k, v in changes.items() if k not in needs}
    proposed = {k: v for k, v in changes.items() if k in needs and goal.get(k) != v}
    current = {k: goal.get(k) for k in proposed}
    return GovernedSplit(direct, proposed, current)
