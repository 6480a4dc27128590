"""The scheduler's jobs at two history sizes: does their cost grow with years of history?

For each size, a fresh database holds ``--students`` students with four goals each and
``--months`` of history written as it happened (two progress events and a study entry a day,
nudges twice a week). One nudge tick (``create_due_nudges``) and one digest build for every
student (what a digest tick and the previews read and compute) are timed; the best of
``--runs`` is reported. The learner state reads a bounded window, so the 12-month figure
should stay within 25% of the 1-month one.

    python -m infra.bench.jobs [--students 1000] [--engine sqlite|postgres] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sync import hlc

SIZES = (1, 12)
ZONE = "Asia/Almaty"
DAY_MS = 86_400_000


class _Records:
    """The sync_record rows a bench database starts with, and each space's top version."""

    def __init__(self) -> None:
        self.rows: list[tuple[Any, ...]] = []
        self.version: dict[int, int] = {}

    def add(self, space: int, kind: str, fields: dict[str, Any], at_ms: int) -> None:
        self.version[space] = self.version.get(space, 0) + 1
        clock = hlc.tick(None, at_ms, "bench")
        self.rows.append(
            (
                kind,
                str(uuid.uuid4()),
                space,
                json.dumps(fields),
                json.dumps(dict.fromkeys(fields, clock)),
                False,
                self.version[space],
                space,
                "bench",
                at_ms,
            )
        )


def _student_history(
    records: _Records, space: int, now: dt.datetime, days: int, months: int
) -> None:
    """Four goals and `days` days of progress, study time and nudges for one student."""
    now_ms = int(now.timestamp() * 1000)
    first_ms = now_ms - days * DAY_MS
    goals = []
    for g in range(4):
        goal_id = str(uuid.uuid4())
        goals.append(goal_id)
        deadline = (now + dt.timedelta(days=30 + 10 * g)).date().isoformat()
        start_day = (now - dt.timedelta(days=days)).date().isoformat()
        fields: dict[str, Any] = {
            "title": f"Goal {g}",
            "unit": "hours" if g == 3 else "pages",
            "target": 40 * months + 50,
            "start_date": start_day,
            "deadline": deadline,
            "status": "active",
        }
        records.add(space, "goal", fields, first_ms)
    for day in range(days):
        at_ms = first_ms + day * DAY_MS + 11 * 3_600_000
        at = dt.datetime.fromtimestamp(at_ms / 1000, dt.UTC).isoformat()
        for g in (day % 3, (day + 1) % 3):
            records.add(
                space,
                "progress",
                {"goal_id": goals[g], "amount": 1, "occurred_at": at},
                at_ms,
            )
        records.add(
            space,
            "time_entry",
            {
                "kind": "study",
                "goal_id": goals[3],
                "started_at": at,
                "minutes": 45,
                "running": False,
            },
            at_ms,
        )
        if day % 3 == 0:
            records.add(
                space,
                "nudge",
                {"kind": "inactivity", "title": "Nudge", "fired_at": at, "goal_id": None},
                at_ms,
            )


def _run_one(args: argparse.Namespace) -> None:
    # Imported here: the settings read the environment the parent process prepared.
    from backend.accounts.tables import User
    from backend.clock import utcnow
    from backend.coaching.service import create_due_nudges
    from backend.db import run_sql
    from backend.digests.content import build_section
    from backend.digests.period import latest_period
    from backend.digests.store import student_input
    from backend.migrate import migrate

    async def seed() -> list[int]:
        await migrate()
        now = utcnow()
        users = [
            User(
                role="student",
                login=f"bench{n}",
                display_name=f"Student {n}",
                password_hash="-",  # noqa: S106 - these accounts never sign in
                time_zone=ZONE,
                created_at=now,
            )
            for n in range(args.students)
        ]
        for start in range(0, len(users), 500):
            await User.insert(*users[start : start + 500])
        ids = [int(r["id"]) for r in await User.select(User.id).where(User.role == "student")]
        days = args.months * 30
        engine = User._meta.db
        records = _Records()
        for space in ids:
            _student_history(records, space, now, days, args.months)
        rows, version = records.rows, records.version
        columns = (
            "kind, record_id, space, fields, clocks, deleted, version, created_by, "
            "origin_client, updated_ms"
        )
        marks = "(" + ", ".join("{}" for _ in range(10)) + ")"
        for start in range(0, len(rows), 200):
            chunk = rows[start : start + 200]
            await run_sql(
                engine,
                f"INSERT INTO sync_record ({columns}) VALUES "  # noqa: S608
                + ", ".join(marks for _ in chunk),
                *[value for row in chunk for value in row],
            )
        for space, top in version.items():
            await run_sql(
                engine,
                "INSERT INTO sync_space (space, version, floor) VALUES ({}, {}, 0)",
                space,
                top,
            )
        return ids

    async def measure() -> dict[str, Any]:
        ids = await seed()
        rows = await run_sql(User._meta.db, "SELECT COUNT(*) AS n FROM sync_record")
        local = dt.datetime.now(dt.UTC).astimezone(__import__("zoneinfo").ZoneInfo(ZONE))
        judged = local.replace(hour=16, minute=0, second=0, microsecond=0)
        nudge_s, digest_s = [], []
        for _ in range(args.runs):
            began = time.perf_counter()
            await create_due_nudges(judged)
            nudge_s.append(time.perf_counter() - began)
            began = time.perf_counter()
            period = latest_period("weekly", judged, ZONE)
            for student in ids:
                child = await student_input(User._meta.db, student)
                assert child is not None
                build_section(child, period, "en")
            digest_s.append(time.perf_counter() - began)
        return {
            "months": args.months,
            "students": len(ids),
            "records": int(rows[0]["n"]),
            "nudge_tick_s": min(nudge_s),
            "digest_build_s": min(digest_s),
        }

    if os.environ.get("WAYPOINT_JOBS_PROFILE"):
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        result = asyncio.run(measure())
        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    else:
        result = asyncio.run(measure())
    print(json.dumps(result))


def _scratch_postgres(base: str) -> str:
    import asyncpg  # the tests' driver; only this bench mode needs it

    name = f"waypoint_jobs_{uuid.uuid4().hex[:8]}"

    async def create() -> None:
        conn = await asyncpg.connect(base)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    asyncio.run(create())
    return base.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--students", type=int, default=1000)
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--months", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.months:
        _run_one(args)
        return
    results = []
    for months in SIZES:
        with tempfile.TemporaryDirectory(prefix="waypoint-jobs-") as data_dir:
            env = {
                **os.environ,
                "WAYPOINT_DATA_DIR": data_dir,
                "WAYPOINT_DEMO_DATA": "false",
                "WAYPOINT_SCHEDULER": "false",
                "DATABASE_URL": "",
            }
            if args.engine == "postgres":
                env["DATABASE_URL"] = _scratch_postgres(
                    os.environ.get(
                        "WAYPOINT_BENCH_POSTGRES_URL", "postgresql://127.0.0.1:5432/postgres"
                    )
                )
            done = subprocess.run(  # noqa: S603 - our own module, our own arguments
                [
                    sys.executable,
                    "-m",
                    "infra.bench.jobs",
                    "--months",
                    str(months),
                    "--students",
                    str(args.students),
                    "--runs",
                    str(args.runs),
                ],
                env=env,
                capture_output=True,
                text=True,
                check=False,
                cwd=Path(__file__).resolve().parents[2],
            )
            if done.returncode != 0:
                sys.exit(done.stderr)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    small, large = results
    print(f"scheduler jobs, {args.engine}, {small['students']} students (best of {args.runs})")
    print("| history | records | nudge tick | digest build for every student |")
    print("|---|---|---|---|")
    for r in results:
        print(
            f"| {r['months']} month(s) | {r['records']:,} | {r['nudge_tick_s']:.2f} s "
            f"| {r['digest_build_s']:.2f} s |"
        )
    for name in ("nudge_tick_s", "digest_build_s"):
        growth = large[name] / small[name] - 1
        verdict = "met" if growth <= 0.25 else "NOT met"
        label = name[:-2].replace("_", " ")
        print(f"{label} growth 1 -> 12 months: {growth:+.0%} (goal <= 25%: {verdict})")


if __name__ == "__main__":
    main()
