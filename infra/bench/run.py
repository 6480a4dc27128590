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
import subprocess
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
    growth_pulls=100,
)
QUICK = lanes.Settings(
    load=Shape(students=10, devices_per_student=2, rounds=1),
    paced=Shape(students=10, devices_per_student=2, rounds=2, min_session=1, max_session=3, seed=8),
    paced_think_s=4.0,
    growth_rows=(10_000, 100_000),
    growth_pulls=40,
)


def _source() -> dict[str, Any]:
    """The commit measured, and whether the server's code differed from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607
            cwd=servers.REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "backend", "sync"],  # noqa: S607
            cwd=servers.REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"commit": None, "uncommitted_server_changes": None}
    return {"commit": commit, "uncommitted_server_changes": bool(changed)}


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


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


async def _run(settings: lanes.Settings, only: set[str] | None) -> dict[str, Any]:
    """Each Waypoint lane, each followed at once by the peer's saturated phase, so every ratio
    compares two runs made under the same background load; then the peer's paced phase."""
    plan = [("sqlite", 1, True), ("postgres", 1, True), ("postgres", 2, False)]
    results: list[lanes.LaneResult] = []
    binary = servers.install_peer(PEER_HOME)
    with tempfile.TemporaryDirectory(prefix="waypoint-bench-") as tmp:
        scratch = Path(tmp)
        with servers.peer(binary, scratch) as peer_server:
            peer_watch = MemoryWatch(peer_server.pid)
            for engine, workers, with_growth in plan:
                key = f"{engine}_{workers}w"
                if only and key not in only:
                    continue
                _log(f"{key} ...")
                started = time.monotonic()
                lane = await lanes.waypoint(engine, workers, settings, scratch, with_growth)
                rate = lane.data["saturated"]["mutations_per_s"]
                _log(f"{key}: {rate} mutations/s ({time.monotonic() - started:.0f} s); peer ...")
                peer = await peer_lane.run(peer_server, settings.load, 0.0, peer_watch)
                lane.data["peer"] = peer
                _log(f"peer next to {key}: {peer['docs_per_s']} docs/s")
                results.append(lane)
            _log("peer paced ...")
            paced = await peer_lane.run(
                peer_server, settings.paced, settings.paced_think_s, peer_watch
            )
    peer_summary = {
        "saturated_runs": [lane.data["peer"] for lane in results],
        "paced": paced,
        "peak_rss_mib": peer_watch.peak_mib,
    }
    summary = report.summarise(results, peer_summary)
    summary["failures"] = [f"{lane.name}: {f}" for lane in results for f in lane.failures]
    summary["peer_failures"] = [
        f"peer next to {lane.name}: {f}" for lane in results for f in lane.data["peer"]["failures"]
    ]
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
        **_source(),
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
