"""A push costs a few statements, however many mutations it carries.

A student and their goal are set up over HTTP; then batches of progress events are applied
in-process, through the store the server uses, against the server's own database, with every
statement Piccolo sends counted. Each statement is a round trip during which a PostgreSQL
transaction sits idle holding its locks, so the count is what throughput depends on.
"""

from __future__ import annotations

import uuid
from typing import Any

from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine
from piccolo.querystring import QueryString

from backend.db import postgres_config, write_transaction
from backend.syncing.store import SqlSyncStore
from sync import hlc
from sync.actor import Actor
from sync.push import apply_push
from sync.wire import PROTOCOL_VERSION, Mutation, PushRequest
from tests.integration.blocking import run_blocking
from tests.integration.people import Person, classroom, student_in
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, pull_all, push


class _CountedSQLite(SQLiteEngine):
    statements = 0

    async def run_querystring(self, querystring: QueryString, in_pool: bool = True) -> Any:
        self.statements += 1
        return await super().run_querystring(querystring, in_pool)


class _CountedPostgres(PostgresEngine):
    statements = 0

    async def run_querystring(self, querystring: QueryString, in_pool: bool = True) -> Any:
        self.statements += 1
        return await super().run_querystring(querystring, in_pool)


def _engine(server: Server) -> _CountedSQLite | _CountedPostgres:
    """The server's database, through a Piccolo engine that counts the statements it runs."""
    if server.database_url is None:
        return _CountedSQLite(path=str(server.data_dir / "waypoint.sqlite3"), timeout=30)
    return _CountedPostgres(config=postgres_config(server.database_url))


def _progress_batch(goal_id: str, count: int) -> PushRequest:
    client_id = new_client_id()
    clock: str | None = None
    mutations = []
    for mutation_id in range(1, count + 1):
        clock = hlc.tick(clock, 1_780_000_000_000, client_id)
        args = {
            "id": str(uuid.uuid4()),
            "goal_id": goal_id,
            "amount": 1,
            "occurred_at": "2026-05-27T10:00:00Z",
        }
        mutations.append(
            Mutation(mutation_id=mutation_id, name="progress.add", args=args, hlc=clock)
        )
    return PushRequest(protocol_version=PROTOCOL_VERSION, client_id=client_id, mutations=mutations)


def _statements_of_push(server: Server, student: Person, request: PushRequest) -> int:
    """Apply `request` as the push endpoint does; returns how many statements it sent."""
    actor = Actor(student.id, "student", frozenset({student.id}), student.id)

    async def run() -> int:
        engine = _engine(server)
        async with write_transaction(engine):
            outcome = await apply_push(SqlSyncStore(engine), request, actor, 1_780_000_000_000)
        assert {r.outcome for r in outcome.response.results} == {"applied"}
        return engine.statements

    return run_blocking(run())


def test_a_push_of_200_mutations_sends_as_many_statements_as_one_of_5(server: Server) -> None:
    student = student_in(server.base_url, classroom(server.base_url))
    goal_id = str(uuid.uuid4())
    created = push(student.api, new_client_id(), (1, "goal.create", goal_args(goal_id)))
    assert created.status_code == 200, created.text

    small = _statements_of_push(server, student, _progress_batch(goal_id, 5))
    large = _statements_of_push(server, student, _progress_batch(goal_id, 200))

    assert large == small
    assert small <= 10
    changes, _ = pull_all(student.api, new_client_id())
    assert sum(1 for c in changes if c["kind"] == "progress") == 205
