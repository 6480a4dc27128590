"""Stored digests: what each parent was sent, readable in the app (and offline once fetched)."""

from piccolo.columns import BigInt, ForeignKey, OnDelete, Serial, Text, Varchar
from piccolo.table import Table

from backend.accounts.tables import User


class ParentDigest(Table, tablename="parent_digest"):
    """One parent's summary for one period; unique per (parent, period_key).

    Times are epoch milliseconds, which compare the same way on both engines in plain SQL.
    """

    id = Serial(primary_key=True)
    parent = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    period_key = Varchar(length=32)
    kind = Varchar(length=8)
    period_start_ms = BigInt()
    period_end_ms = BigInt()
    created_ms = BigInt()
    title = Varchar(length=120)
    body = Varchar(length=200)
    content = Text(default="{}")
