"""Upgrading a database whose goals had only a free-text subject: each goal whose subject names
one of its student's classes is placed in that class, every other becomes personal, and nothing
is lost."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from sync.policy import policy_id
from tests.conftest import ENGINES
from tests.integration.commands import waypoint
from tests.integration.database import query
from tests.integration.servers import Server, engine_database
from tests.integration.test_school_migration import _migrate_up_to

BEFORE_SUBJECTS = "2026-12-02T18:00:00:000000"  # m0010, the last migration before subjects
CLOCK = "1790000000000-000000-phone"


def _record(
    server: Server,
    kind: str,
    record_id: str,
    space: int,
    version: int,
    fields: Mapping[str, object],
) -> None:
    query(
        server,
        "INSERT INTO sync_record (kind, record_id, space, fields, clocks, deleted, version, "
        "created_by, origin_client, updated_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        kind,
        record_id,
        space,
        json.dumps(fields),
        json.dumps(dict.fromkeys(fields, CLOCK)),
        False,
        version,
        space,
        "phone",
        1_790_000_000_000,
    )


def _goal(subject: str, status: str) -> dict[str, object]:
    return {
        "title": f"{subject or 'Untitled'} goal",
        "target": 10,
        "unit": "pages",
        "deadline": "2027-01-31",
        "subject": subject,
        "status": status,
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_goals_move_into_the_class_their_subject_names_or_become_personal(
    engine: str, tmp_path: Path
) -> None:
    with engine_database(engine) as database_url:
        old = Server(engine=engine, base_url="", data_dir=tmp_path, database_url=database_url)
        _migrate_up_to(old, BEFORE_SUBJECTS)
        query(old, "INSERT INTO school (name) VALUES ('Old school')")
        [school] = query(old, "SELECT id FROM school")
        ids = {}
        for role, login in (("teacher", "physicist"), ("teacher", "poet"), ("student", "amir")):
            query(
                old,
                "INSERT INTO app_user (role, login, display_name, password_hash, school) "
                "VALUES ($1, $2, $3, 'x', $4)",
                role,
                login,
                login.title(),
                school["id"],
            )
            ids[login] = query(old, "SELECT id FROM app_user WHERE login = $1", login)[0]["id"]
        classes = {}
        for teacher, name, code in (
            ("physicist", "Physics 9A", "PHY2345"),
            ("poet", "Literature", "LIT2345"),
        ):
            query(
                old,
                "INSERT INTO school_class (teacher, name, join_code, school, "
                "approve_new_goals, approve_target_decrease, approve_abandon, "
                "deadline_shift_free_days) VALUES ($1, $2, $3, $4, $5, $6, $7, 7)",
                ids[teacher],
                name,
                code,
                school["id"],
                *(True, True, True),
            )
            classes[name] = query(old, "SELECT id FROM school_class WHERE name = $1", name)[0]["id"]
            query(
                old,
                "INSERT INTO enrolment (school_class, student) VALUES ($1, $2)",
                classes[name],
                ids["amir"],
            )
        space = ids["amir"]
        _record(old, "goal", "g-physics", space, 1, _goal("physics", "active"))
        _record(old, "goal", "g-literature", space, 2, _goal("Literature", "proposed"))
        _record(old, "goal", "g-art", space, 3, _goal("Art", "proposed"))
        _record(old, "goal", "g-blank", space, 4, _goal("", "active"))
        pending = {"goal_id": "g-blank", "proposed": {"target": 5}, "status": "pending"}
        _record(old, "change_request", "r-blank", space, 5, pending)
        old_policy = {
            "approve_new_goals": True,
            "approve_target_decrease": True,
            "approve_abandon": True,
            "deadline_shift_free_days": 7,
        }
        _record(old, "policy", policy_id(space), space, 6, old_policy)
        query(old, "INSERT INTO sync_space (space, version, floor) VALUES ($1, 6, 0)", space)

        waypoint(old, "migrate")

        rows = query(
            old,
            "SELECT kind, record_id, fields, version FROM sync_record WHERE space = $1",
            space,
        )
        stored = {(r["kind"], r["record_id"]): json.loads(r["fields"]) for r in rows}
        placed = {
            record_id: (fields["class_id"], fields["status"])
            for (kind, record_id), fields in stored.items()
            if kind == "goal"
        }
        assert placed == {
            "g-physics": (classes["Physics 9A"], "active"),
            "g-literature": (classes["Literature"], "proposed"),
            # Personal now: nobody would decide on them, so they are the student's own.
            "g-art": (None, "active"),
            "g-blank": (None, "active"),
        }
        # Nothing else of a goal changed.
        assert stored[("goal", "g-art")]["title"] == "Art goal"
        assert stored[("change_request", "r-blank")]["status"] == "approved"
        # Every change is a new version, so devices pull it.
        [space_row] = query(old, "SELECT version FROM sync_space WHERE space = $1", space)
        versions = {r["record_id"]: r["version"] for r in rows}
        assert all(versions[g] > 6 for g in placed)
        assert space_row["version"] == max(versions.values())
        # The student's policy record lists both classes, each with its policy.
        [policy] = [f for (k, _), f in stored.items() if k == "policy"]
        assert sorted(policy["classes"]) == sorted(str(c) for c in classes.values())
        assert "approve_new_goals" not in policy
        # The new tables exist and are empty; classes are not homerooms.
        assert query(old, "SELECT COUNT(*) AS n FROM mentorship") == [{"n": 0}]
        assert {bool(r["homeroom"]) for r in query(old, "SELECT homeroom FROM school_class")} == {
            False
        }
