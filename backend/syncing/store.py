"""The sync engine's storage port on SQLite and PostgreSQL, in plain SQL both engines accept.

Every method runs inside the caller's transaction (see `backend.db.write_transaction`). On
PostgreSQL every writer locks a record's space row before the record (a push locks its spaces
up front, `get_record` locks the space of what it reads), so two devices pushing at once
serialise on the space they both write instead of losing an update; SQLite's IMMEDIATE
transaction already admits one writer at a time. A push's rows go out in multi-row statements.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import msgspec
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine

from backend.clock import utcnow
from backend.db import run_sql
from sync.port import ClientState
from sync.records import Record
from sync.wire import MutationResult

_encode = msgspec.json.Encoder().encode
_decode_object = msgspec.json.Decoder(dict[str, Any]).decode
_decode_clocks = msgspec.json.Decoder(dict[str, str]).decode
_decode_result = msgspec.json.Decoder(MutationResult).decode

T = TypeVar("T")

# Bound parameters per statement stay far below SQLite's and asyncpg's limits (32766, 32767).
_RECORDS_PER_STATEMENT = 200
_OUTCOMES_PER_STATEMENT = 500
_IDS_PER_STATEMENT = 500

RECORD_COLUMNS = (
    "kind, record_id, space, fields, clocks, deleted, version, created_by, origin_client, "
    "updated_ms"
)


def row_record(row: Mapping[str, Any]) -> Record:
    """A `sync_record` row (with `RECORD_COLUMNS`) as the engine's `Record`."""
    return Record(
        kind=row["kind"],
        id=row["record_id"],
        space=int(row["space"]),
        fields=_decode_object(row["fields"]),
        clocks=_decode_clocks(row["clocks"]),
        deleted=bool(row["deleted"]),
        version=int(row["version"]),
        created_by=int(row["created_by"]),
        origin_client=row["origin_client"],
        updated_ms=int(row["updated_ms"]),
    )


def _record_values(record: Record) -> tuple[Any, ...]:
    """A record's column values, in the order of `RECORD_COLUMNS`."""
    return (
        record.kind,
        record.id,
        record.space,
        _encode(record.fields).decode(),
        _encode(record.clocks).decode(),
        record.deleted,
        record.version,
        record.created_by,
        record.origin_client,
        record.updated_ms,
    )


def _record_marks(rows: int) -> str:
    one = "(" + ", ".join("{}" for _ in RECORD_COLUMNS.split(",")) + ")"
    return ", ".join(one for _ in range(rows))


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class SqlSyncStore:
    """`sync.port.SyncStore` over a Piccolo engine."""

    def __init__(self, engine: Engine[Any]) -> None:
        self._engine = engine
        self._lock = " FOR UPDATE" if isinstance(engine, PostgresEngine) else ""

    async def bind_client(self, client_id: str, user_id: int) -> ClientState:
        select = 'SELECT "user", last_mutation_id FROM device WHERE client_id = {}' + self._lock
        rows = await run_sql(self._engine, select, client_id)
        if not rows:
            # Only a device's first request writes here, so a known device's pull stays a read.
            now = utcnow()
            await run_sql(
                self._engine,
                'INSERT INTO device (client_id, "user", label, last_mutation_id, created_at, '
                "last_seen_at) VALUES ({}, {}, '', 0, {}, {}) ON CONFLICT (client_id) DO NOTHING",
                client_id,
                user_id,
                now,
                now,
            )
            rows = await run_sql(self._engine, select, client_id)
        row = rows[0]
        return ClientState(
            client_id=client_id,
            user_id=int(row["user"]),
            last_mutation_id=int(row["last_mutation_id"]),
        )

    async def load_outcomes(
        self, client_id: str, first: int, last: int
    ) -> dict[int, MutationResult]:
        rows = await run_sql(
            self._engine,
            "SELECT mutation_id, result FROM sync_outcome "
            "WHERE client_id = {} AND mutation_id >= {} AND mutation_id <= {}",
            client_id,
            first,
            last,
        )
        return {int(row["mutation_id"]): _decode_result(row["result"]) for row in rows}

    async def save_outcomes(self, client_id: str, results: Sequence[MutationResult]) -> None:
        if not results:
            return
        now_ms = int(utcnow().timestamp() * 1000)
        for chunk in _chunks(results, _OUTCOMES_PER_STATEMENT):
            marks = ", ".join("({}, {}, {}, {})" for _ in chunk)
            await run_sql(
                self._engine,
                "INSERT INTO sync_outcome (client_id, mutation_id, result, created_ms) "
                f"VALUES {marks}",
                *(
                    value
                    for result in chunk
                    for value in (client_id, result.mutation_id, _encode(result).decode(), now_ms)
                ),
            )
        await run_sql(
            self._engine,
            "UPDATE device SET last_mutation_id = {}, last_seen_at = {} WHERE client_id = {}",
            results[-1].mutation_id,
            utcnow(),
            client_id,
        )

    async def lock_spaces(self, spaces: Collection[int]) -> None:
        if not spaces:
            return
        ordered = sorted(spaces)
        # The no-op update takes each row's lock (in this order: the same for every writer).
        await run_sql(
            self._engine,
            "INSERT INTO sync_space (space, version, floor) VALUES "
            + ", ".join("({}, 0, 0)" for _ in ordered)
            + " ON CONFLICT (space) DO UPDATE SET version = sync_space.version",
            *ordered,
        )

    async def get_record(self, kind: str, record_id: str) -> Record | None:
        query = f"SELECT {RECORD_COLUMNS} FROM sync_record WHERE kind = {{}} AND record_id = {{}}"
        if self._lock:
            # One lock order for every writer: the space row, then the record. Locking the record
            # first and the space later (in `next_version`) deadlocks two batches that touch two
            # records of one space in opposite orders.
            found = await run_sql(
                self._engine,
                "SELECT space FROM sync_record WHERE kind = {} AND record_id = {}",
                kind,
                record_id,
            )
            if not found:
                return None
            await run_sql(
                self._engine,
                "SELECT version FROM sync_space WHERE space = {}" + self._lock,
                int(found[0]["space"]),
            )
        rows = await run_sql(self._engine, query + self._lock, kind, record_id)
        return row_record(rows[0]) if rows else None

    async def read_records(self, keys: Collection[tuple[str, str]]) -> list[Record]:
        wanted = set(keys)
        kinds = sorted({kind for kind, _ in wanted})
        ids = sorted({record_id for _, record_id in wanted})
        found: list[Record] = []
        for chunk in _chunks(ids, _IDS_PER_STATEMENT):
            # Both lists together are served by the (kind, record_id) unique index; the few
            # combinations nobody asked for are dropped below.
            rows = await run_sql(
                self._engine,
                f"SELECT {RECORD_COLUMNS} FROM sync_record "
                f"WHERE kind IN ({', '.join('{}' for _ in kinds)}) "
                f"AND record_id IN ({', '.join('{}' for _ in chunk)})",
                *kinds,
                *chunk,
            )
            found.extend(r for r in map(row_record, rows) if (r.kind, r.id) in wanted)
        return found

    async def put_record(self, record: Record) -> None:
        await self.put_records([record])

    async def put_records(self, records: Sequence[Record]) -> None:
        for chunk in _chunks(records, _RECORDS_PER_STATEMENT):
            await run_sql(
                self._engine,
                f"INSERT INTO sync_record ({RECORD_COLUMNS}) VALUES {_record_marks(len(chunk))} "
                "ON CONFLICT (kind, record_id) DO UPDATE SET space = excluded.space, "
                "fields = excluded.fields, clocks = excluded.clocks, deleted = excluded.deleted, "
                "version = excluded.version, origin_client = excluded.origin_client, "
                "updated_ms = excluded.updated_ms",
                *(value for record in chunk for value in _record_values(record)),
            )

    async def insert_records(self, records: Sequence[Record]) -> int:
        inserted = 0
        for chunk in _chunks(records, _RECORDS_PER_STATEMENT):
            # DO NOTHING instead of an error: an error would abort the whole PostgreSQL
            # transaction, and the caller decides what a taken id means.
            rows = await run_sql(
                self._engine,
                f"INSERT INTO sync_record ({RECORD_COLUMNS}) VALUES {_record_marks(len(chunk))} "
                "ON CONFLICT (kind, record_id) DO NOTHING RETURNING version",
                *(value for record in chunk for value in _record_values(record)),
            )
            inserted += len(rows)
        return inserted

    async def next_version(self, space: int) -> int:
        return await self.reserve_versions(space, 1)

    async def reserve_versions(self, space: int, count: int) -> int:
        # The upsert takes the space row's lock until commit: versions become visible in order.
        rows = await run_sql(
            self._engine,
            "INSERT INTO sync_space (space, version, floor) VALUES ({}, {}, 0) "
            "ON CONFLICT (space) DO UPDATE SET version = sync_space.version + {} "
            "RETURNING version",
            space,
            count,
            count,
        )
        return int(rows[0]["version"]) - count + 1

    async def list_changes(self, since: Mapping[int, int], limit: int) -> list[Record]:
        if not since:
            return []
        pairs = sorted(since.items())
        values = ", ".join("(CAST({} AS INTEGER), CAST({} AS BIGINT))" for _ in pairs)
        args: list[Any] = [value for pair in pairs for value in pair]
        rows = await run_sql(
            self._engine,
            f"WITH cursor_position(space, since) AS (VALUES {values}) "
            f"SELECT {', '.join('r.' + c.strip() for c in RECORD_COLUMNS.split(','))} "
            "FROM sync_record r JOIN cursor_position c "
            "ON r.space = c.space AND r.version > c.since "
            "ORDER BY r.space, r.version LIMIT {}",
            *args,
            limit,
        )
        return [row_record(row) for row in rows]

    async def live_records(self, kind: str, spaces: Collection[int]) -> list[Record]:
        """Every live (not deleted) record of `kind` in `spaces`: for server-side views."""
        if not spaces:
            return []
        ordered = sorted(spaces)
        marks = ", ".join("{}" for _ in ordered)
        rows = await run_sql(
            self._engine,
            f"SELECT {RECORD_COLUMNS} FROM sync_record WHERE kind = {{}} AND deleted = {{}} "
            f"AND space IN ({marks}) ORDER BY space, version",
            kind,
            False,
            *ordered,
        )
        return [row_record(row) for row in rows]

    async def live_page(self, kind: str, space: int, after: int, limit: int) -> list[Record]:
        """Up to ``limit`` live records of ``kind`` in ``space`` after version ``after``, in
        version order: reads a whole space a page at a time (an export)."""
        rows = await run_sql(
            self._engine,
            f"SELECT {RECORD_COLUMNS} FROM sync_record WHERE kind = {{}} AND space = {{}} "
            "AND deleted = {} AND version > {} ORDER BY version LIMIT {}",
            kind,
            space,
            False,
            after,
            limit,
        )
        return [row_record(row) for row in rows]

    async def compaction_floors(self, spaces: Collection[int]) -> dict[int, int]:
        if not spaces:
            return {}
        ordered = sorted(spaces)
        marks = ", ".join("{}" for _ in ordered)
        rows = await run_sql(
            self._engine,
            f"SELECT space, floor FROM sync_space WHERE space IN ({marks})",
            *ordered,
        )
        return {int(r["space"]): int(r["floor"]) for r in rows}

    async def purge_tombstones(self, space: int, deleted_before_ms: int) -> int:
        # The space row before its records, as in `get_record`: one lock order for all writers.
        await run_sql(
            self._engine, "SELECT version FROM sync_space WHERE space = {}" + self._lock, space
        )
        rows = await run_sql(
            self._engine,
            "DELETE FROM sync_record WHERE space = {} AND deleted = {} AND updated_ms < {} "
            "RETURNING version",
            space,
            True,
            deleted_before_ms,
        )
        if rows:
            highest = max(int(r["version"]) for r in rows)
            await run_sql(
                self._engine,
                "UPDATE sync_space SET floor = {} WHERE space = {} AND floor < {}",
                highest,
                space,
                highest,
            )
        return len(rows)
