"""Upgrading a database from before schools: existing classes, teachers and students move into a
default school, existing guardian links stay confirmed, and nothing is lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ENGINES
from tests.integration.commands import waypoint
from tests.integration.database import query
from tests.integration.servers import REPO, Server, engine_database

BEFORE_SCHOOLS = "2026-11-25T05:00:30:000000"  # m0007, the last migration before schools

USERS = (
    ("teacher", "oldteacher"),
    ("student", "oldstudent"),
    ("parent", "oldparent"),
)


def _migrate_up_to(server: Server, migration_id: str) -> None:
    script = (
        "import asyncio, backend\n"
        "from piccolo.apps.migrations.commands.forwards import run_forwards\n"
        f"result = asyncio.run(run_forwards(app_name='waypoint', migration_id={migration_id!r}))\n"
        "assert result.success, result.message\n"
    )
    env = {
        **os.environ,
        "WAYPOINT_DATA_DIR": str(server.data_dir),
        "DATABASE_URL": server.database_url or "",
    }
    subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, check=True, timeout=120)


@pytest.mark.parametrize("engine", ENGINES)
def test_existing_classes_and_people_move_into_a_default_school(
    engine: str, tmp_path: Path
) -> None:
    with engine_database(engine) as database_url:
        old = Server(engine=engine, base_url="", data_dir=tmp_path, database_url=database_url)
        _migrate_up_to(old, BEFORE_SCHOOLS)
        ids = {}
        for role, login in USERS:
            query(
                old,
                "INSERT INTO app_user (role, login, display_name, password_hash) "
                "VALUES ($1, $2, $3, 'x')",
                role,
                login,
                login.title(),
            )
            ids[role] = query(old, "SELECT id FROM app_user WHERE login = $1", login)[0]["id"]
        query(
            old,
            "INSERT INTO school_class (teacher, name, join_code) "
            "VALUES ($1, 'Old class', 'OLD2345')",
            ids["teacher"],
        )
        class_id = query(old, "SELECT id FROM school_class")[0]["id"]
        query(
            old,
            "INSERT INTO enrolment (school_class, student) VALUES ($1, $2)",
            class_id,
            ids["student"],
        )
        query(
            old,
            "INSERT INTO guardian_link (parent, student) VALUES ($1, $2)",
            ids["parent"],
            ids["student"],
        )

        waypoint(old, "migrate")

        [school] = query(old, "SELECT id, name FROM school")
        assert school["name"] == "Default school"
        people = {
            r["login"]: (r["school"], bool(r["active"]))
            for r in query(old, "SELECT login, school, active FROM app_user")
        }
        assert people == {
            "oldteacher": (school["id"], True),
            "oldstudent": (school["id"], True),
            "oldparent": (None, True),
        }
        assert query(old, "SELECT school FROM school_class") == [{"school": school["id"]}]
        [link] = query(old, "SELECT confirmed_at, consent FROM guardian_link")
        assert link["confirmed_at"] is not None
        assert link["consent"] == "existing"
        # The operator gives the default school its administrator.
        waypoint(
            old,
            *("admin", "create", "--school", "default SCHOOL", "--login", "director"),
            stdin="a long enough password\n",
        )
        [admin] = query(old, "SELECT role, school FROM app_user WHERE login = 'director'")
        assert admin == {"role": "admin", "school": school["id"]}
