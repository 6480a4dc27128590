"""Pull cost follows the size of the delta, not of the database.

One student's device holds a cursor; two of its records change after it. Other students'
spaces are then seeded straight into the server's database, first to 2,000 records and then to
50,000, and at each size the same pull is made and its query examined. Counted work, not time:
the rows the pull returns, the plan of the exact query `SqlSyncStore.list_changes` issues, and
what executing that plan touches (rows read by PostgreSQL's index scan; SQLite VM steps).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

import pytest
from piccolo.querystring import QueryString

from backend.syncing.store import SqlSyncStore
from sync.wire import MAX_PULL_PAGE
from tests.integration.blocking import run_blocking
from tests.integration.database import insert_rows, query
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server, running_server
from tests.integration.syncing import goal_args, new_client_id, pull_all, push

SIZES = (2_000, 50_000)
RECORDS_PER_SEEDED_SPACE = 20
# Far above any user id, so seeded spaces never belong to someone who signs up.
FIRST_SEEDED_SPACE = 10_000_000
# Spaces a teacher's cursor might carry besides this student's, for the multi-space plan.
OTHER_SPACES_IN_A_CURSOR = 30

RECORD_COLUMNS = (
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


class _CapturingEngine:
    """Takes the place of the Piccolo engine to capture the statement the store builds."""

    def __init__(self) -> None:
        self.statements: list[QueryString] = []

    async def run_querystring(self, querystring: QueryString, in_pool: bool = True) -> list[Any]:
        self.statements.append(querystring)
        return []


def changes_query(since: Mapping[int, int], engine: str) -> tuple[str, list[Any]]:
    """The exact SQL and arguments `SqlSyncStore.list_changes` sends for a full page."""
    capture = _CapturingEngine()
    store = SqlSyncStore(cast(Any, capture))
    # The pull endpoint asks for one row more than the page to learn whether there is more.
    run_blocking(store.list_changes(since, MAX_PULL_PAGE + 1))
    (statement,) = capture.statements
    sql, args = statement.compile_string(engine_type=engine)
    return sql, list(args)


def seed_other_spaces(server: Server, first_space: int, spaces: int) -> None:
    """`spaces` other students' spaces of RECORDS_PER_SEEDED_SPACE progress records each."""
    records = [
        (
            "progress",
            f"{space:08d}-0000-4000-8000-{version:012d}",
            space,
            '{"amount": 1}',
            "{}",
            False,
            version,
            space,
            None,
            0,
        )
        for space in range(first_space, first_space + spaces)
        for version in range(1, RECORDS_PER_SEEDED_SPACE + 1)
    ]
    insert_rows(server, "sync_record", RECORD_COLUMNS, records)
    counters = [
        (space, RECORDS_PER_SEEDED_SPACE, 0) for space in range(first_space, first_space + spaces)
    ]
    insert_rows(server, "sync_space", ("space", "version", "floor"), counters)
    if server.database_url is not None:
        # What autovacuum does for a real database: the planner works from current statistics.
        query(server, "ANALYZE sync_record")


def _plan_nodes(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in node.get("Plans", []):
        yield from _plan_nodes(child)


@dataclass
class Plan:
    """How the database runs the changes query, reduced to what the tests compare."""

    uses_index: bool
    full_scan: bool
    # PostgreSQL: rows read through the index (exact for a single-space cursor, whose scan
    # runs once). SQLite: VM instructions executed.
    work: int
    rows: int


def explain(server: Server, since: Mapping[int, int]) -> Plan:
    """Plan and counted work of the changes query for the cursor `since`."""
    if server.database_url is not None:
        sql, args = changes_query(since, "postgres")
        raw = query(server, "EXPLAIN (ANALYZE, FORMAT JSON) " + sql, *args)[0]["QUERY PLAN"]
        root = json.loads(raw)[0]["Plan"]
        nodes = list(_plan_nodes(root))
        on_records = [n for n in nodes if n.get("Relation Name") == "sync_record"]
        index_scans = [n for n in on_records if n.get("Index Name") == "sync_record_space_version"]
        return Plan(
            uses_index=bool(index_scans) and len(index_scans) == len(on_records),
            full_scan=any(n["Node Type"] == "Seq Scan" for n in on_records),
            work=sum(
                int(n["Actual Rows"]) * int(n["Actual Loops"])
                + int(n.get("Rows Removed by Filter", 0))
                + int(n.get("Rows Removed by Index Recheck", 0))
                for n in index_scans
            ),
            rows=int(root["Actual Rows"]),
        )
    sql, args = changes_query(since, "sqlite")
    conn = sqlite3.connect(server.data_dir / "waypoint.sqlite3")
    try:
        details = [str(row[3]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql, args)]
        steps = 0

        def count_step() -> int:
            nonlocal steps
            steps += 1
            return 0

        conn.set_progress_handler(count_step, 1)
        rows = conn.execute(sql, args).fetchall()
        conn.set_progress_handler(None, 1)
    finally:
        conn.close()
    reads_of_records = [d for d in details if d.split(" ")[1:2] == ["r"]]
    return Plan(
        uses_index=bool(reads_of_records)
        and all("USING INDEX sync_record_space_version" in d for d in reads_of_records),
        full_scan=any(d.startswith("SCAN r") for d in reads_of_records),
        work=steps,
        rows=len(rows),
    )


@dataclass
class Measure:
    """One database size: what the pull returned and how its query ran."""

    records_in_database: int
    delta: set[tuple[str, str]]
    full_pull: set[tuple[str, str]]
    plan: Plan
    teacher_plan: Plan


@dataclass
class Scenario:
    engine: str
    student_id: int
    changed: set[tuple[str, str]]
    own_records: set[tuple[str, str]]
    measures: dict[int, Measure]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def scenario(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Scenario]:
    engine = str(request.param)
    with running_server(engine, tmp_path_factory.mktemp(f"pull-cost-{engine}")) as server:
        student = student_in(server.base_url, classroom(server.base_url))
        client_id = new_client_id()
        goals = [str(uuid.uuid4()) for _ in range(3)]
        progress = [
            {
                "id": str(uuid.uuid4()),
                "goal_id": goals[i % 3],
                "amount": 1,
                "occurred_at": "2026-11-25T10:00:00Z",
            }
            for i in range(5)
        ]
        baseline = [("goal.create", goal_args(g)) for g in goals] + [
            ("progress.add", p) for p in progress
        ]
        pushed = push(student.api, client_id, *[(i, n, a) for i, (n, a) in enumerate(baseline, 1)])
        assert pushed.status_code == 200, pushed.text
        held, page = pull_all(student.api, client_id)
        cursor, held_version = page["cursor"], max(c["version"] for c in held)

        late = str(uuid.uuid4())
        changed = push(
            student.api,
            client_id,
            (9, "goal.update", {"id": goals[0], "title": "Chapter 4 and 5"}),
            (
                10,
                "progress.add",
                {
                    "id": late,
                    "goal_id": goals[1],
                    "amount": 2,
                    "occurred_at": "2026-11-25T11:00:00Z",
                },
            ),
        )
        assert changed.status_code == 200, changed.text

        own = {(c["kind"], c["id"]) for c in held} | {("progress", late)}
        measures: dict[int, Measure] = {}
        seeded_spaces = 0
        for size in SIZES:
            spaces = size // RECORDS_PER_SEEDED_SPACE - seeded_spaces
            seed_other_spaces(server, FIRST_SEEDED_SPACE + seeded_spaces, spaces)
            seeded_spaces += spaces
            delta, _ = pull_all(student.api, client_id, cursor)
            full, _ = pull_all(student.api, new_client_id())
            teacher_since = {student.id: held_version} | {
                FIRST_SEEDED_SPACE + i: RECORDS_PER_SEEDED_SPACE
                for i in range(OTHER_SPACES_IN_A_CURSOR)
            }
            measures[size] = Measure(
                records_in_database=int(
                    query(server, "SELECT COUNT(*) AS n FROM sync_record")[0]["n"]
                ),
                delta={(c["kind"], c["id"]) for c in delta},
                full_pull={(c["kind"], c["id"]) for c in full},
                plan=explain(server, {student.id: held_version}),
                teacher_plan=explain(server, teacher_since),
            )
        yield Scenario(engine, student.id, {("goal", goals[0]), ("progress", late)}, own, measures)


def test_the_database_really_grew(scenario: Scenario) -> None:
    for size, measure in scenario.measures.items():
        assert measure.records_in_database >= size


def test_a_pull_returns_only_the_delta_at_every_size(scenario: Scenario) -> None:
    for measure in scenario.measures.values():
        assert measure.delta == scenario.changed


def test_a_full_pull_carries_only_the_callers_own_space(scenario: Scenario) -> None:
    for measure in scenario.measures.values():
        assert measure.full_pull == scenario.own_records


def test_the_changes_query_searches_the_space_version_index(scenario: Scenario) -> None:
    for measure in scenario.measures.values():
        assert measure.plan.uses_index
        assert not measure.plan.full_scan


def test_a_cursor_over_many_spaces_searches_the_index_once_the_table_is_large(
    scenario: Scenario,
) -> None:
    # On a small table PostgreSQL rightly reads it whole rather than probe the index thirty-one
    # times; what must hold is that the large table is never read whole.
    large = scenario.measures[max(SIZES)]
    assert large.teacher_plan.uses_index
    assert not large.teacher_plan.full_scan


def test_the_changes_query_returns_the_delta_and_nothing_else(scenario: Scenario) -> None:
    for measure in scenario.measures.values():
        assert measure.plan.rows == len(scenario.changed)
        # Thirty more spaces, each already read up to its newest version, add no rows.
        assert measure.teacher_plan.rows == len(scenario.changed)


def test_the_work_of_a_pull_is_the_same_at_both_sizes(scenario: Scenario) -> None:
    small, large = (scenario.measures[size] for size in SIZES)
    assert large.plan.work == small.plan.work
    if scenario.engine == "postgres":
        # The index scan read exactly the changed rows: nothing else was looked at.
        assert large.plan.work == len(scenario.changed)
