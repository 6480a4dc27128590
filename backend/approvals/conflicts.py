"""A transaction PostgreSQL aborted to break a lock cycle is a reason to retry, not a bug.

Decisions take their locks in one order (see `lock_order`), so this should not happen; if a
cycle with some other writer still forms, the teacher gets a 503 with Retry-After and nothing
applied, instead of a 500.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar.exceptions import ServiceUnavailableException

# SQLSTATEs of serialization_failure and deadlock_detected: the whole transaction rolled back.
_RETRYABLE = frozenset({"40001", "40P01"})


@asynccontextmanager
async def retryable_conflicts() -> AsyncIterator[None]:
    """Turn a PostgreSQL serialization failure or deadlock into a 503 the client can retry."""
    try:
        yield
    except Exception as exc:
        if getattr(exc, "sqlstate", None) not in _RETRYABLE:
            raise
        raise ServiceUnavailableException(
            detail="Another change to the same students got in the way; nothing was applied. "
            "Try again in a moment.",
            headers={"Retry-After": "1"},
        ) from exc
