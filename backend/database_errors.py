"""Database errors by their types: which ones are the database refusing a request, and what to say.

Both drivers say what went wrong in their exception's type and code, never only in its text:
SQLite's are ``sqlite3`` exceptions with ``sqlite_errorcode`` (extended result codes, Python
3.11), PostgreSQL's are asyncpg's exception classes, one per SQLSTATE. Anything else that
reaches the app's handler is a bug and answers 500.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import asyncpg.exceptions as pg


@dataclass(frozen=True)
class Refusal:
    """What the client is told when the database refused its request; nothing was applied."""

    status: int
    detail: str
    retry_after_s: int | None = None


ALREADY_EXISTS = Refusal(409, "That already exists (another request created it just now).")
BUSY = Refusal(503, "The server is busy. Try again in a few seconds.", retry_after_s=5)
CONFLICT = Refusal(
    503, "Another change got in the way; nothing was applied. Try again in a moment.", 1
)
NUL_CHARACTER = Refusal(400, "Text in the request contains the NUL character (U+0000). Remove it.")
OUT_OF_RANGE = Refusal(400, "A number in the request is out of range; no such id exists.")

_UNIQUE = frozenset({sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY})
# The primary codes are the low byte of an extended one (SQLITE_BUSY_SNAPSHOT is a BUSY).
_LOCKED = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def is_unique_violation(exc: BaseException) -> bool:
    """Two requests raced to create the same row, and this one lost."""
    if isinstance(exc, sqlite3.IntegrityError):
        return exc.sqlite_errorcode in _UNIQUE
    return isinstance(exc, pg.UniqueViolationError)


def is_busy(exc: BaseException) -> bool:
    """Too many writers queued for SQLite's one write lock, for longer than its busy timeout."""
    return isinstance(exc, sqlite3.OperationalError) and exc.sqlite_errorcode & 0xFF in _LOCKED


def is_retryable_conflict(exc: BaseException) -> bool:
    """PostgreSQL undid this transaction to break a conflict with another (serialization
    failure or deadlock): nothing was applied, and the same request may simply be sent again."""
    return isinstance(exc, pg.SerializationError | pg.DeadlockDetectedError)


def is_nul_character(exc: BaseException) -> bool:
    """PostgreSQL text cannot hold U+0000 (a body is checked earlier; this catches the rest)."""
    return isinstance(exc, pg.CharacterNotInRepertoireError)


def is_out_of_range(exc: BaseException) -> bool:
    """An integer that the column cannot hold.

    SQLite's driver raises OverflowError itself; asyncpg wraps its encoder's OverflowError in a
    DataError, and PostgreSQL answers arithmetic on a too large value with 22003.
    """
    if isinstance(exc, OverflowError | pg.NumericValueOutOfRangeError):
        return True
    return isinstance(exc, pg.DataError) and isinstance(exc.__cause__, OverflowError)


def refusal(exc: BaseException) -> Refusal | None:
    """What to tell the client about `exc`, or None when it is no refusal by the database."""
    checks = (
        (is_unique_violation, ALREADY_EXISTS),
        (is_busy, BUSY),
        (is_retryable_conflict, CONFLICT),
        (is_nul_character, NUL_CHARACTER),
        (is_out_of_range, OUT_OF_RANGE),
    )
    for check, answer in checks:
        if check(exc):
            return answer
    return None
