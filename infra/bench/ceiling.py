"""The storage ceiling: the lane's rows written straight into the same engine, no HTTP, no merge.

Rows are copies of the records the lane produced (one per mutation it applied, with fresh ids),
inserted into a table shaped and indexed like `sync_record`, in batches the size of the lane's
pushes, one transaction per batch. The ratio Waypoint/ceiling says how much of what the storage
can do the sync path delivers.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any

import asyncpg

from infra.bench.growth import COLUMNS, FIRST_SYNTHETIC_SPACE
from infra.bench.workload import Shape, plan

TABLE = "bench_ceiling"
POSTGRES_WRITERS = 4

_SELECT = (
    f"SELECT {', '.join(COLUMNS)} FROM sync_record "  # noqa: S608
    f"WHERE space < {FIRST_SYNTHETIC_SPACE} ORDER BY id"
)
_INDEXES = (
    f"CREATE UNIQUE INDEX {TABLE}_kind_id ON {TABLE} (kind, record_id)",
    f"CREATE INDEX {TABLE}_space_version ON {TABLE} (space, version)",
)


def _batch_sizes(shape: Shape) -> list[int]:
    return [len(s) for p in plan(shape) for d in p.devices for s in d.sessions]


def _rows(source: list[tuple[Any, ...]], count: int) -> list[tuple[Any, ...]]:
    rows = []
    for n in range(count):
        row = list(source[n % len(source)])
        row[1] = f"{row[1]}-{n}"
        row[6] = n + 1
        rows.append(tuple(row))
    return rows


def _sqlite(path: Path, count: int, batches: list[int]) -> dict[str, Any]:
    db = sqlite3.connect(path, timeout=60, isolation_level=None)
    try:
        source = db.execute(_SELECT).fetchall()
        db.execute(f"DROP TABLE IF EXISTS {TABLE}")
        db.execute(f"CREATE TABLE {TABLE} AS SELECT * FROM sync_record WHERE 0")  # noqa: S608
        for statement in _INDEXES:
            db.execute(statement)
        rows = _rows(source, count)
        marks = ", ".join("?" for _ in COLUMNS)
        sql = f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({marks})"  # noqa: S608
        started = time.perf_counter()
        offset = 0
        for size in batches:
            if offset >= len(rows):
                break
            db.execute("BEGIN IMMEDIATE")
            db.executemany(sql, rows[offset : offset + size])
            db.execute("COMMIT")
            offset += size
        elapsed = time.perf_counter() - started
        db.execute(f"DROP TABLE {TABLE}")
    finally:
        db.close()
    return {"rows": offset, "seconds": round(elapsed, 2), "rows_per_s": round(offset / elapsed, 1)}


async def _postgres(url: str, count: int, batches: list[int]) -> dict[str, Any]:
    conn = await asyncpg.connect(url)
    try:
        source = [tuple(r) for r in await conn.fetch(_SELECT)]
        await conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
        await conn.execute(f"CREATE TABLE {TABLE} (LIKE sync_record INCLUDING DEFAULTS)")
        for statement in _INDEXES:
            await conn.execute(statement)
    finally:
        await conn.close()
    rows = _rows(source, count)
    chunks = []
    offset = 0
    for size in batches:
        if offset >= len(rows):
            break
        chunks.append(rows[offset : offset + size])
        offset += size
    marks = ", ".join(f"${n}" for n in range(1, len(COLUMNS) + 1))
    sql = f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({marks})"  # noqa: S608
    queue: asyncio.Queue[list[tuple[Any, ...]]] = asyncio.Queue()
    for chunk in chunks:
        queue.put_nowait(chunk)

    async def writer() -> None:
        conn = await asyncpg.connect(url)
        try:
            while not queue.empty():
                chunk = queue.get_nowait()
                async with conn.transaction():
                    await conn.executemany(sql, chunk)
        finally:
            await conn.close()

    started = time.perf_counter()
    await asyncio.gather(*(writer() for _ in range(POSTGRES_WRITERS)))
    elapsed = time.perf_counter() - started
    conn = await asyncpg.connect(url)
    try:
        await conn.execute(f"DROP TABLE {TABLE}")
    finally:
        await conn.close()
    return {"rows": offset, "seconds": round(elapsed, 2), "rows_per_s": round(offset / elapsed, 1)}


async def measure(
    sqlite_path: Path | None, database_url: str | None, count: int, shape: Shape
) -> dict[str, Any]:
    """Insert ``count`` rows in the lane's push-sized batches; rows per second."""
    batches = _batch_sizes(shape)
    if database_url:
        return await _postgres(database_url, count, batches)
    assert sqlite_path is not None
    return await asyncio.to_thread(_sqlite, sqlite_path, count, batches)
