"""Objectives from CSV, as a teacher exports them from a spreadsheet or a programme document.

Accepted: one objective per row, either ``code,title`` or just ``title``; a first row naming
its columns ("code", "title"; any case, Kazakh and Russian names too) is a header. Commas,
semicolons and tabs separate columns (a spreadsheet in a Russian locale writes semicolons).
Blank rows are skipped. Pure: no database.
"""

from __future__ import annotations

import csv
import io
from typing import Final

import msgspec

from sync.kinds import MAX_OBJECTIVES

MAX_CSV_CHARS: Final = 64_000
CODE_MAX: Final = 20
TITLE_MAX: Final = 200
_CODE_NAMES: Final = frozenset({"code", "код", "id", "№", "no"})
_TITLE_NAMES: Final = frozenset({"title", "objective", "name", "цель", "название", "мақсат"})


class NewObjective(msgspec.Struct, frozen=True, kw_only=True):
    code: str = ""
    title: str


class CsvProblem(ValueError):
    """The CSV cannot be read as objectives; the message names the row and what to fix."""


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:2000], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def _is_header(row: list[str]) -> bool:
    names = {cell.strip().casefold() for cell in row}
    return bool(names & (_CODE_NAMES | _TITLE_NAMES))


def parse_objectives(text: str) -> list[NewObjective]:
    """The objectives in ``text``, in order; raises CsvProblem naming the first bad row."""
    if len(text) > MAX_CSV_CHARS:
        raise CsvProblem(f"the CSV is longer than {MAX_CSV_CHARS} characters; split it")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), _dialect(text)))
    start = 1 if rows and _is_header(rows[0]) else 0
    found: list[NewObjective] = []
    for number, row in enumerate(rows[start:], start=start + 1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if len(cells) > 2 and any(cells[2:]):
            raise CsvProblem(f"row {number} has more than two columns (code, title)")
        code, title = (cells[0], cells[1]) if len(cells) > 1 else ("", cells[0])
        if not title:
            raise CsvProblem(f"row {number} has no title")
        if len(code) > CODE_MAX:
            raise CsvProblem(f"row {number}: the code is longer than {CODE_MAX} characters")
        if len(title) > TITLE_MAX:
            raise CsvProblem(f"row {number}: the title is longer than {TITLE_MAX} characters")
        found.append(NewObjective(code=code, title=title))
        if len(found) > MAX_OBJECTIVES:
            raise CsvProblem(f"a class lists at most {MAX_OBJECTIVES} objectives")
    if not found:
        raise CsvProblem("the CSV holds no objectives: one per row, as code,title or title")
    return found
