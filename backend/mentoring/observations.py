"""A mentor's observations on a student's learner profile: server-written synced records in the
student's space, so the student reads them in their app, offline too."""

from __future__ import annotations

import uuid

from backend.accounts.principal import Principal
from backend.accounts.tables import User
from backend.clock import utcnow
from backend.db import write_transaction
from backend.syncing.server_records import write_server_record
from backend.syncing.store import SqlSyncStore
from sync import Record
from sync.records import OBSERVATION


async def add_observation(mentor: Principal, student_id: int, text: str) -> Record:
    """Write one observation into the student's space (the caller checked the mentor)."""
    now = utcnow()
    fields = {
        "text": text.strip(),
        "author_name": mentor.display_name[:80],
        "written_at": now.isoformat(),
    }
    engine = User._meta.db
    async with write_transaction(engine):
        store = SqlSyncStore(engine)
        await store.lock_spaces([student_id])
        return await write_server_record(
            store,
            kind=OBSERVATION,
            record_id=str(uuid.uuid4()),
            space=student_id,
            fields=fields,
            created_by=mentor.id,
            now_ms=int(now.timestamp() * 1000),
        )
