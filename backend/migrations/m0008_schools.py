"""Schools, teacher invitations, password-reset codes, confirmed guardian links, session facts.

Additive only: two new tables (school, staff_invite, password_reset) and new nullable or
defaulted columns on existing ones, so an existing database keeps every row:
- app_user.school (null for parents) and app_user.active (true);
- school_class.school;
- guardian_link.invited_by, confirmed_at, confirmed_by, consent, consent_note;
- user_session.signed_in_at, last_seen_at, user_agent, client_ip.
The next migration puts existing classes, teachers and students into a default school and
marks existing guardian links confirmed.
"""

from typing import Any

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import Column, OnDelete, OnUpdate
from piccolo.columns.column_types import Boolean, ForeignKey, Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-02T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Schools, teacher invitations, reset codes, confirmed guardian links, session facts"


class User(Table, tablename="app_user", schema=None):
    pass


class School(Table, tablename="school", schema=None):
    pass


TABLES = (
    ("School", "school"),
    ("StaffInvite", "staff_invite"),
    ("PasswordReset", "password_reset"),
)


def _fk(references: type[Table], on_delete: OnDelete, **params: Any) -> dict[str, Any]:
    return {
        "references": references,
        "on_delete": on_delete,
        "on_update": OnUpdate.cascade,
        "target_column": None,
        "null": params.pop("null", True),
        "default": None,
        **params,
    }


_NULL_TIME: dict[str, Any] = {"null": True, "default": None}

# (class name, table, column, column class, params beyond the defaults below)
COLUMNS: tuple[tuple[str, str, str, type[Column], dict[str, Any]], ...] = (
    ("School", "school", "name", Varchar, {"length": 120, "default": "", "unique": True}),
    ("School", "school", "created_at", Timestamptz, _NULL_TIME),
    ("StaffInvite", "staff_invite", "code_hash", Varchar, {"length": 64, "unique": True}),
    ("StaffInvite", "staff_invite", "school", ForeignKey, _fk(School, OnDelete.cascade)),
    ("StaffInvite", "staff_invite", "issued_by", ForeignKey, _fk(User, OnDelete.cascade)),
    ("StaffInvite", "staff_invite", "created_at", Timestamptz, _NULL_TIME),
    ("StaffInvite", "staff_invite", "expires_at", Timestamptz, _NULL_TIME),
    ("StaffInvite", "staff_invite", "used_at", Timestamptz, _NULL_TIME),
    ("StaffInvite", "staff_invite", "used_by", ForeignKey, _fk(User, OnDelete.set_null)),
    ("PasswordReset", "password_reset", "code_hash", Varchar, {"length": 64, "unique": True}),
    ("PasswordReset", "password_reset", "user", ForeignKey, _fk(User, OnDelete.cascade)),
    ("PasswordReset", "password_reset", "issued_by", ForeignKey, _fk(User, OnDelete.cascade)),
    ("PasswordReset", "password_reset", "created_at", Timestamptz, _NULL_TIME),
    ("PasswordReset", "password_reset", "expires_at", Timestamptz, _NULL_TIME),
    ("PasswordReset", "password_reset", "used_at", Timestamptz, _NULL_TIME),
    ("User", "app_user", "school", ForeignKey, _fk(School, OnDelete.restrict, index=True)),
    ("User", "app_user", "active", Boolean, {"default": True}),
    ("SchoolClass", "school_class", "school", ForeignKey, _fk(School, OnDelete.restrict)),
    ("GuardianLink", "guardian_link", "invited_by", ForeignKey, _fk(User, OnDelete.set_null)),
    ("GuardianLink", "guardian_link", "confirmed_at", Timestamptz, _NULL_TIME),
    ("GuardianLink", "guardian_link", "confirmed_by", ForeignKey, _fk(User, OnDelete.set_null)),
    ("GuardianLink", "guardian_link", "consent", Varchar, {"length": 16, "default": ""}),
    ("GuardianLink", "guardian_link", "consent_note", Varchar, {"length": 200, "default": ""}),
    ("Session", "user_session", "signed_in_at", Timestamptz, _NULL_TIME),
    ("Session", "user_session", "last_seen_at", Timestamptz, _NULL_TIME),
    ("Session", "user_session", "user_agent", Varchar, {"length": 200, "default": ""}),
    ("Session", "user_session", "client_ip", Varchar, {"length": 64, "default": ""}),
)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="waypoint", description=DESCRIPTION)

    for class_name, tablename in TABLES:
        manager.add_table(class_name=class_name, tablename=tablename, schema=None, columns=None)

    for class_name, tablename, column_name, column_class, extra in COLUMNS:
        params: dict[str, Any] = {
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
            **extra,
        }
        manager.add_column(
            table_class_name=class_name,
            tablename=tablename,
            column_name=column_name,
            db_column_name=column_name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params=params,
            schema=None,
        )

    return manager
