"""The database engine for this process, and the one way to open a writing transaction."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import Any
from urllib.parse import unquote, urlsplit

from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.querystring import QueryString

from backend.settings import Settings

# SQLite allows one writer at a time; a waiting writer retries for this long before "locked".
SQLITE_BUSY_TIMEOUT_S = 30


def postgres_config(url: str) -> dict[str, Any]:
    """asyncpg connection arguments from a postgresql:// URL."""
    parts = urlsplit(url)
    config: dict[str, Any] = {
        "host": parts.hostname or "127.0.0.1",
        "port": parts.port or 5432,
        "database": (parts.path or "/").lstrip("/") or "postgres",
    }
    if parts.username:
        config["user"] = unquote(parts.username)
    if parts.password:
        config["password"] = unquote(parts.password)
    return config


def make_engine(settings: Settings) -> Engine[Any]:
    """The Piccolo engine the settings ask for: PostgreSQL when DATABASE_URL is set, else SQLite."""
    if settings.database_url:
        return PostgresEngine(config=postgres_config(settings.database_url))
    return SQLiteEngine(path=str(settings.sqlite_path), timeout=SQLITE_BUSY_TIMEOUT_S)


async def run_sql(engine: Engine[Any], sql: str, *args: Any) -> list[dict[str, Any]]:
    """Rows of plain SQL with ``{}`` placeholders, inside the engine's current transaction if any.

    Values are always bound, never formatted into the text.
    """
    result = await engine.run_querystring(QueryString(sql, *args))
    return [dict(row) for row in result or []]


def write_transaction(engine: Engine[Any]) -> AbstractAsyncContextManager[Any]:
    """A transaction for reads that lead to writes.

    On SQLite a DEFERRED transaction that reads and then writes fails with "database is locked"
    when another writer got in between; IMMEDIATE takes the write lock up front instead.
    """
    if isinstance(engine, SQLiteEngine):
        return engine.transaction(transaction_type=TransactionType.immediate)
    return engine.transaction()  # type: ignore[no-any-return]


def read_transaction(engine: Engine[Any]) -> AbstractAsyncContextManager[Any]:
    """A transaction that only reads: one consistent snapshot, no write lock on SQLite."""
    return engine.transaction()  # type: ignore[no-any-return]


async def prepare(engine: Engine[Any]) -> None:
    """Per-process set-up: WAL for SQLite (it persists in the file), a pool for PostgreSQL."""
    if isinstance(engine, SQLiteEngine):
        await engine.run_ddl("PRAGMA journal_mode=WAL")
    elif isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=10)


async def close(engine: Engine[Any]) -> None:
    """Release what `prepare` opened."""
    if isinstance(engine, PostgresEngine):
        await engine.close_connection_pool()
