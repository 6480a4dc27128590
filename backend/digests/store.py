"""Reading a child's records for a digest, and storing the digest a parent receives.

Plain SQL on an explicit engine, so the scheduler runs the same way inside the app, in a command
and in tests that point it at a server's database.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import msgspec
from piccolo.engine.base import Engine

from backend.db import run_sql
from backend.digests.inputs import ChildInput
from backend.learner.store import learner_records


async def student_input(engine: Engine[Any], student_id: int) -> ChildInput | None:
    """One student's digest inputs, or None when there is no such student."""
    rows = await run_sql(
        engine,
        "SELECT id, display_name, time_zone FROM app_user WHERE id = {} AND role = {}",
        student_id,
        "student",
    )
    if not rows:
        return None
    row = rows[0]
    records = await learner_records(engine, [student_id])
    return ChildInput(
        student_id=int(row["id"]),
        name=row["display_name"],
        time_zone=row["time_zone"],
        records=records[student_id],
    )


async def children_inputs(
    engine: Engine[Any], parent_id: int, muted: Collection[int] = ()
) -> list[ChildInput]:
    """Digest inputs of every child linked to ``parent_id`` by a confirmed link, except the
    muted ones, by name. A link the student has not confirmed yet tells the parent nothing."""
    rows = await run_sql(
        engine,
        "SELECT u.id, u.display_name, u.time_zone FROM guardian_link g "
        "JOIN app_user u ON u.id = g.student WHERE g.parent = {} "
        "AND g.confirmed_at IS NOT NULL ORDER BY u.display_name, u.id",
        parent_id,
    )
    shown = [row for row in rows if int(row["id"]) not in muted]
    records = await learner_records(engine, [int(row["id"]) for row in shown])
    return [
        ChildInput(
            student_id=int(row["id"]),
            name=row["display_name"],
            time_zone=row["time_zone"],
            records=records[int(row["id"])],
        )
        for row in shown
    ]


async def recipients(engine: Engine[Any], student_id: int) -> list[tuple[str, str]]:
    """(parent's name, how often they hear about this student: daily, weekly or off).

    The same rules as the scheduler: saved preferences and mutes, else weekly once a device is
    subscribed, else nothing.
    """
    rows = await run_sql(
        engine,
        "SELECT u.display_name, p.id AS preference, p.frequency, p.muted, "
        "EXISTS (SELECT 1 FROM push_subscription s WHERE s.owner = u.id) AS subscribed "
        "FROM guardian_link g JOIN app_user u ON u.id = g.parent "
        "LEFT JOIN push_preference p ON p.parent = u.id WHERE g.student = {} "
        "AND g.confirmed_at IS NOT NULL ORDER BY u.display_name, u.id",
        student_id,
    )
    found: list[tuple[str, str]] = []
    for row in rows:
        if row["preference"] is None:
            frequency = "weekly" if row["subscribed"] else "off"
        elif student_id in msgspec.json.decode(row["muted"] or "[]", type=list[int]):
            frequency = "off"
        else:
            frequency = str(row["frequency"])
        found.append((str(row["display_name"]), frequency))
    return found
