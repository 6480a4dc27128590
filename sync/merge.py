"""Merge rules for one incoming write against a stored record. Pure functions, no I/O.

- Plain fields: last writer wins per field, by HLC (string order; ties cannot happen between
  devices because the client id is part of the clock).
- An edit replaces *knowingly* the values its device had seen: those whose clock its ``base``
  names, and its own earlier writes (a device always sees those). It always wins over them:
  its clock is lifted just after theirs when the server had to clamp it, so a device whose
  clock runs fast neither loses its later edits to its earlier ones nor a deliberate edit to the
  value it replaced.
- A value that loses is reported as a LostValue, unless it was replaced knowingly, or its field
  is one the caller marks ``quiet``: values no person typed (a nudge's ``dismissed``, a timer's
  ``running``), whose replacement loses nothing worth a notice.
- Writes to a tombstone never resurrect it: every value of the edit is lost with reason
  ``deleted`` (blank values and ``quiet`` fields are not reported: nothing was entered there).
- Governed fields of a goal are split off by an approval rule the caller supplies
  (``sync.policy``), and become a change request instead of a write.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Final

from sync.hlc import after, client_of
from sync.policy import ApprovalRule
from sync.records import JSON
from sync.wire import LostValue


@dataclass(frozen=True, slots=True)
class FieldMerge:
    """The outcome of merging one edit into a record's fields."""

    fields: dict[str, JSON]
    clocks: dict[str, str]
    written: frozenset[str]
    clock: str
    """The clock the edit was written at: its own, or lifted past what it knowingly replaced."""
    lost: list[LostValue] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class GovernedSplit:
    """An edit split into what may be written now and what needs approval."""

    direct: dict[str, JSON]
    proposed: dict[str, JSON]
    current: dict[str, JSON]


def knowingly_replaced(
    clocks: Mapping[str, str],
    changes: Mapping[str, JSON],
    clock: str,
    base: Mapping[str, str],
) -> frozenset[str]:
    """The edited fields whose stored value the writing device had seen: ``base`` names its
    clock, or the device wrote it itself."""
    writer = client_of(clock)
    return frozenset(
        name
        for name in changes
        if (stored := clocks.get(name)) is not None
        and (base.get(name) == stored or client_of(stored) == writer)
    )


def merge_fields(
    fields: Mapping[str, JSON],
    clocks: Mapping[str, str],
    changes: Mapping[str, JSON],
    clock: str,
    base: Mapping[str, str] | None = None,
    quiet: Collection[str] = (),
) -> FieldMerge:
    """Merge ``changes`` written at ``clock`` into a live record's ``fields``/``clocks``.

    ``base`` holds, per field, the clock of the value the writing device had when it edited.
    Losses in ``quiet`` fields are not reported. Returns the new fields and clocks, the fields
    actually written, every value that lost, and the clock the edit was written at.
    """
    base = base or {}
    knowing = knowingly_replaced(clocks, changes, clock, base)
    # A device's clock is after everything it has seen unless the server clamped it; lifting
    # it back past those values keeps the device's intent without trusting its wall time.
    clock = after(clock, max((clocks[name] for name in knowing), default=None))
    writer = client_of(clock)
    new_fields = dict(fields)
    new_clocks = dict(clocks)
    written: set[str] = set()
    lost: list[LostValue] = []
    for name, value in changes.items():
        stored_clock = clocks.get(name)
        stored_value = fields.get(name)
        if stored_clock is None or clock > stored_clock:
            new_fields[name] = value
            new_clocks[name] = clock
            written.add(name)
            concurrent = stored_clock is not None and name not in knowing
            if concurrent and stored_value != value and name not in quiet:
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
        elif stored_value != value and name not in quiet:
            # An older clock cannot have seen the stored value (seeing it would have moved the
            # device's clock past it, and a clamped clock was lifted past it), so this is always
            # a concurrent loss.
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
    return FieldMerge(new_fields, new_clocks, frozenset(written), clock, lost)


def edit_of_deleted(
    changes: Mapping[str, JSON], clock: str, quiet: Collection[str] = ()
) -> list[LostValue]:
    """The values of an edit that reached a tombstone: all lost, nothing resurrected.

    Only what someone entered is reported: a blank value (a create's empty defaults) loses
    nothing, and neither does a ``quiet`` field.
    """
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
        if name not in quiet and value not in _BLANK
    ]


_BLANK: Final[tuple[JSON, ...]] = (None, "", [], {})


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
