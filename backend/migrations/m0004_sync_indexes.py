from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T04:09:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "Sync lookups: record by (kind, id), changes by (space, version), outcomes"

STATEMENTS = (
    "CREATE UNIQUE INDEX sync_record_kind_id ON sync_record (kind, record_id)",
    # Pull reads "space S after version V": an index range scan, whatever the table's size.
    "CREATE INDEX sync_record_space_version ON sync_record (space, version)",
    "CREATE UNIQUE INDEX sync_outcome_client_mutation ON sync_outcome (client_id, mutation_id)",
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
