"""Track limits a school adjusts: per school and track, the week that counts as overloaded.

Additive: one new table. A school without a row for a track uses the track's defaults
(``backend.schools.tracks.DEFAULTS``); each student's limits stay in their synced ``track``
record, which the school's change republishes.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T06:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Track limits a school adjusts"

_SERIAL = {"sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT", "postgres": "SERIAL PRIMARY KEY"}
_TIME = {"sqlite": "TIMESTAMP", "postgres": "TIMESTAMPTZ"}


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="waypoint", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        dialect = "postgres" if engine.engine_type == "postgres" else "sqlite"
        await engine.run_ddl(
            f"CREATE TABLE track_limit (id {_SERIAL[dialect]}, "
            "school INTEGER NOT NULL REFERENCES school (id) ON DELETE CASCADE, "
            "track VARCHAR(20) NOT NULL, heavy_study_minutes INTEGER NOT NULL, "
            "scarce_free_minutes INTEGER NOT NULL, "
            f"updated_at {_TIME[dialect]} NOT NULL, UNIQUE (school, track))"
        )

    manager.add_raw(run)
    return manager
