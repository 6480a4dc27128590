"""One lane end to end: start the server, enrol the students, run the load, verify, measure."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infra.bench import ceiling, growth, servers
from infra.bench.metrics import MemoryWatch, Traffic, load_average, watching
from infra.bench.waypoint_lane import Student, attach_devices, enrol, run_rounds, set_up, verify
from infra.bench.workload import Shape, plan


@dataclass
class Settings:
    """Sizes of one run (see `run.QUICK` and `run.FULL`)."""

    load: Shape
    paced: Shape
    paced_think_s: float
    growth_rows: tuple[int, ...]
    growth_pulls: int


@dataclass
class LaneResult:
    name: str
    engine: str
    workers: int
    data: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


async def _close(students: list[Student]) -> None:
    for student in students:
        for device in student.devices:
            await device.http.aclose()


async def _load(
    server: servers.Running, shape: Shape, think_s: float, watch: MemoryWatch
) -> dict[str, Any]:
    students = await enrol(server, plan(shape))
    push, pull = Traffic(), Traffic()
    setup_push, setup_pull = Traffic(), Traffic()
    for student in students:
        attach_devices(server.base_url, student, setup_push, setup_pull)
    try:
        await set_up(students)
        for student in students:
            for device in student.devices:
                device.push_traffic, device.pull_traffic = push, pull
        load_before = load_average()
        async with watching(watch):
            started = time.perf_counter()
            mutations = await run_rounds(students, shape.rounds, think_s, shape.seed)
            elapsed = time.perf_counter() - started
        verdict = await verify(server.base_url, students)
    finally:
        await _close(students)
    return {
        "devices": shape.devices,
        "mutations": mutations,
        "seconds": round(elapsed, 2),
        "mutations_per_s": round(mutations / elapsed, 1),
        "push": push.summary(),
        "pull": pull.summary(),
        "bytes_per_mutation": round((push.bytes + pull.bytes) / mutations, 1),
        "push_bytes_per_mutation": round(push.bytes / mutations, 1),
        "pull_bytes_per_mutation": round(pull.bytes / mutations, 1),
        "transport_retries": sum(d.retries for s in students for d in s.devices),
        "server_errors": sum(sum(d.server_errors.values()) for s in students for d in s.devices),
        "load_average": [load_before, load_average()],
        "records": verdict.records,
        "conflict_notices": verdict.conflict_notices,
        "outcomes": dict(verdict.outcomes),
        "correct": verdict.ok,
        "failures": verdict.failures[:20],
    }


async def waypoint(
    engine: str, workers: int, settings: Settings, scratch: Path, with_growth: bool
) -> LaneResult:
    """Run the Waypoint workload on one engine and worker count."""
    result = LaneResult(name=f"waypoint {engine} {workers}w", engine=engine, workers=workers)
    async with _database(engine) as database_url:
        with servers.waypoint(engine, workers, scratch, database_url) as server:
            watch = MemoryWatch(server.pid)
            saturated = await _load(server, settings.load, 0.0, watch)
            paced = await _load(server, settings.paced, settings.paced_think_s, watch)
            result.data["saturated"] = saturated
            result.data["paced"] = paced
            result.data["server_peak_rss_mib"] = watch.peak_mib
            result.data["server_hwm_sum_mib"] = watch.hwm_sum_mib
            for phase in (saturated, paced):
                result.failures.extend(phase["failures"])
            if with_growth:
                result.data["pull_ms_by_db_rows"] = await growth.measure(
                    server, settings.growth_rows, settings.growth_pulls
                )
        result.data["server_log_errors"] = servers.error_lines(server.log_path)
        result.data["ceiling"] = await ceiling.measure(
            server.sqlite_path, database_url, saturated["mutations"], settings.load
        )
    return result


def _database(engine: str) -> Any:
    if engine == "postgres":
        return servers.scratch_postgres()
    return _no_database()


class _no_database:
    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc: object) -> None:
        return None
