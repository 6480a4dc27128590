from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-02T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Records by kind, space and write time: the learner state reads a bounded window"

STATEMENTS = (
    # Nudge ticks, digests and class overviews read a student's progress, time and nudges of
    # the last weeks only (backend/learner/store.py): an index range scan, not all history.
    "CREATE INDEX sync_record_kind_space_updated ON sync_record (kind, space, updated_ms)",
)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="waypoint", description=DESCRIPTION)

    async def create_indexes() -> None:
        engine = engine_finder()
        assert engine is not None
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(create_indexes)
    return manager
