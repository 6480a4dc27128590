"""Reading what the learner state needs from the database: a bounded window, not all history.

Goals, planned rest, preferences and change requests are few and are read whole. Progress,
time entries and nudges pile up over the years, so only those written since the window's start
(UTC midnight ``WINDOW_DAYS`` ago) are read as records; older progress and goal-linked study
time arrive as one total per goal. A write's instant (``occurred_at``, ``started_at``) lies at
most two days after the write itself (``sync.bounds``), so every event of the last six weeks is
inside the window: the 14-day velocity, the 7-day persistently-behind check, this week and the
digest's periods all read whole records.

Kept totals
    The totals before the window are kept in ``learner_total``, one row per space and goal plus
    a row with an empty goal id that says up to when (``through_ms``) and as of which space
    version they were summed. The next read adds only the rows that left the window since
    (about a day's worth) instead of summing years again. Rows written before ``through_ms`` are
    never rewritten without their ``updated_ms`` (and version) moving past it, so the kept sums
    stay exact unless such a row changed: a progress or time tombstone newer than the kept
    version, or a record in the window that is newer than it yet was created before
    ``through_ms`` (plus a week for fast device clocks), makes the sums be taken again in full,
    as does a kept row older than ``REUSE_DAYS``. So a job's cost grows with students and
    recent changes, not with years of history.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Collection
from typing import Any, Final

import msgspec
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine

from backend.clock import utcnow
from backend.db import run_sql, write_transaction
from backend.learner.records import Earlier, LearnerRecords, created_at, decode
from backend.syncing.store import RECORD_COLUMNS, row_record
from sync.records import (
    CHANGE_REQUEST,
    CHECK_IN,
    GOAL,
    MASTERY,
    NUDGE,
    OBSERVATION,
    POLICY,
    PREFERENCES,
    PROFILE,
    PROGRESS,
    REST,
    TIME_ENTRY,
    TRACK,
    Record,
)

log = logging.getLogger("waypoint.learner")
DAY_MS: Final = 86_400_000
WINDOW_DAYS: Final = 45
REUSE_DAYS: Final = 30
"""Kept totals older than this are summed again in full: a row rewritten since then could have
moved out of the window already, where the checks below would no longer see it."""
CLOCK_MARGIN: Final = dt.timedelta(days=7)
"""How far a device's clock may have run ahead when it created a record."""
_SUMMED_KINDS: Final = (PROGRESS, TIME_ENTRY)
WHOLE_KINDS: Final = (
    GOAL,
    REST,
    PREFERENCES,
    CHANGE_REQUEST,
    PROFILE,
    OBSERVATION,
    TRACK,
    POLICY,
    MASTERY,
)
WINDOWED_KINDS: Final = (PROGRESS, TIME_ENTRY, NUDGE, CHECK_IN)


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


def _marks(values: Collection[object]) -> str:
    return ", ".join("{}" for _ in values)


async def _records(
    engine: Engine[Any], spaces: list[int], kinds: tuple[str, ...], since_ms: int | None
) -> list[Record]:
    window = "" if since_ms is None else " AND updated_ms >= {}"
    rows = await run_sql(
        engine,
        f"SELECT {RECORD_COLUMNS} FROM sync_record WHERE kind IN ({_marks(kinds)}) "
        # No ORDER BY: sorting here would make the engines walk all of a space's rows in version
        # order instead of the (kind, space, updated_ms) range; records are sorted once read.
        f"AND deleted = {{}} AND space IN ({_marks(spaces)}){window}",
        *kinds,
        False,
        *spaces,
        *(() if since_ms is None else (since_ms,)),
    )
    return sorted((row_record(row) for row in rows), key=lambda r: (r.space, r.version))


async def _earlier(
    engine: Engine[Any], spaces: list[int], before_ms: int, from_ms: int | None = None
) -> dict[int, dict[str, Earlier]]:
    """Per space and goal: progress and goal-linked study minutes written before ``before_ms``
    (and from ``from_ms`` on, when given), summed by the database.

    Only values a record could decode with count: a number, an instant in the supported years.
    """
    band = "" if from_ms is None else " AND updated_ms >= {}"
    low = () if from_ms is None else (from_ms,)
    d = _POSTGRES if isinstance(engine, PostgresEngine) else _SQLITE
    goal_id = d.text.format("goal_id")
    in_years = f"substr({d.text.format('{0}')}, 1, 2) = '20'"
    progress = await run_sql(
        engine,
        f"SELECT space, {goal_id} AS goal_id, SUM({d.number.format('amount')}) AS total "
        f"FROM sync_record WHERE kind = {{}} AND deleted = {{}} AND space IN ({_marks(spaces)}) "
        f"AND updated_ms < {{}}{band} AND {in_years.format('occurred_at')} "
        f"GROUP BY space, {goal_id}",
        PROGRESS,
        False,
        *spaces,
        before_ms,
        *low,
    )
    study = await run_sql(
        engine,
        f"SELECT space, {goal_id} AS goal_id, SUM({d.number.format('minutes')}) AS total "
        f"FROM sync_record WHERE kind = {{}} AND deleted = {{}} AND space IN ({_marks(spaces)}) "
        f"AND updated_ms < {{}}{band} AND {d.text.format('kind')} = {{}} "
        f"AND {goal_id} IS NOT NULL AND NOT ({d.is_true.format('running')}) "
        f"AND {in_years.format('started_at')} GROUP BY space, {goal_id}",
        TIME_ENTRY,
        False,
        *spaces,
        before_ms,
        *low,
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


class _Kept(msgspec.Struct):
    through_ms: int
    space_version: int
    computed_ms: int
    totals: dict[str, Earlier]


async def _kept(engine: Engine[Any], spaces: list[int]) -> dict[int, _Kept]:
    """The kept totals of each space, only where its rows are one consistent set."""
    rows = await run_sql(
        engine,
        "SELECT space, goal_id, through_ms, space_version, computed_ms, amount, study_minutes "
        f"FROM learner_total WHERE space IN ({_marks(spaces)})",
        *spaces,
    )
    heads = {int(r["space"]): r for r in rows if r["goal_id"] == ""}
    kept: dict[int, _Kept] = {}
    for space, head in heads.items():
        kept[space] = _Kept(
            int(head["through_ms"]), int(head["space_version"]), int(head["computed_ms"]), {}
        )
    broken: set[int] = set()
    for r in rows:
        space = int(r["space"])
        if r["goal_id"] == "" or space not in kept:
            continue
        first = kept[space]
        if (int(r["through_ms"]), int(r["space_version"])) != (
            first.through_ms,
            first.space_version,
        ):
            broken.add(space)  # two writers interleaved: sum again rather than trust a mix
            continue
        first.totals[str(r["goal_id"])] = Earlier(
            amount=float(r["amount"]), study_minutes=float(r["study_minutes"])
        )
    return {space: k for space, k in kept.items() if space not in broken}


async def _tombstoned_since(engine: Engine[Any], kept: dict[int, _Kept]) -> set[int]:
    """Spaces where a progress or time record was deleted after its totals were kept."""
    if not kept:
        return set()
    spaces = sorted(kept)
    rows = await run_sql(
        engine,
        "SELECT DISTINCT r.space FROM sync_record r JOIN learner_total t "
        "ON t.space = r.space AND t.goal_id = '' "
        f"WHERE r.space IN ({_marks(spaces)}) AND r.version > t.space_version "
        f"AND r.deleted = {{}} AND r.kind IN ({_marks(_SUMMED_KINDS)})",
        *spaces,
        True,
        *_SUMMED_KINDS,
    )
    return {int(r["space"]) for r in rows}


def _rewrote_old(records: list[Record], kept: _Kept) -> bool:
    """A record newer than the kept totals that was created before them: it was rewritten."""
    limit = kept.through_ms + int(CLOCK_MARGIN.total_seconds() * 1000)
    for record in records:
        if record.kind not in _SUMMED_KINDS or record.version <= kept.space_version:
            continue
        created = created_at(record)
        if created is None or created.timestamp() * 1000 < limit:
            return True
    return False


def _add(a: dict[str, Earlier], b: dict[str, Earlier]) -> dict[str, Earlier]:
    total = dict(a)
    for goal, e in b.items():
        seen = total.get(goal, Earlier())
        total[goal] = Earlier(
            amount=seen.amount + e.amount, study_minutes=seen.study_minutes + e.study_minutes
        )
    return total


async def _keep(
    engine: Engine[Any], fresh: dict[int, dict[str, Earlier]], through_ms: int, now_ms: int
) -> None:
    if not fresh:
        return
    spaces = sorted(fresh)
    versions = {
        int(r["space"]): int(r["version"])
        for r in await run_sql(
            engine,
            f"SELECT space, version FROM sync_space WHERE space IN ({_marks(spaces)})",
            *spaces,
        )
    }
    async with write_transaction(engine):
        await run_sql(
            engine, f"DELETE FROM learner_total WHERE space IN ({_marks(spaces)})", *spaces
        )
        values: list[Any] = []
        for space in spaces:
            rows = {"": Earlier(), **fresh[space]}
            for goal, e in rows.items():
                version = versions.get(space, 0)
                values += [space, goal, through_ms, version, now_ms, e.amount, e.study_minutes]
        mark = "({}, {}, {}, {}, {}, {}, {})"
        for start in range(0, len(values), 7 * 200):
            chunk = values[start : start + 7 * 200]
            await run_sql(
                engine,
                "INSERT INTO learner_total (space, goal_id, through_ms, space_version, "
                "computed_ms, amount, study_minutes) VALUES "
                + ", ".join(mark for _ in range(len(chunk) // 7))
                # Another worker may keep the same space at the same moment: last one wins.
                + " ON CONFLICT (space, goal_id) DO UPDATE SET through_ms = excluded.through_ms, "
                "space_version = excluded.space_version, computed_ms = excluded.computed_ms, "
                "amount = excluded.amount, study_minutes = excluded.study_minutes",
                *chunk,
            )


async def _earlier_totals(
    engine: Engine[Any],
    spaces: list[int],
    window: dict[int, list[Record]],
    through_ms: int,
    now_ms: int,
) -> dict[int, dict[str, Earlier]]:
    """Each space's totals before ``through_ms``: kept ones brought up to date, or new sums."""
    kept = await _kept(engine, spaces)
    reuse_after = now_ms - REUSE_DAYS * DAY_MS
    stale = await _tombstoned_since(engine, kept)
    usable = {
        space: k
        for space, k in kept.items()
        if space not in stale
        and k.computed_ms >= reuse_after
        and k.through_ms <= through_ms
        and not _rewrote_old(window.get(space, []), k)
    }
    result = {space: k.totals for space, k in usable.items() if k.through_ms == through_ms}
    behind: dict[int, list[int]] = defaultdict(list)
    for space, k in usable.items():
        if k.through_ms < through_ms:
            behind[k.through_ms].append(space)
    changed: dict[int, dict[str, Earlier]] = {}
    for from_ms, group in behind.items():
        band = await _earlier(engine, group, through_ms, from_ms)
        for space in group:
            changed[space] = _add(usable[space].totals, band.get(space, {}))
    missing = [space for space in spaces if space not in usable]
    if missing:
        summed = await _earlier(engine, missing, through_ms)
        for space in missing:
            changed[space] = summed.get(space, {})
    try:
        await _keep(engine, changed, through_ms, now_ms)
    except Exception:
        # Keeping is a shortcut for the next read; the sums just taken are right either way.
        log.warning("could not keep the learner totals of %d spaces", len(changed), exc_info=True)
    return {**result, **changed}


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
    moment = (now or utcnow()).astimezone(dt.UTC)
    start_day = (moment - dt.timedelta(days=WINDOW_DAYS)).date()
    window_start = dt.datetime.combine(start_day, dt.time(), tzinfo=dt.UTC)
    since_ms = int(window_start.timestamp() * 1000)
    grouped: dict[int, list[Record]] = defaultdict(list)
    for record in await _records(engine, ordered, WHOLE_KINDS, None):
        grouped[record.space].append(record)
    recent: dict[int, list[Record]] = defaultdict(list)
    for record in await _records(engine, ordered, WINDOWED_KINDS, since_ms):
        recent[record.space].append(record)
    earlier = await _earlier_totals(
        engine, ordered, recent, since_ms, int(moment.timestamp() * 1000)
    )
    return {
        space: decode(
            [*grouped.get(space, ()), *recent.get(space, ())],
            earlier=earlier.get(space),
            window_start=window_start,
        )
        for space in ordered
    }
