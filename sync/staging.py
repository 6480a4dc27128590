"""The reads and writes of one push, staged in memory and written in a few statements at the end.

Applied row by row, a push cost six to eight database round trips per mutation, each one
keeping the transaction (and on PostgreSQL its locks) open while the server waited. Staged, it
costs a handful per push: the spaces the actor may write are locked once, the records the batch
names are read in one query, and at the end each space's versions are reserved at once and the
records, the outcomes and the device's last mutation id go out in multi-row statements.

Reads need no row locks: every writer of a record holds its space's lock first (see
``sync.port``), and the push holds the locks of every space it may write before it reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import msgspec

from sync.errors import IdTakenMeanwhileError
from sync.port import SyncStore
from sync.records import Record
from sync.wire import MutationResult

Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class _Write:
    record: Record
    # A record created by this push is inserted, never upserted: if its id was taken meanwhile,
    # the insert must fail instead of replacing what another transaction wrote.
    new: bool


class StagedPush:
    """A push's view of the records it touches, and the writes and outcomes it will commit."""

    def __init__(self, store: SyncStore, now_ms: int) -> None:
        self._store = store
        self._now_ms = now_ms
        self._known: dict[Key, Record | None] = {}
        self._writes: dict[Key, _Write] = {}
        self._outcomes: list[MutationResult] = []

    async def load(self, keys: Iterable[Key]) -> None:
        """Read the records of ``keys`` not read yet, in one query."""
        missing = {key for key in keys if key not in self._known}
        if not missing:
            return
        found = {(r.kind, r.id): r for r in await self._store.read_records(missing)}
        for key in missing:
            self._known[key] = found.get(key)

    async def get(self, kind: str, record_id: str) -> Record | None:
        """The record as this push sees it: stored, or as staged by an earlier mutation."""
        key = (kind, record_id)
        if key not in self._known:
            await self.load([key])
        return self._known[key]

    def create(self, record: Record) -> None:
        """Stage a record that ``get`` found absent."""
        self._stage(record, new=True)

    def write(self, record: Record) -> None:
        """Stage a new state of a record (inserted if absent, replaced if not)."""
        earlier = self._writes.get((record.kind, record.id))
        self._stage(record, new=earlier is not None and earlier.new)

    def outcome(self, result: MutationResult) -> None:
        """Stage the stored result of an applied mutation."""
        self._outcomes.append(result)

    def _stage(self, record: Record, *, new: bool) -> None:
        key = (record.kind, record.id)
        # Re-staging moves the record to the end: versions follow the order of last writes.
        self._writes.pop(key, None)
        self._writes[key] = _Write(record, new)
        self._known[key] = record

    async def flush(self, client_id: str) -> None:
        """Write everything staged: versions, records, outcomes and the device's last id.

        Raises IdTakenMeanwhileError when a record this push created was created meanwhile in
        a space it does not hold; the caller must roll back and may run the push again.
        """
        counts: dict[int, int] = {}
        for write in self._writes.values():
            counts[write.record.space] = counts.get(write.record.space, 0) + 1
        # Sorted, as every writer takes space locks: no two pushes wait on each other in a cycle.
        next_of = {
            space: await self._store.reserve_versions(space, counts[space])
            for space in sorted(counts)
        }
        new: list[Record] = []
        replaced: list[Record] = []
        for write in self._writes.values():
            space = write.record.space
            stamped = msgspec.structs.replace(
                write.record, version=next_of[space], updated_ms=self._now_ms
            )
            next_of[space] += 1
            (new if write.new else replaced).append(stamped)
        if new and await self._store.insert_records(new) != len(new):
            raise IdTakenMeanwhileError
        if replaced:
            await self._store.put_records(replaced)
        await self._store.save_outcomes(client_id, self._outcomes)
