"""Stored push outcomes know when they were stored, so retention can remove old ones.

Additive: ``sync_outcome.created_ms`` (epoch milliseconds, like the other sync times) with an
index. Outcomes stored before this migration count from the moment it runs: none of them is
removed sooner than the retention period after the upgrade.
"""

import time

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-03T15:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "When each stored push outcome was stored"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="waypoint", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        now_ms = int(time.time() * 1000)
        await engine.run_ddl(
            f"ALTER TABLE sync_outcome ADD COLUMN created_ms BIGINT NOT NULL DEFAULT {now_ms}"
        )
        await engine.run_ddl("CREATE INDEX sync_outcome_created ON sync_outcome (created_ms)")

    manager.add_raw(run)
    return manager
