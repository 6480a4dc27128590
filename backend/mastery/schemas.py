"""Wire shapes of learning objectives and mastery marks."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec
from msgspec import Meta

from sync.kinds import Evidence, ObjectiveCode, ObjectiveTitle


class ObjectiveCreate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    title: ObjectiveTitle
    code: ObjectiveCode = ""


class ObjectivesImport(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A CSV file's text: one objective per row, ``code,title`` or ``title``, an optional
    header row; commas, semicolons or tabs between columns."""

    csv: Annotated[str, Meta(min_length=1, max_length=64_000)]


class Objective(msgspec.Struct, kw_only=True):
    id: int
    code: str
    title: str
    position: int


class ObjectivesImported(msgspec.Struct, kw_only=True):
    added: list[Objective]
    already_listed: int
    """Rows naming an objective the class already lists (same code and title): not added twice."""


class MasteryMark(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    mastered: bool
    evidence: Evidence = ""


class Mastery(msgspec.Struct, kw_only=True):
    student_id: int
    objective_id: int
    class_id: int
    mastered: bool
    evidence: str
    marked_by_name: str
    marked_at: dt.datetime
