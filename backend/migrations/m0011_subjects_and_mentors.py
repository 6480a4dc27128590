"""Goals belong to classes; students get mentors; classes can be homerooms.

Additive: a ``homeroom`` flag on classes (false), and two new tables, ``mentorship`` (one
mentor per student) and ``mentor_note`` (check-in notes).

Existing goals are placed in classes. A goal whose subject names exactly one of its student's
classes (the class's name, or the first words of it: "Physics" names "Physics 9A") gets that
class; every other goal becomes personal. A personal goal needs nobody's approval, so a goal
that was waiting for a teacher and becomes personal is active from here on, and an open change
request of a personal goal is closed as approved: no teacher would ever see it again. The
migration logs how many goals went where. Every goal it changes gets a new version in its
student's space, so devices pull the change; each enrolled student's ``policy`` record is
rewritten to list their classes, the shape the server now publishes.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.base import Engine
from piccolo.querystring import QueryString

ID = "2026-12-03T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Goals belong to classes; mentors and check-in notes; homeroom classes"

log = logging.getLogger("waypoint.migrations")

SERVER_CLIENT = "server"
POLICY_NAMESPACE = "5d3f2a71-9c4e-4b8a-a6d2-7e1f0c9b3a58"
POLICY_FIELDS = (
    "approve_new_goals",
    "approve_target_decrease",
    "approve_abandon",
    "deadline_shift_free_days",
)

_SERIAL = {"sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT", "postgres": "SERIAL PRIMARY KEY"}
_TIME = {"sqlite": "TIMESTAMP", "postgres": "TIMESTAMPTZ"}


def _tables(dialect: str) -> tuple[str, ...]:
    serial, time_type = _SERIAL[dialect], _TIME[dialect]
    return (
        "ALTER TABLE school_class ADD COLUMN homeroom BOOLEAN NOT NULL DEFAULT FALSE",
        f"CREATE TABLE mentorship (id {serial}, "
        "student INTEGER NOT NULL UNIQUE REFERENCES app_user (id) ON DELETE CASCADE, "
        "mentor INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE, "
        "assigned_by INTEGER NULL REFERENCES app_user (id) ON DELETE SET NULL, "
        f"created_at {time_type} NOT NULL)",
        "CREATE INDEX mentorship_mentor ON mentorship (mentor)",
        f"CREATE TABLE mentor_note (id {serial}, "
        "student INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE, "
        "author INTEGER NULL REFERENCES app_user (id) ON DELETE SET NULL, "
        "body VARCHAR(1000) NOT NULL, next_steps VARCHAR(500) NOT NULL DEFAULT '', "
        "shared_with_parents BOOLEAN NOT NULL DEFAULT FALSE, "
        f"created_at {time_type} NOT NULL)",
        "CREATE INDEX mentor_note_student ON mentor_note (student)",
    )


def matching_class(subject: str, classes: dict[int, str]) -> int | None:
    """The one class whose name the subject names (whole words from the start), else None."""
    words = subject.casefold().split()
    if not words:
        return None
    found = [
        class_id
        for class_id, name in classes.items()
        if name.casefold().split()[: len(words)] == words
    ]
    return found[0] if len(found) == 1 else None


async def _rows(engine: Engine[Any], sql: str, *args: Any) -> list[dict[str, Any]]:
    return list(await engine.run_querystring(QueryString(sql, *args)) or [])


class _Writer:
    """Writes records the way the sync engine does: each a new version of its space."""

    def __init__(self, engine: Engine[Any]) -> None:
        self.engine = engine
        self.now_ms = int(time.time() * 1000)
        self.counter = 0

    def clock(self) -> str:
        self.counter += 1
        return f"{self.now_ms:013d}-{self.counter:06d}-{SERVER_CLIENT}"

    async def version(self, space: int) -> int:
        rows = await _rows(
            self.engine,
            "INSERT INTO sync_space (space, version, floor) VALUES ({}, 1, 0) "
            "ON CONFLICT (space) DO UPDATE SET version = sync_space.version + 1 "
            "RETURNING version",
            space,
        )
        return int(rows[0]["version"])

    async def update(self, row_id: int, space: int, fields: dict[str, Any], clocks: Any) -> None:
        await _rows(
            self.engine,
            "UPDATE sync_record SET fields = {}, clocks = {}, version = {}, updated_ms = {} "
            "WHERE id = {}",
            json.dumps(fields),
            json.dumps(clocks),
            await self.version(space),
            self.now_ms,
            row_id,
        )

    async def upsert_policy(self, space: int, fields: dict[str, Any]) -> None:
        record_id = str(uuid.uuid5(uuid.UUID(POLICY_NAMESPACE), f"policy:{space}"))
        clocks = dict.fromkeys(fields, self.clock())
        found = await _rows(
            self.engine,
            "SELECT id FROM sync_record WHERE kind = 'policy' AND record_id = {}",
            record_id,
        )
        if found:
            await self.update(int(found[0]["id"]), space, fields, clocks)
            return
        await _rows(
            self.engine,
            "INSERT INTO sync_record (kind, record_id, space, fields, clocks, deleted, version, "
            "created_by, origin_client, updated_ms) VALUES ('policy', {}, {}, {}, {}, {}, {}, {}, "
            "{}, {})",
            record_id,
            space,
            json.dumps(fields),
            json.dumps(clocks),
            False,
            await self.version(space),
            space,
            SERVER_CLIENT,
            self.now_ms,
        )


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


async def _classes_of_students(engine: Engine[Any]) -> dict[int, dict[int, dict[str, Any]]]:
    rows = await _rows(
        engine,
        "SELECT e.student AS student, c.id AS class_id, c.name AS name, "
        "u.display_name AS teacher_name, " + ", ".join(f"c.{f} AS {f}" for f in POLICY_FIELDS) + " "
        "FROM enrolment e JOIN school_class c ON c.id = e.school_class "
        "LEFT JOIN app_user u ON u.id = c.teacher",
    )
    found: dict[int, dict[int, dict[str, Any]]] = {}
    for r in rows:
        found.setdefault(int(r["student"]), {})[int(r["class_id"])] = r
    return found


async def place_goals(engine: Engine[Any]) -> dict[str, int]:
    """Place each existing goal in its class or make it personal (see the module docstring)."""
    writer = _Writer(engine)
    classes = await _classes_of_students(engine)
    goals = await _rows(
        engine,
        "SELECT id, record_id, space, fields, clocks FROM sync_record "
        "WHERE kind = 'goal' AND deleted = {} ORDER BY space, id",
        False,
    )
    counts = {"placed": 0, "personal": 0, "activated": 0, "requests_closed": 0}
    personal_ids: dict[int, set[str]] = {}
    for goal in goals:
        fields, clocks = _loads(goal["fields"]), _loads(goal["clocks"])
        if not isinstance(fields, dict) or not isinstance(clocks, dict) or "class_id" in fields:
            continue
        space = int(goal["space"])
        names = {cid: str(c["name"]) for cid, c in classes.get(space, {}).items()}
        subject = fields.get("subject")
        class_id = matching_class(subject if isinstance(subject, str) else "", names)
        fields["class_id"] = class_id
        clocks["class_id"] = writer.clock()
        if class_id is None:
            counts["personal"] += 1
            personal_ids.setdefault(space, set()).add(str(goal["record_id"]))
            if fields.get("status") == "proposed":
                fields["status"] = "active"
                clocks["status"] = writer.clock()
                counts["activated"] += 1
        else:
            counts["placed"] += 1
        await writer.update(int(goal["id"]), space, fields, clocks)
    requests = await _rows(
        engine,
        "SELECT id, space, fields, clocks FROM sync_record "
        "WHERE kind = 'change_request' AND deleted = {}",
        False,
    )
    for request in requests:
        fields, clocks = _loads(request["fields"]), _loads(request["clocks"])
        space = int(request["space"])
        if (
            not isinstance(fields, dict)
            or fields.get("status") != "pending"
            or fields.get("goal_id") not in personal_ids.get(space, set())
        ):
            continue
        fields["status"] = "approved"
        fields["teacher_comment"] = "The goal became personal: it needs no approval."
        for name in ("status", "teacher_comment"):
            clocks[name] = writer.clock()
        counts["requests_closed"] += 1
        await writer.update(int(request["id"]), space, fields, clocks)
    for student, terms in classes.items():
        listed = {
            str(cid): {
                "name": str(c["name"])[:80],
                "teacher_name": str(c["teacher_name"] or "")[:80],
                "policy": {
                    f: (int(c[f]) if f == "deadline_shift_free_days" else bool(c[f]))
                    for f in POLICY_FIELDS
                },
            }
            for cid, c in sorted(terms.items())
        }
        await writer.upsert_policy(student, {"classes": listed})
    return counts


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="waypoint", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        dialect = "postgres" if engine.engine_type == "postgres" else "sqlite"
        for statement in _tables(dialect):
            await engine.run_ddl(statement)
        counts = await place_goals(engine)
        log.info(
            "goals placed in their class: %(placed)d; made personal: %(personal)d (of them "
            "%(activated)d were waiting for approval and are now active); change requests of "
            "personal goals closed: %(requests_closed)d",
            counts,
        )

    manager.add_raw(run)
    return manager
