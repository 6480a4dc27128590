"""What a digest is built from, one per child: their typed records and where they live."""

from __future__ import annotations

import msgspec

from backend.learner.records import LearnerRecords


class ChildInput(msgspec.Struct, frozen=True, kw_only=True):
    """Everything one child's section is built from; records of every age may be included.

    ``records`` are the child's own, unfiltered: goal status and totals come from the learner
    state, which counts private entries; the section shows no private detail (``privacy``).
    """

    student_id: int
    name: str
    time_zone: str
    records: LearnerRecords = LearnerRecords()
