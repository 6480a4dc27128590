"""Rate limits for sign-in, registration and code redemption.

A moving window over the `limits` library: in memory for one process, in Redis (REDIS_URL) when
several workers must share the counts.

Sign-in counts *failures*, not attempts, under two keys: the client address (one client trying
many accounts) and the account together with the address (one client guessing one password).
Nothing counts per account alone: login names are not secret (rosters show them), and such a
key would let anyone keep a whole class out with ten requests a minute per pupil. So the right
password from an address that has not failed for that account always gets through, and one that
keeps failing backs off progressively: each window of the backoff (say 5 a minute, 10 an hour,
20 a day) must run out before its next try.
"""

from __future__ import annotations

import math
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

from limits import RateLimitItem
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from litestar.exceptions import HTTPException, NotFoundException

from backend.audit.log import record
from backend.i18n.request_language import said_plural


class TooManyAttempts(HTTPException):
    """429 with Retry-After; the message is the same whichever key ran out, to reveal nothing."""

    status_code = 429


def _refusal(retry_after: int) -> TooManyAttempts:
    return TooManyAttempts(
        detail=said_plural("problem.too_many", retry_after),
        headers={"Retry-After": str(retry_after)},
    )


class AttemptLimiter:
    """Counts attempts of one kind (registration) under several keys at once."""

    def __init__(self, storage: Storage, rate: RateLimitItem, kind: str) -> None:
        self._limiter = MovingWindowRateLimiter(storage)
        self._rate = rate
        self._kind = kind

    async def hit(self, *keys: str) -> None:
        """Count one attempt under every key; raise 429 if any key is over its limit."""
        # Check all keys before counting, so a refused attempt does not extend the lock-out.
        for key in keys:
            if not await self._limiter.test(self._rate, self._kind, key):
                stats = await self._limiter.get_window_stats(self._rate, self._kind, key)
                raise _refusal(max(1, math.ceil(stats.reset_time - time.time())))
        for key in keys:
            await self._limiter.hit(self._rate, self._kind, key)


class FailureLimiter:
    """Counts failures of one kind under keys; refuses a key while any of its windows is full."""

    def __init__(self, storage: Storage, rates: Sequence[RateLimitItem], kind: str) -> None:
        self._limiter = MovingWindowRateLimiter(storage)
        self._rates = tuple(rates)
        self._kind = kind

    async def check(self, *keys: str) -> None:
        """Raise 429, with the longest wait any full window asks for, if a key may not try now."""
        wait = 0.0
        for key in keys:
            for rate in self._rates:
                if not await self._limiter.test(rate, self._kind, key):
                    stats = await self._limiter.get_window_stats(rate, self._kind, key)
                    wait = max(wait, stats.reset_time - time.time())
        if wait > 0:
            raise _refusal(max(1, math.ceil(wait)))

    async def fail(self, *keys: str) -> bool:
        """Count one failure under every key; True when it filled a window (worth auditing)."""
        filled = False
        for key in keys:
            for rate in self._rates:
                await self._limiter.hit(rate, self._kind, key)
                filled = filled or not await self._limiter.test(rate, self._kind, key)
        return filled

    async def forget(self, *keys: str) -> None:
        """Clear the failures of `keys` (after a success, the backoff starts over)."""
        for key in keys:
            for rate in self._rates:
                await self._limiter.clear(rate, self._kind, key)


class LoginThrottle:
    """Failed sign-ins per client address, and per account and address together (with backoff)."""

    def __init__(
        self, storage: Storage, per_address: RateLimitItem, backoff: Sequence[RateLimitItem]
    ) -> None:
        self._address = FailureLimiter(storage, [per_address], "login-address")
        self._pair = FailureLimiter(storage, backoff, "login-pair")

    async def check(self, login: str, ip: str) -> None:
        """429 when this address, or this address for this account, must wait."""
        await self._address.check(ip)
        await self._pair.check(f"{login}@{ip}")

    async def failed(self, login: str, ip: str) -> bool:
        """Count a wrong password; True when the pair's or the address's window just filled."""
        by_address = await self._address.fail(ip)
        return await self._pair.fail(f"{login}@{ip}") or by_address

    async def succeeded(self, login: str, ip: str) -> None:
        await self._pair.forget(f"{login}@{ip}")


class CodeGuard:
    """Wrong class join codes and guardian invite codes, per client address and per account.

    A wrong code is a 404 raised by the lookup; ``attempt`` counts it and lets it through.
    """

    def __init__(self, storage: Storage, rates: Sequence[RateLimitItem]) -> None:
        self._failures = FailureLimiter(storage, rates, "code")

    @asynccontextmanager
    async def attempt(self, kind: str, ip: str, account: int | None) -> AsyncIterator[None]:
        """Refuse (429) while over the limit; count a NotFoundException raised inside.

        The failure that fills a window is audited as ``code.guessing``: one entry per run of
        guesses, not one per guess, so the log shows who was guessing without flooding.
        """
        keys = [f"ip:{ip}"] + ([f"account:{account}"] if account is not None else [])
        await self._failures.check(*keys)
        try:
            yield
        except NotFoundException:
            if await self._failures.fail(*keys):
                await record("code.guessing", actor=account, ip=ip, code=kind)
            raise


def make_storage(redis_url: str | None) -> Storage:
    """Shared counters in Redis when configured, else this process's memory."""
    if redis_url:
        return RedisStorage(
            "async+" + redis_url, implementation="redispy", key_prefix="waypoint-limits"
        )
    return MemoryStorage()
