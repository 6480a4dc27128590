"""Learning objectives: a class lists what its students should be able to do.

Additive: one new table. Students' mastery of each objective is a synced record in their space
(kind ``mastery``), so it needs no table of its own.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T03:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Learning objectives of a class"

_SERIAL = {"sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT", "postgres": "SERIAL PRIMARY KEY"}
_TIME = {"sqlite": "TIMESTAMP", "postgres": "TIMESTAMPTZ"}


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="waypoint", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        dialect = "postgres" if engine.engine_type == "postgres" else "sqlite"
        await engine.run_ddl(
            f"CREATE TABLE objective (id {_SERIAL[dialect]}, "
            "school_class INTEGER NOT NULL REFERENCES school_class (id) ON DELETE CASCADE, "
            "code VARCHAR(20) NOT NULL DEFAULT '', title VARCHAR(200) NOT NULL, "
            f"position INTEGER NOT NULL, created_at {_TIME[dialect]} NOT NULL)"
        )
        await engine.run_ddl("CREATE INDEX objective_school_class ON objective (school_class)")

    manager.add_raw(run)
    return manager
