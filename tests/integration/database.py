"""The server's database directly: facts the API does not expose (the audit log), and bulk
seeding for volume tests."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import asyncpg

from tests.integration.blocking import run_blocking
from tests.integration.servers import Server


def query(server: Server, sql: str, *args: Any) -> list[dict[str, Any]]:
    """Rows of `sql` (with $1-style parameters) on the server's own database."""
    if server.database_url is None:
        with sqlite3.connect(server.data_dir / "waypoint.sqlite3") as conn:
            conn.row_factory = sqlite3.Row
            sqlite_sql = sql
            for i in range(len(args), 0, -1):
                sqlite_sql = sqlite_sql.replace(f"${i}", "?")
            return [dict(row) for row in conn.execute(sqlite_sql, args)]

    async def run() -> list[dict[str, Any]]:
        conn = await asyncpg.connect(server.database_url)
        try:
            return [dict(row) for row in await conn.fetch(sql, *args)]
        finally:
            await conn.close()

    return run_blocking(run())


def insert_rows(
    server: Server, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Bulk-insert `rows` into `table` on the server's own database, in one transaction.

    For seeding volume: COPY on PostgreSQL, one prepared INSERT over all rows on SQLite.
    """
    if server.database_url is None:
        marks = ", ".join("?" for _ in columns)
        with sqlite3.connect(server.data_dir / "waypoint.sqlite3", timeout=30) as conn:
            conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",  # noqa: S608
                rows,
            )
        return

    async def run() -> None:
        conn = await asyncpg.connect(server.database_url)
        try:
            await conn.copy_records_to_table(table, columns=list(columns), records=rows)
        finally:
            await conn.close()

    run_blocking(run())
