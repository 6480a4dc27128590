"""Which database errors are the database refusing a request, and what the client is told.

The SQLite errors are real ones, raised by an in-memory database; PostgreSQL's are asyncpg's
classes (the integration tests meet the real ones from a server).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import asyncpg.exceptions
import pytest

from backend import database_errors
from backend.database_errors import refusal


@pytest.fixture
def table() -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, login TEXT UNIQUE, n INTEGER NOT NULL)")
    conn.execute("INSERT INTO t VALUES (1, 'ada', 0)")
    yield conn
    conn.close()


def _raised(conn: sqlite3.Connection, sql: str, *args: object) -> Exception:
    """What the driver raises for `sql`: a sqlite3 error, or OverflowError for a huge integer."""
    with pytest.raises((sqlite3.Error, OverflowError)) as caught:
        conn.execute(sql, args)
    return caught.value


def test_a_second_row_with_a_unique_value_already_exists(table: sqlite3.Connection) -> None:
    exc = _raised(table, "INSERT INTO t VALUES (2, 'ada', 0)")
    assert refusal(exc) is database_errors.ALREADY_EXISTS


def test_a_second_row_with_the_same_primary_key_already_exists(table: sqlite3.Connection) -> None:
    exc = _raised(table, "INSERT INTO t VALUES (1, 'bob', 0)")
    assert refusal(exc) is database_errors.ALREADY_EXISTS


def test_a_missing_required_value_is_no_refusal(table: sqlite3.Connection) -> None:
    exc = _raised(table, "INSERT INTO t (id, login) VALUES (2, 'bob')")
    assert isinstance(exc, sqlite3.IntegrityError)
    assert refusal(exc) is None


def test_a_postgres_unique_violation_already_exists() -> None:
    assert refusal(asyncpg.exceptions.UniqueViolationError()) is database_errors.ALREADY_EXISTS


def test_a_write_lock_held_past_the_timeout_is_busy(tmp_path: Path) -> None:
    holder = sqlite3.connect(tmp_path / "db.sqlite", timeout=0)
    waiter = sqlite3.connect(tmp_path / "db.sqlite", timeout=0)
    try:
        holder.execute("BEGIN IMMEDIATE")
        exc = _raised(waiter, "BEGIN IMMEDIATE")
    finally:
        holder.close()
        waiter.close()
    assert refusal(exc) is database_errors.BUSY
    assert refusal(exc) == database_errors.Refusal(503, database_errors.BUSY.detail, 5)


def test_a_missing_table_is_no_refusal(table: sqlite3.Connection) -> None:
    exc = _raised(table, "SELECT * FROM missing")
    assert isinstance(exc, sqlite3.OperationalError)
    assert refusal(exc) is None


@pytest.mark.parametrize(
    "exc", [asyncpg.exceptions.DeadlockDetectedError(), asyncpg.exceptions.SerializationError()]
)
def test_postgres_undoing_a_transaction_to_break_a_conflict_is_retryable(exc: Exception) -> None:
    assert refusal(exc) is database_errors.CONFLICT


def test_text_postgres_cannot_hold_is_refused() -> None:
    exc = asyncpg.exceptions.CharacterNotInRepertoireError()
    assert refusal(exc) is database_errors.NUL_CHARACTER


def test_an_integer_sqlite_cannot_hold_is_out_of_range(table: sqlite3.Connection) -> None:
    exc = _raised(table, "SELECT * FROM t WHERE id = ?", 2**70)
    assert refusal(exc) is database_errors.OUT_OF_RANGE


def test_an_integer_asyncpg_cannot_encode_is_out_of_range() -> None:
    # As asyncpg raises it: its encoder's OverflowError, wrapped.
    exc = asyncpg.exceptions.DataError("invalid input for query argument $1")
    exc.__cause__ = OverflowError("value out of int64 range")
    assert refusal(exc) is database_errors.OUT_OF_RANGE


def test_postgres_arithmetic_out_of_range_is_out_of_range() -> None:
    exc = asyncpg.exceptions.NumericValueOutOfRangeError()
    assert refusal(exc) is database_errors.OUT_OF_RANGE


@pytest.mark.parametrize(
    "exc",
    [
        asyncpg.exceptions.DataError("invalid input syntax for type date"),
        asyncpg.exceptions.ForeignKeyViolationError(),
        ValueError("not a database error"),
    ],
)
def test_other_failures_are_no_refusal(exc: Exception) -> None:
    assert refusal(exc) is None
