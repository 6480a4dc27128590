"""Push subscriptions, parents' digest preferences, and the durable outbox of pushes."""

from piccolo.columns import (
    BigInt,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.accounts.tables import User
from backend.digests.tables import ParentDigest


class PushSubscription(Table, tablename="push_subscription"):
    """One device's Web Push subscription; an endpoint is unique (re-subscribing replaces it)."""

    id = Serial(primary_key=True)
    owner = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    endpoint = Varchar(length=2048, unique=True)
    p256dh = Varchar(length=100)
    auth = Varchar(length=32)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class PushPreference(Table, tablename="push_preference"):
    """A parent's digest settings; a parent without a row gets the defaults."""

    id = Serial(primary_key=True)
    parent = ForeignKey(references=User, on_delete=OnDelete.cascade, unique=True)
    frequency = Varchar(length=8, default="weekly")
    send_time = Varchar(length=5, default="18:00")
    weekday = Integer(default=7)
    time_zone = Varchar(length=64, default="UTC")
    quiet_start = Varchar(length=5, null=True, default=None)
    quiet_end = Varchar(length=5, null=True, default=None)
    muted = Text(default="[]")
    updated_at = Timestamptz()


class PushOutbox(Table, tablename="push_outbox"):
    """One push of one digest to one subscription, until it is sent or given up.

    ``status`` is pending, sending (claimed until ``lease_until_ms``), sent, gone (the
    subscription no longer exists) or failed. ``claim_token`` fences a finish: a dispatcher whose
    lease ran out cannot overwrite the row another one claimed since.
    """

    id = Serial(primary_key=True)
    digest = ForeignKey(references=ParentDigest, on_delete=OnDelete.cascade, index=True)
    subscription = ForeignKey(
        references=PushSubscription, on_delete=OnDelete.set_null, null=True, index=True
    )
    parent = Integer()
    topic = Varchar(length=32)
    payload = Text()
    ttl = Integer()
    urgency = Varchar(length=8, default="normal")
    status = Varchar(length=12, default="pending")
    attempts = Integer(default=0)
    next_attempt_ms = BigInt()
    lease_until_ms = BigInt(default=0)
    claim_token = Varchar(length=40, default="")
    created_ms = BigInt()
    finished_ms = BigInt(default=0)
    last_status = Integer(null=True, default=None)
    last_error = Varchar(length=300, default="")


class PushAttempt(Table, tablename="push_attempt"):
    """Every delivery attempt: who tried, what the push service said, how long it took."""

    id = Serial(primary_key=True)
    outbox = ForeignKey(references=PushOutbox, on_delete=OnDelete.cascade, index=True)
    at_ms = BigInt()
    worker = Varchar(length=64)
    status_code = Integer(null=True, default=None)
    outcome = Varchar(length=16)
    detail = Varchar(length=300, default="")
    duration_ms = Integer(default=0)
