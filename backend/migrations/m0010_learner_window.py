from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-02T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "The learner state reads a bounded window: an index by write time, kept totals"

STATEMENTS = (
    # Nudge ticks, digests and class overviews read a student's progress, time and nudges of
    # the last weeks only (backend/learner/store.py): an index range scan, not all history.
    "CREATE INDEX sync_record_kind_space_updated ON sync_record (kind, space, updated_ms)",
    # Progress and goal-linked study before the window, summed per goal and kept, so a read
    # adds a day's rows instead of years (backend/learner/store.py). Derived data: dropping
    # a space's rows only means summing again.
    "CREATE TABLE learner_total (space INTEGER NOT NULL, goal_id VARCHAR(64) NOT NULL, "
    "through_ms BIGINT NOT NULL, space_version BIGINT NOT NULL, computed_ms BIGINT NOT NULL, "
    "amount DOUBLE PRECISION NOT NULL, study_minutes DOUBLE PRECISION NOT NULL, "
    "PRIMARY KEY (space, goal_id))",
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
