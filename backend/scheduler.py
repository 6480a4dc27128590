"""Periodic background jobs of one worker process (tombstone compaction, nudges).

Every job is idempotent, so several workers running the same schedule do no harm: at worst the
same work is checked twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from backend.clock import utcnow

log = logging.getLogger("waypoint.scheduler")


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    every_seconds: float
    run: Callable[[datetime], Awaitable[object]]


async def _loop(job: Job) -> None:
    while True:
        try:
            await job.run(utcnow())
        except Exception:  # a failed run is retried at the next interval; the loop survives
            log.exception("scheduled job %s failed", job.name)
        await asyncio.sleep(job.every_seconds)


@contextlib.asynccontextmanager
async def running(jobs: Sequence[Job]) -> AsyncIterator[None]:
    """Run `jobs` in the background for the duration of the context."""
    tasks = [asyncio.create_task(_loop(job), name=f"job:{job.name}") for job in jobs]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
