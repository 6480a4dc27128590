"""`make bench`: Waypoint's sync against a CouchDB-protocol peer and the storage ceiling.

    python -m infra.bench            # full run, about 10 minutes on 2 cores
    python -m infra.bench --quick    # smaller, about 2 minutes, for development

Prints a markdown table and writes `infra/bench/results/latest.json` and `latest.md`
(`quick.json` and `quick.md` for a quick run).
Exits non-zero when Waypoint's results are not correct (a device did not converge, a change
was lost or applied twice); missed performance targets are reported, not failed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from infra.bench import lanes, peer_lane, report, servers
from infra.bench.metrics import MemoryWatch
from infra.bench.workload import Shape

RESULTS = Path(__file__).resolve().parent / "results"
# The peer's npm install is kept between runs, outside the repository.
PEER_HOME = Path(
    os.environ.get("WAYPOINT_BENCH_PEER_DIR", "/tmp/waypoint-bench-peer")  # noqa: S108
)

# Saturated: every device comes back online at once with an offline session of 20-200 edits
# (the offline burst). Paced: the same number of devices online, each making an edit or three
# every ~5 s on average and pushing it at once (steady state), which is where push latency with
# 200 concurrent devices is judged.
FULL = lanes.Settings(
    load=Shape(students=100, devices_per_student=2, rounds=1),
    paced=Shape(
        students=100, devices_per_student=2, rounds=6, min_session=1, max_session=3, seed=8
    ),
    paced_think_s=10.0,
    growth_rows=(10_000, 100_000, 1_000_000),
    growth_pulls=40,
)
QUICK = lanes.Settings(
    load=Shape(students=15, devices_per_student=2, rounds=1),
    paced=Shape(students=15, devices_per_student=2, rounds=2, min_session=1, max_session=3, seed=8),
    paced_think_s=6.0,
    growth_rows=(10_000, 100_000),
    growth_pulls=20,
)


def _describe(settings: lanes.Settings) -> str:
    load, paced = settings.load, settings.paced
    return (
        f"saturated: {load.students} students x {load.devices_per_student} devices = "
        f"{load.devices} concurrent devices, {load.rounds} round(s) of an offline session of "
        f"{load.min_session}-{load.max_session} mutations each, pushed then pulled back to back; "
        f"paced: {paced.devices} devices, {paced.rounds} round(s) of "
        f"{paced.min_session}-{paced.max_session} mutations, each pushed after a random pause "
        f"of 0-{settings.paced_think_s:.0f} s, then pulled. Server and load generator share "
        f"the machine ({os.cpu_count()} cores, Python {platform.python_version()})."
    )


async def _peer(settings: lanes.Settings, scratch: Path) -> dict[str, Any]:
    binary = servers.install_peer(PEER_HOME)
    with servers.peer(binary, scratch) as running:
        watch = MemoryWatch(running.pid)
        saturated = await peer_lane.run(running, settings.load, 0.0, watch)
        paced = await peer_lane.run(running, settings.paced, settings.paced_think_s, watch)
    return {"saturated": saturated, "paced": paced, "peak_rss_mib": watch.peak_mib}


async def _run(settings: lanes.Settings, only: set[str] | None) -> dict[str, Any]:
    plan = [("sqlite", 1, True), ("postgres", 1, True), ("postgres", 2, False)]
    results: list[lanes.LaneResult] = []
    with tempfile.TemporaryDirectory(prefix="waypoint-bench-") as tmp:
        scratch = Path(tmp)
        for engine, workers, with_growth in plan:
            key = f"{engine}_{workers}w"
            if only and key not in only:
                continue
            print(f"[bench] {key} ...", file=sys.stderr, flush=True)
            started = time.monotonic()
            lane = await lanes.waypoint(engine, workers, settings, scratch, with_growth)
            results.append(lane)
            print(
                f"[bench] {key}: {lane.data['saturated']['mutations_per_s']} mutations/s "
                f"({time.monotonic() - started:.0f} s)",
                file=sys.stderr,
                flush=True,
            )
        print("[bench] peer ...", file=sys.stderr, flush=True)
        started = time.monotonic()
        peer = await _peer(settings, scratch)
        print(
            f"[bench] peer: {peer['saturated']['docs_per_s']} docs/s "
            f"({time.monotonic() - started:.0f} s)",
            file=sys.stderr,
            flush=True,
        )
    summary = report.summarise(results, peer)
    summary["failures"] = [f"{lane.name}: {f}" for lane in results for f in lane.failures]
    return summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m infra.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a smaller run for development")
    parser.add_argument(
        "--only",
        action="append",
        choices=["sqlite_1w", "postgres_1w", "postgres_2w"],
        help="run only these Waypoint lanes (the peer always runs)",
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    started = time.monotonic()
    summary = asyncio.run(_run(settings, set(args.only) if args.only else None))
    shapes = {"description": _describe(settings)}
    text = report.table(summary, shapes)
    summary["run"] = {
        "mode": "quick" if args.quick else "full",
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - started, 1),
        "workload": shapes["description"],
    }
    # Quick runs are for development; only a full run replaces the published results.
    stem = "quick" if args.quick else "latest"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{stem}.json").write_text(json.dumps(summary, indent=2) + "\n")
    (RESULTS / f"{stem}.md").write_text(text + "\n")
    print(text)
    if summary["failures"]:
        print("\nCORRECTNESS FAILURES:", file=sys.stderr)
        for failure in summary["failures"]:
            print("  " + failure, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
