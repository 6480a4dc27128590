"""Installed apps: one client id per installation per user."""

from piccolo.columns import BigInt, ForeignKey, OnDelete, Serial, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import User


class Device(Table):
    """A client id bound to the user who first used it; the sync engine tracks its mutations."""

    id = Serial(primary_key=True)

    client_id = Varchar(length=64, unique=True)
    user = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    label = Varchar(length=80, default="")
    last_mutation_id = BigInt(default=0)
    created_at = Timestamptz()
    last_seen_at = Timestamptz()
