"""Privacy: an account can be asked to be erased (``app_user.erase_after``, null: not asked),
and a student's first screen explains who sees what until they have read it
(``app_user.privacy_notice_at``, null: not yet).

Additive: two nullable columns, so every existing account stays as it is (and existing students
are shown the explanation once).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-03T14:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Accounts asked to be erased; when a student read who sees what"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="waypoint", description=DESCRIPTION)

    async def run() -> None:
        engine = engine_finder()
        assert engine is not None
        time_type = "TIMESTAMPTZ" if engine.engine_type == "postgres" else "TIMESTAMP"
        for column in ("erase_after", "privacy_notice_at"):
            await engine.run_ddl(f"ALTER TABLE app_user ADD COLUMN {column} {time_type} NULL")

    manager.add_raw(run)
    return manager
