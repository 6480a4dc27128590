"""Rate limits for login and registration, per client address and per account.

A moving window over the `limits` library: in memory for one process, in Redis (REDIS_URL) when
several workers must share the counts.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from litestar.exceptions import HTTPException


class TooManyAttempts(HTTPException):
    """429 with Retry-After; the message is the same whichever key ran out, to reveal nothing."""

    status_code = 429


class AttemptLimiter:
    """Counts attempts of one kind (login, register) under several keys at once."""

    def __init__(self, storage: Storage, rate: RateLimitItem, kind: str) -> None:
        self._limiter = MovingWindowRateLimiter(storage)
        self._rate = rate
        self._kind = kind

    async def hit(self, *keys: str) -> None:
        """Count one attempt under every key; raise 429 if any key is over its limit."""
        # Check all keys before counting, so a refused attempt does not extend the lock-out.
        for key in keys:
            if not await self._limiter.test(self._rate, self._kind, key):
                await self._refuse(key)
        for key in keys:
            await self._limiter.hit(self._rate, self._kind, key)

    async def _refuse(self, key: str) -> None:
        stats = await self._limiter.get_window_stats(self._rate, self._kind, key)
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise TooManyAttempts(
            detail=f"Too many attempts. Wait {retry_after} seconds, then try again.",
            headers={"Retry-After": str(retry_after)},
        )


def make_storage(redis_url: str | None) -> Storage:
    """Shared counters in Redis when configured, else this process's memory."""
    if redis_url:
        return RedisStorage(
            "async+" + redis_url, implementation="redispy", key_prefix="waypoint-limits"
        )
    return MemoryStorage()
