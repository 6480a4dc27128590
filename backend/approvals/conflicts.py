"""A transaction PostgreSQL aborted to break a lock cycle is a reason to retry, not a bug.

Decisions take their locks in one order (see `lock_order`), so this should not happen; if a
cycle with some other writer still forms, the teacher gets a 503 with Retry-After and nothing
applied, instead of a 500.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar.exceptions import ServiceUnavailableException

from backend.db import is_retryable_conflict


@asynccontextmanager
async def retryable_conflicts() -> AsyncIterator[None]:
    """Turn a PostgreSQL serialization failure or deadlock into a 503 the client can retry."""
    try:
        yield
    except Exception as exc:
        if not is_retryable_conflict(exc):
            raise
        raise ServiceUnavailableException(
            detail="Another change to the same students got in the way; nothing was applied. "
            "Try again in a moment.",
            headers={"Retry-After": "1"},
        ) from exc
