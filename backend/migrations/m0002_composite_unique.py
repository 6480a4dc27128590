from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T03:58:30:000000"
VERSION = "1.38.0"
DESCRIPTION = "One enrolment per class and student; one link per parent and student"

STATEMENTS = (
    "CREATE UNIQUE INDEX enrolment_class_student ON enrolment (school_class, student)",
    "CREATE UNIQUE INDEX guardian_link_parent_student ON guardian_link (parent, student)",
)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="waypoint", description=DESCRIPTION)

    async def create_indexes() -> None:
        # Piccolo has no composite unique constraint; plain SQL that both engines accept.
        engine = engine_finder()
        assert engine is not None
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(create_indexes)
    return manager
