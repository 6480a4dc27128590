"""Reading the server's database directly, for facts the API does not expose (the audit log)."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import asyncpg

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

    return asyncio.run(run())
