from typing import Any

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import Column, OnDelete, OnUpdate
from piccolo.columns.column_types import (
    BigInt,
    ForeignKey,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-11-25T05:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Push subscriptions, digest preferences, stored digests, push outbox and attempts"


class User(Table, tablename="app_user", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


class ParentDigest(Table, tablename="parent_digest", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


class PushSubscription(Table, tablename="push_subscription", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


class PushOutbox(Table, tablename="push_outbox", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


TABLES = (
    ("ParentDigest", "parent_digest"),
    ("PushSubscription", "push_subscription"),
    ("PushPreference", "push_preference"),
    ("PushOutbox", "push_outbox"),
    ("PushAttempt", "push_attempt"),
)


def _foreign_key(references: type[Table], on_delete: OnDelete, **params: Any) -> dict[str, Any]:
    return {
        "references": references,
        "on_delete": on_delete,
        "on_update": OnUpdate.cascade,
        "target_column": None,
        "null": params.pop("null", True),
        **params,
    }


# (class name, table, column, column class, params beyond the defaults below)
COLUMNS: tuple[tuple[str, str, str, type[Column], dict[str, Any]], ...] = (
    (
        "ParentDigest",
        "parent_digest",
        "parent",
        ForeignKey,
        _foreign_key(User, OnDelete.cascade, index=True),
    ),
    ("ParentDigest", "parent_digest", "period_key", Varchar, {"length": 32, "default": ""}),
    ("ParentDigest", "parent_digest", "kind", Varchar, {"length": 8, "default": ""}),
    ("ParentDigest", "parent_digest", "period_start_ms", BigInt, {"default": 0}),
    ("ParentDigest", "parent_digest", "period_end_ms", BigInt, {"default": 0}),
    ("ParentDigest", "parent_digest", "created_ms", BigInt, {"default": 0}),
    ("ParentDigest", "parent_digest", "title", Varchar, {"length": 120, "default": ""}),
    ("ParentDigest", "parent_digest", "body", Varchar, {"length": 200, "default": ""}),
    ("ParentDigest", "parent_digest", "content", Text, {"default": "{}"}),
    (
        "PushSubscription",
        "push_subscription",
        "owner",
        ForeignKey,
        _foreign_key(User, OnDelete.cascade, index=True),
    ),
    (
        "PushSubscription",
        "push_subscription",
        "endpoint",
        Varchar,
        {"length": 2048, "default": "", "unique": True},
    ),
    ("PushSubscription", "push_subscription", "p256dh", Varchar, {"length": 100, "default": ""}),
    ("PushSubscription", "push_subscription", "auth", Varchar, {"length": 32, "default": ""}),
    (
        "PushSubscription",
        "push_subscription",
        "created_at",
        Timestamptz,
        {"default": TimestamptzNow()},
    ),
    (
        "PushSubscription",
        "push_subscription",
        "updated_at",
        Timestamptz,
        {"default": TimestamptzNow()},
    ),
    (
        "PushPreference",
        "push_preference",
        "parent",
        ForeignKey,
        _foreign_key(User, OnDelete.cascade, unique=True),
    ),
    ("PushPreference", "push_preference", "frequency", Varchar, {"length": 8, "default": "weekly"}),
    ("PushPreference", "push_preference", "send_time", Varchar, {"length": 5, "default": "18:00"}),
    ("PushPreference", "push_preference", "weekday", Integer, {"default": 7}),
    ("PushPreference", "push_preference", "time_zone", Varchar, {"length": 64, "default": "UTC"}),
    (
        "PushPreference",
        "push_preference",
        "quiet_start",
        Varchar,
        {"length": 5, "default": None, "null": True},
    ),
    (
        "PushPreference",
        "push_preference",
        "quiet_end",
        Varchar,
        {"length": 5, "default": None, "null": True},
    ),
    ("PushPreference", "push_preference", "muted", Text, {"default": "[]"}),
    ("PushPreference", "push_preference", "updated_at", Timestamptz, {"default": TimestamptzNow()}),
    (
        "PushOutbox",
        "push_outbox",
        "digest",
        ForeignKey,
        _foreign_key(ParentDigest, OnDelete.cascade, index=True),
    ),
    (
        "PushOutbox",
        "push_outbox",
        "subscription",
        ForeignKey,
        _foreign_key(PushSubscription, OnDelete.set_null, index=True),
    ),
    ("PushOutbox", "push_outbox", "parent", Integer, {"default": 0}),
    ("PushOutbox", "push_outbox", "topic", Varchar, {"length": 32, "default": ""}),
    ("PushOutbox", "push_outbox", "payload", Text, {"default": ""}),
    ("PushOutbox", "push_outbox", "ttl", Integer, {"default": 0}),
    ("PushOutbox", "push_outbox", "urgency", Varchar, {"length": 8, "default": "normal"}),
    ("PushOutbox", "push_outbox", "status", Varchar, {"length": 12, "default": "pending"}),
    ("PushOutbox", "push_outbox", "attempts", Integer, {"default": 0}),
    ("PushOutbox", "push_outbox", "next_attempt_ms", BigInt, {"default": 0}),
    ("PushOutbox", "push_outbox", "lease_until_ms", BigInt, {"default": 0}),
    ("PushOutbox", "push_outbox", "claim_token", Varchar, {"length": 40, "default": ""}),
    ("PushOutbox", "push_outbox", "created_ms", BigInt, {"default": 0}),
    ("PushOutbox", "push_outbox", "finished_ms", BigInt, {"default": 0}),
    ("PushOutbox", "push_outbox", "last_status", Integer, {"default": None, "null": True}),
    ("PushOutbox", "push_outbox", "last_error", Varchar, {"length": 300, "default": ""}),
    (
        "PushAttempt",
        "push_attempt",
        "outbox",
        ForeignKey,
        _foreign_key(PushOutbox, OnDelete.cascade, index=True),
    ),
    ("PushAttempt", "push_attempt", "at_ms", BigInt, {"default": 0}),
    ("PushAttempt", "push_attempt", "worker", Varchar, {"length": 64, "default": ""}),
    ("PushAttempt", "push_attempt", "status_code", Integer, {"default": None, "null": True}),
    ("PushAttempt", "push_attempt", "outcome", Varchar, {"length": 16, "default": ""}),
    ("PushAttempt", "push_attempt", "detail", Varchar, {"length": 300, "default": ""}),
    ("PushAttempt", "push_attempt", "duration_ms", Integer, {"default": 0}),
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
