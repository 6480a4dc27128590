"""The audit log of security-relevant events."""

from piccolo.columns import JSONB, ForeignKey, OnDelete, Serial, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import User


class AuditEvent(Table):
    """Who did what to whom; kept when the actor is deleted (the id goes null)."""

    id = Serial(primary_key=True)

    at = Timestamptz(index=True)
    action = Varchar(length=48, index=True)
    actor = ForeignKey(references=User, on_delete=OnDelete.set_null, null=True, index=True)
    subject = ForeignKey(references=User, on_delete=OnDelete.set_null, null=True, index=True)
    client_ip = Varchar(length=64, default="")
    detail = JSONB(default="{}")
