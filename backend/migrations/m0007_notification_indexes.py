from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T05:00:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "One digest per parent and period, one push per digest and device, claim order"

STATEMENTS = (
    # The scheduler's idempotency: a restart or a second worker cannot make a second digest.
    "CREATE UNIQUE INDEX parent_digest_parent_period ON parent_digest (parent, period_key)",
    "CREATE UNIQUE INDEX push_outbox_digest_subscription ON push_outbox (digest, subscription)",
    # Dispatchers look for due pending rows and for claims whose lease ran out.
    "CREATE INDEX push_outbox_status_next ON push_outbox (status, next_attempt_ms)",
    "CREATE INDEX push_outbox_status_lease ON push_outbox (status, lease_until_ms)",
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
