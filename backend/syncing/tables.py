"""Storage of the sync engine: records, per-space versions, and stored mutation outcomes."""

from piccolo.columns import BigInt, Boolean, Integer, Serial, Text, Varchar
from piccolo.table import Table


class SyncRecord(Table, tablename="sync_record"):
    """One synced record (goal, progress event, time entry...), unique by (kind, record_id).

    Field values and their clocks are JSON text: the engine reads and writes them whole, and
    plain text behaves the same on both engines.
    """

    id = Serial(primary_key=True)
    kind = Varchar(length=32)
    record_id = Varchar(length=64)
    space = Integer()
    fields = Text(default="{}")
    clocks = Text(default="{}")
    deleted = Boolean(default=False)
    version = BigInt(default=0)
    created_by = Integer()
    origin_client = Varchar(length=64, null=True, default=None)
    updated_ms = BigInt(default=0)


class SyncSpace(Table, tablename="sync_space"):
    """A student's space: the version counter that orders its changes, and its compaction floor."""

    id = Serial(primary_key=True)
    space = Integer(unique=True)
    version = BigInt(default=0)
    floor = BigInt(default=0)


class SyncOutcome(Table, tablename="sync_outcome"):
    """The stored result of each applied mutation, so a retried push gets the same answer."""

    id = Serial(primary_key=True)
    client_id = Varchar(length=64)
    mutation_id = BigInt()
    result = Text()
    # When it was stored (epoch ms): retention removes outcomes past the offline window.
    created_ms = BigInt(default=0)
