"""What a lane measures: request latencies, bytes on the wire, and server memory."""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Traffic:
    """Latencies (ms) and body bytes of one kind of request."""

    latencies_ms: list[float] = field(default_factory=list)
    bytes: int = 0

    def add(self, started: float, sent: int, received: int) -> None:
        self.latencies_ms.append((time.perf_counter() - started) * 1000)
        self.bytes += sent + received

    def summary(self) -> dict[str, float]:
        return {
            "requests": len(self.latencies_ms),
            "p50_ms": round(percentile(self.latencies_ms, 50), 1),
            "p95_ms": round(percentile(self.latencies_ms, 95), 1),
            "p99_ms": round(percentile(self.latencies_ms, 99), 1),
        }


def load_average() -> float:
    """The machine's one-minute load average: how busy the shared cores were."""
    return float(Path("/proc/loadavg").read_text().split()[0])


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name may contain spaces; the parent pid follows the closing parenthesis.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == pid:
            found.append(int(entry.name))
    return found


def process_tree(pid: int) -> list[int]:
    """``pid`` and all of its descendants."""
    tree = [pid]
    index = 0
    while index < len(tree):
        tree.extend(_children(tree[index]))
        index += 1
    return tree


def _status_kib(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


@dataclass
class MemoryWatch:
    """Peak resident memory of a process tree: the largest sum of VmRSS seen while sampling, and
    the sum of each process's own high-water mark (VmHWM), which can only be higher."""

    pid: int
    peak_rss_kib: int = 0
    hwm_kib: dict[int, int] = field(default_factory=dict)

    def sample(self) -> None:
        pids = process_tree(self.pid)
        self.peak_rss_kib = max(self.peak_rss_kib, sum(_status_kib(p, "VmRSS") for p in pids))
        for p in pids:
            self.hwm_kib[p] = max(self.hwm_kib.get(p, 0), _status_kib(p, "VmHWM"))

    @property
    def peak_mib(self) -> float:
        return round(self.peak_rss_kib / 1024, 1)

    @property
    def hwm_sum_mib(self) -> float:
        return round(sum(self.hwm_kib.values()) / 1024, 1)


@contextlib.asynccontextmanager
async def watching(watch: MemoryWatch, every_s: float = 0.25) -> AsyncIterator[MemoryWatch]:
    """Sample ``watch`` in the background while the block runs."""

    async def loop() -> None:
        while True:
            await asyncio.to_thread(watch.sample)
            await asyncio.sleep(every_s)

    task = asyncio.create_task(loop())
    try:
        yield watch
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        watch.sample()
