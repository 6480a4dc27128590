"""What the database itself says it holds: its tables and columns from the engine's catalogue,
every row in a form two snapshots compare in, and rows inserted with every column filled."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tests.integration.database import query
from tests.integration.servers import Server

# Piccolo's record of the migrations that ran, and SQLite's own bookkeeping (AUTOINCREMENT).
_NOT_OURS = frozenset({"migration", "sqlite_sequence"})


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    """The declared type in lower case: ``varchar``, ``integer``, ``timestamptz``, ``jsonb``..."""
    length: int | None = None
    """The most characters a ``varchar`` holds."""


def tables(server: Server) -> list[str]:
    """Every table of the application, by name."""
    if server.database_url is None:
        rows = query(server, "SELECT name FROM sqlite_master WHERE type = 'table'")
    else:
        rows = query(
            server,
            "SELECT table_name AS name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
        )
    return sorted(r["name"] for r in rows if r["name"] not in _NOT_OURS)


def columns(server: Server, table: str) -> list[Column]:
    """The columns of `table`, in their order."""
    if server.database_url is None:
        found = []
        for row in query(server, f'PRAGMA table_info("{table}")'):
            declared = row["type"].lower()
            length = re.search(r"\((\d+)\)", declared)
            found.append(
                Column(
                    name=row["name"],
                    type=declared.split("(")[0].strip(),
                    length=int(length.group(1)) if length else None,
                )
            )
        return found
    rows = query(
        server,
        "SELECT column_name, udt_name, character_maximum_length FROM information_schema.columns "
        "WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
        table,
    )
    return [
        Column(
            name=r["column_name"],
            type=r["udt_name"],
            length=r["character_maximum_length"],
        )
        for r in rows
    ]


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def rows(server: Server, table: str, names: Sequence[str]) -> list[str]:
    """Every row of `table` in the columns `names`, each as sorted-key JSON, sorted: two
    snapshots of the same data are equal lists, and a lost row or value is a missing line."""
    selected = ", ".join(f'"{name}"' for name in names)
    found = query(server, f'SELECT {selected} FROM "{table}"')  # noqa: S608
    return sorted(
        json.dumps({k: _canonical(v) for k, v in row.items()}, sort_keys=True) for row in found
    )


Snapshot = dict[str, tuple[list[str], list[str]]]
"""Every table's column names and its rows (as `rows` gives them), by table."""


def snapshot(server: Server) -> Snapshot:
    """Every row of every table, in every column."""
    taken = {}
    for table in tables(server):
        names = [c.name for c in columns(server, table)]
        taken[table] = (names, rows(server, table, names))
    return taken


def lost_since(server: Server, before: Snapshot) -> dict[str, list[str]]:
    """What of `before` the database no longer holds, by table: a table or column gone, or a
    row gone or changed in a column it had. New tables, columns and rows are not a loss."""
    now_tables = set(tables(server))
    lost: dict[str, list[str]] = {}
    for table, (names, old_rows) in before.items():
        if table not in now_tables:
            lost[table] = ["the table"]
            continue
        if gone := set(names) - {c.name for c in columns(server, table)}:
            lost[table] = [f"columns {sorted(gone)}"]
            continue
        if missing := Counter(old_rows) - Counter(rows(server, table, names)):
            lost[table] = sorted(missing)
    return lost


def _filler(column: Column, at: dt.datetime) -> object:
    """A value of the column's type, for a column a seeded row does not name."""
    kind = column.type
    if "char" in kind:
        return column.name[: column.length or 64]
    if "timestamp" in kind:
        return at
    if "json" in kind:
        return json.dumps({column.name: True})
    if kind == "text":
        return column.name
    if "bool" in kind:
        return True
    if "int" in kind:
        return 7
    if kind in {"double precision", "float8", "real", "float4", "numeric"}:
        return 1.5
    raise AssertionError(f"no value for {column.name} of type {kind}: give one in the seed")


class Seed:
    """Inserts rows with raw SQL, every column filled: the values given, and for each other
    column of the catalogue a value of its type (`at` for times), so that a column added to
    the schema holds data too. Remembers which tables got rows."""

    def __init__(self, server: Server, *, at: dt.datetime) -> None:
        self.server = server
        self.at = at
        self.filled: set[str] = set()
        self._columns: dict[str, list[Column]] = {}

    def row(self, table: str, **values: Any) -> int:
        """Insert one row into `table`; its id (0 for a table without one)."""
        if table not in self._columns:
            self._columns[table] = columns(self.server, table)
        names = [c.name for c in self._columns[table]]
        unknown = set(values) - set(names)
        assert not unknown, f"{table} has no column {sorted(unknown)}"
        chosen = {
            c.name: values[c.name] if c.name in values else _filler(c, self.at)
            for c in self._columns[table]
            if c.name != "id"
        }
        quoted = ", ".join(f'"{name}"' for name in chosen)
        marks = ", ".join(f"${i}" for i in range(1, len(chosen) + 1))
        returning = " RETURNING id" if "id" in names else ""
        inserted = query(
            self.server,
            f'INSERT INTO "{table}" ({quoted}) VALUES ({marks}){returning}',  # noqa: S608
            *(self._bound(v) for v in chosen.values()),
        )
        self.filled.add(table)
        return int(inserted[0]["id"]) if returning else 0

    def _bound(self, value: object) -> object:
        # As Piccolo stores times on SQLite: text, in UTC.
        if isinstance(value, dt.datetime) and self.server.database_url is None:
            return str(value.astimezone(dt.UTC))
        return value
