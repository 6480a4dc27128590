"""Growth: a device's pull of a small delta while the database holds more and more rows.

The extra rows are synthetic records in spaces no bench user can see, written straight into the
server's database in bulk. Pull cost should follow the size of the delta, not of the table.
"""

from __future__ import annotations

import asyncio
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncpg
import msgspec

from infra.bench import servers
from infra.bench.metrics import Traffic, percentile
from infra.bench.waypoint_lane import attach_devices, enrol, set_up
from infra.bench.workload import Shape, plan, seeded, session

COLUMNS = (
    "kind",
    "record_id",
    "space",
    "fields",
    "clocks",
    "deleted",
    "version",
    "created_by",
    "origin_client",
    "updated_ms",
)
FIRST_SYNTHETIC_SPACE = 10_000_000
ROWS_PER_SPACE = 1000
DELTA = 5
CHUNK = 50_000
WARM_UP = 15


def synthetic_rows(start: int, count: int) -> Iterator[tuple[Any, ...]]:
    """``count`` progress records numbered from ``start``, 1,000 to a space."""
    rng = seeded(start)
    client = uuid.UUID(int=rng.getrandbits(128)).hex
    for n in range(start, start + count):
        clock = f"{1764000000000 + n:013d}-000000-{client}"
        fields = {
            "goal_id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            "amount": float(n % 5 + 1),
            "occurred_at": "2026-11-20T10:00:00Z",
            "note": "",
        }
        yield (
            "progress",
            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            FIRST_SYNTHETIC_SPACE + n // ROWS_PER_SPACE,
            msgspec.json.encode(fields).decode(),
            msgspec.json.encode(dict.fromkeys(fields, clock)).decode(),
            False,
            n % ROWS_PER_SPACE + 1,
            1,
            client,
            1764000000000 + n,
        )


def _sqlite_count(path: Path) -> int:
    with sqlite3.connect(path, timeout=60) as db:
        return int(db.execute("SELECT count(*) FROM sync_record").fetchone()[0])


def _sqlite_seed(path: Path, start: int, count: int) -> None:
    db = sqlite3.connect(path, timeout=60)
    try:
        marks = ", ".join("?" for _ in COLUMNS)
        sql = f"INSERT INTO sync_record ({', '.join(COLUMNS)}) VALUES ({marks})"  # noqa: S608
        rows = synthetic_rows(start, count)
        for offset in range(0, count, CHUNK):
            chunk = [next(rows) for _ in range(min(CHUNK, count - offset))]
            with db:
                db.executemany(sql, chunk)
        db.execute("ANALYZE")
    finally:
        db.close()


async def _postgres_count(url: str) -> int:
    conn = await asyncpg.connect(url)
    try:
        return int(await conn.fetchval("SELECT count(*) FROM sync_record"))
    finally:
        await conn.close()


async def _postgres_seed(url: str, start: int, count: int) -> None:
    conn = await asyncpg.connect(url)
    try:
        rows = synthetic_rows(start, count)
        for offset in range(0, count, CHUNK):
            chunk = [next(rows) for _ in range(min(CHUNK, count - offset))]
            await conn.copy_records_to_table("sync_record", records=chunk, columns=list(COLUMNS))
        await conn.execute("ANALYZE sync_record")
    finally:
        await conn.close()


async def _grow_to(server: servers.Running, rows: int, synthetic: int) -> int:
    """Add synthetic rows until the table holds ``rows``; returns how many synthetic rows exist."""
    if server.database_url:
        have = await _postgres_count(server.database_url)
    else:
        assert server.sqlite_path is not None
        have = await asyncio.to_thread(_sqlite_count, server.sqlite_path)
    missing = rows - have
    if missing <= 0:
        return synthetic
    if server.database_url:
        await _postgres_seed(server.database_url, synthetic, missing)
    else:
        assert server.sqlite_path is not None
        await asyncio.to_thread(_sqlite_seed, server.sqlite_path, synthetic, missing)
    return synthetic + missing


async def measure(server: servers.Running, sizes: tuple[int, ...], pulls: int) -> dict[str, Any]:
    """Median and p95 pull latency of a device receiving a delta of a few records, per table size.

    Before each measured pull, the student's other device pushes ``DELTA`` new edits.
    """
    student_plan = plan(Shape(students=1, devices_per_student=2, rounds=0, seed=99))
    (student,) = await enrol(server, student_plan)
    attach_devices(server.base_url, student, Traffic(), Traffic())
    writer, reader = student.devices
    rng = seeded(5)
    try:
        await set_up([student])
        results: dict[str, Any] = {}
        synthetic = 0
        for size in sizes:
            synthetic = await _grow_to(server, size, synthetic)
            reader.pull_traffic = Traffic()
            # The first pulls prepare statements on each pooled connection; they are not timed.
            for attempt in range(pulls + WARM_UP):
                await writer.push(session(rng, student.plan.goals, DELTA))
                if attempt == WARM_UP:
                    reader.pull_traffic = Traffic()  # the first pulls warm caches
                received = await reader.pull()
                if received == 0:
                    raise RuntimeError("the growth pull received nothing; the delta was lost")
            latencies = reader.pull_traffic.latencies_ms
            results[str(size)] = {
                "p50_ms": round(percentile(latencies, 50), 2),
                "p95_ms": round(percentile(latencies, 95), 2),
            }
        return results
    finally:
        for device in student.devices:
            await device.http.aclose()
