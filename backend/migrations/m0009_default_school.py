"""Existing data into the school model: a default school, and links that were already shown.

On a database that has classes or teachers from before schools existed, this creates one school
named "Default school" and puts every class, every teacher and every enrolled student into it,
so teachers keep their classes and students stay visible to them. An operator gives it an
administrator with `waypoint admin create --school "Default school" --login ...`.
Guardian links made before links needed confirming are marked confirmed ("existing" consent),
so no parent silently loses access on upgrade; the student sees them in "who can see my data"
and can end any of them. Sessions get their sign-in time from their creation time, so the
absolute session lifetime counts from then. A new, empty database gets no default school.
"""

from datetime import UTC, datetime

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Integer, Timestamptz, Varchar
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-02T12:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Existing classes, teachers and students into a default school; links confirmed"

DEFAULT_SCHOOL = "Default school"


# The tables as they are at this point of the history (not as backend/ defines them later).
class School(Table, tablename="school"):
    name = Varchar(length=120)
    created_at = Timestamptz(null=True)


class AppUser(Table, tablename="app_user"):
    role = Varchar(length=16)
    school = Integer(null=True)


class SchoolClass(Table, tablename="school_class"):
    school = Integer(null=True)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="waypoint", description=DESCRIPTION)

    async def backfill() -> None:
        engine = engine_finder()
        assert engine is not None
        await engine.run_ddl(
            "UPDATE guardian_link SET confirmed_at = created_at, consent = 'existing' "
            "WHERE confirmed_at IS NULL"
        )
        await engine.run_ddl(
            "UPDATE user_session SET signed_in_at = created_at WHERE signed_in_at IS NULL"
        )
        has_teachers = await AppUser.exists().where(
            (AppUser.role == "teacher") & AppUser.school.is_null()
        )
        if not has_teachers and not await SchoolClass.exists().where(SchoolClass.school.is_null()):
            return
        rows = await School.insert(School(name=DEFAULT_SCHOOL, created_at=datetime.now(UTC)))
        school = int(rows[0]["id"])
        await SchoolClass.update({SchoolClass.school: school}).where(SchoolClass.school.is_null())
        await engine.run_ddl(
            f"UPDATE app_user SET school = {school} WHERE school IS NULL AND "  # noqa: S608
            "(role = 'teacher' OR id IN (SELECT student FROM enrolment))"
        )

    manager.add_raw(backfill)
    return manager
