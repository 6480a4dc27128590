"""Records the server writes into a student's space (a track, an observation, a mastery mark):
stamped with the server's clock, after every clock the record already holds, so the write wins
over what devices have and syncs to them like any other change."""

from __future__ import annotations

from collections.abc import Mapping

from sync import Record, hlc
from sync.approvals import SERVER_CLIENT_ID, winning_clock
from sync.port import SyncStore
from sync.push import write_record
from sync.records import JSON


async def write_server_record(
    store: SyncStore,
    *,
    kind: str,
    record_id: str,
    space: int,
    fields: Mapping[str, JSON],
    created_by: int,
    now_ms: int,
) -> Record:
    """Write (or rewrite) one record inside the caller's transaction, which locked ``space``."""
    stored = await store.get_record(kind, record_id)
    clock = (
        winning_clock(stored, now_ms)
        if stored is not None
        else hlc.tick(None, now_ms, SERVER_CLIENT_ID)
    )
    record = Record(
        kind=kind,
        id=record_id,
        space=space,
        fields=dict(fields),
        clocks=dict.fromkeys(fields, clock),
        created_by=stored.created_by if stored is not None else created_by,
        origin_client=SERVER_CLIENT_ID,
    )
    return await write_record(store, record, now_ms)
