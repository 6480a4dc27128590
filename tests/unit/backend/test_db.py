"""Which database errors mean "nothing was applied, send it again"."""

from __future__ import annotations

import sqlite3

import asyncpg.exceptions
import pytest

from backend.db import is_retryable_conflict


@pytest.mark.parametrize(
    "exc", [asyncpg.exceptions.DeadlockDetectedError(), asyncpg.exceptions.SerializationError()]
)
def test_postgres_undoing_a_transaction_to_break_a_conflict_is_retryable(exc: Exception) -> None:
    assert is_retryable_conflict(exc)


@pytest.mark.parametrize(
    "exc",
    [
        asyncpg.exceptions.UniqueViolationError(),
        asyncpg.exceptions.NumericValueOutOfRangeError(),
        sqlite3.OperationalError("database is locked"),
        ValueError("not a database error"),
    ],
)
def test_other_failures_are_not(exc: Exception) -> None:
    assert not is_retryable_conflict(exc)
