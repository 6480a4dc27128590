"""Reading what the learner state needs from the database: a bounded window, not all history.

Goals, planned rest, preferences and change requests are few and are read whole. Progress,
time entries and nudges pile up over the years, so only those written in the last
``WINDOW_DAYS`` are read as records; older progress and goal-linked study time arrive as one
total per goal, summed by the database. A write's instant (``occurred_at``, ``started_at``) lies
at most two days after the write itself (``sync.bounds``), so every event of the last six weeks
is inside the window: the 14-day velocity, the 7-day persistently-behind check, this week and
the digest's periods all read whole records, and a job's cost grows with students and recent
changes, not with years of history.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from typing import Any, Final

import msgspec
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine

from backend.clock import utcnow
from backend.learner.records import Earlier, LearnerRecords, decode
from backend.notifications.sql import run
from sync.records import (
    CHANGE_REQUEST,
    GOAL,
    NUDGE,
    PREFERENCES,
    PROGRESS,
    REST,
    TIME_ENTRY,
    Record,
)

WINDOW_DAYS: Final = 45
WHOLE_KINDS: Final = (GOAL, REST, PREFERENCES, CHANGE_REQUEST)
WINDOWED_KINDS: Final = (PROGRESS, TIME_ENTRY, NUDGE)
_COLUMNS: Final = (
    "kind, record_id, space, fields, clocks, deleted, version, created_by, origin_client, "
    "updated_ms"
)
_decode_object = msgspec.json.Decoder(dict[str, Any]).decode
_decode_clocks = msgspec.json.Decoder(dict[str, str]).decode


class _Dialect(msgspec.Struct, frozen=True):
    """How each engine reads a value out of a record's JSON text, only when it is well-typed."""

    text: str
    number: str
    is_true: str


_SQLITE: Final = _Dialect(
    text="json_extract(fields, '$.{0}')",
    number=(
        "CASE WHEN json_type(fields, '$.{0}') IN ('integer', 'real') "
        "THEN json_extract(fields, '$.{0}') END"
    ),
    is_true="json_type(fields, '$.{0}') = 'true'",
)
_POSTGRES: Final = _Dialect(
    text="(fields::jsonb ->> '{0}')",
    number=(
        "CASE WHEN jsonb_typeof(fields::jsonb -> '{0}') = 'number' "
        "THEN (fields::jsonb ->> '{0}')::float8 END"
    ),
    is_true="(fields::jsonb -> '{0}') = 'true'::jsonb",
)


def _row_record(row: dict[str, Any]) -> Record:
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


def _marks(values: Collection[object]) -> str:
    return ", ".join("{}" for _ in values)


async def _records(
    engine: Engine[Any], spaces: list[int], kinds: tuple[str, ...], since_ms: int | None
) -> list[Record]:
    window = "" if since_ms is None else " AND updated_ms >= {}"
    rows = await run(
        engine,
        f"SELECT {_COLUMNS} FROM sync_record WHERE kind IN ({_marks(kinds)}) "
        f"AND deleted = {{}} AND space IN ({_marks(spaces)}){window} ORDER BY space, version",
        *kinds,
        False,
        *spaces,
        *(() if since_ms is None else (since_ms,)),
    )
    return [_row_record(row) for row in rows]


async def _earlier(
    engine: Engine[Any], spaces: list[int], before_ms: int
) -> dict[int, dict[str, Earlier]]:
    """Per space and goal: progress and goal-linked study minutes written before the window.

    Only values a record could decode with count: a number, an instant in the supported years.
    """
    d = _POSTGRES if isinstance(engine, PostgresEngine) else _SQLITE
    goal_id = d.text.format("goal_id")
    in_years = f"substr({d.text.format('{0}')}, 1, 2) = '20'"
    progress = await run(
        engine,
        f"SELECT space, {goal_id} AS goal_id, SUM({d.number.format('amount')}) AS total "
        f"FROM sync_record WHERE kind = {{}} AND deleted = {{}} AND space IN ({_marks(spaces)}) "
        f"AND updated_ms < {{}} AND {in_years.format('occurred_at')} "
        f"GROUP BY space, {goal_id}",
        PROGRESS,
        False,
        *spaces,
        before_ms,
    )
    study = await run(
        engine,
        f"SELECT space, {goal_id} AS goal_id, SUM({d.number.format('minutes')}) AS total "
        f"FROM sync_record WHERE kind = {{}} AND deleted = {{}} AND space IN ({_marks(spaces)}) "
        f"AND updated_ms < {{}} AND {d.text.format('kind')} = {{}} AND {goal_id} IS NOT NULL "
        f"AND NOT ({d.is_true.format('running')}) AND {in_years.format('started_at')} "
        f"GROUP BY space, {goal_id}",
        TIME_ENTRY,
        False,
        *spaces,
        before_ms,
        "study",
    )
    found: dict[int, dict[str, Earlier]] = defaultdict(dict)
    for row in progress:
        if row["goal_id"] is not None and row["total"] is not None:
            found[int(row["space"])][str(row["goal_id"])] = Earlier(amount=float(row["total"]))
    for row in study:
        if row["goal_id"] is None or row["total"] is None:
            continue
        space, goal = int(row["space"]), str(row["goal_id"])
        before = found[space].get(goal, Earlier())
        found[space][goal] = msgspec.structs.replace(before, study_minutes=float(row["total"]))
    return found


async def learner_records(
    engine: Engine[Any], spaces: Collection[int], *, now: dt.datetime | None = None
) -> dict[int, LearnerRecords]:
    """Each space's records for the learner state, decoded once, read in a bounded window.

    The window is measured against the server's clock (``updated_ms`` is the server's time of
    each write), whatever moment the caller judges at.
    """
    if not spaces:
        return {}
    ordered = sorted(set(spaces))
    window_start = (now or utcnow()).astimezone(dt.UTC) - dt.timedelta(days=WINDOW_DAYS)
    since_ms = int(window_start.timestamp() * 1000)
    grouped: dict[int, list[Record]] = defaultdict(list)
    for record in await _records(engine, ordered, WHOLE_KINDS, None):
        grouped[record.space].append(record)
    for record in await _records(engine, ordered, WINDOWED_KINDS, since_ms):
        grouped[record.space].append(record)
    earlier = await _earlier(engine, ordered, since_ms)
    return {
        space: decode(grouped.get(space, ()), earlier=earlier.get(space), window_start=window_start)
        for space in ordered
    }
