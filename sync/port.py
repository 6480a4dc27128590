"""The storage port: what the sync engine needs from a database.

The backend implements it on SQLite and PostgreSQL; ``sync.memory.MemoryStore`` is the reference
implementation. The engine calls it inside ONE transaction per push or pull, opened and committed
by the caller, so a mutation's effects, its stored outcome and the client's last mutation id
commit together or not at all. The batch operations (``read_records``, ``put_records``,
``save_outcomes``...) let a push cost a few statements instead of several per mutation.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Protocol

import msgspec

from sync.records import Record
from sync.wire import MutationResult


class ClientState(msgspec.Struct, kw_only=True, frozen=True):
    """A device as the server knows it."""

    client_id: str
    user_id: int
    last_mutation_id: int


class SyncStore(Protocol):
    """Persistence for clients, mutation outcomes and records, all inside the caller's transaction.

    Concurrency contract (PostgreSQL): every writer of a record first locks its space's counter
    row until commit (``lock_spaces``, or ``next_version``/``reserve_versions``, which update
    it), so versions of a space become visible in order and a cursor can never skip a change
    committed late; a global sequence does not give this guarantee. A writer holding a space's
    lock may therefore read that space's records without row locks. SQLite gets all of this
    from its single writer.
    """

    async def bind_client(self, client_id: str, user_id: int) -> ClientState:
        """Return the client's state, first binding it to ``user_id`` with last id 0 if new.

        The returned ``user_id`` is the bound owner, which may differ from the one passed: the
        engine refuses the request in that case. A push holds the client's row until commit,
        so two pushes of one device never apply the same mutation twice.
        """
        ...

    async def load_outcomes(
        self, client_id: str, first: int, last: int
    ) -> dict[int, MutationResult]:
        """The stored results of mutations ``first`` to ``last`` that were not pruned."""
        ...

    async def save_outcomes(self, client_id: str, results: Sequence[MutationResult]) -> None:
        """Store the results (in id order) and set the client's last mutation id to the last."""
        ...

    async def lock_spaces(self, spaces: Collection[int]) -> None:
        """Lock the counter rows of ``spaces`` until commit (creating missing ones).

        Taken before reading what a batch will change: the records of these spaces then stay
        as read until commit, and concurrent writers wait instead of losing an update.
        """
        ...

    async def get_record(self, kind: str, record_id: str) -> Record | None:
        """Read one record (tombstones included) by kind and id, whatever its space.

        On PostgreSQL it locks the record's space and then the record until commit, for
        writers that did not lock the space beforehand.
        """
        ...

    async def read_records(self, keys: Collection[tuple[str, str]]) -> list[Record]:
        """The stored records among ``keys`` (kind, id), tombstones included, without locks."""
        ...

    async def put_record(self, record: Record) -> None:
        """Insert or replace the record identified by (kind, id)."""
        ...

    async def put_records(self, records: Sequence[Record]) -> None:
        """Insert or replace each record (at most one per (kind, id))."""
        ...

    async def insert_records(self, records: Sequence[Record]) -> int:
        """Insert each record unless one with its (kind, id) exists, in any space.

        Returns how many were inserted; a stored record is never replaced. Two transactions
        creating one id at once must not both succeed (PostgreSQL: the second waits for the
        first to commit, then sees its row), so a create can never overwrite an accepted record.
        """
        ...

    async def next_version(self, space: int) -> int:
        """Allocate the next version of ``space`` (1, 2, ...), locking the space until commit."""
        ...

    async def reserve_versions(self, space: int, count: int) -> int:
        """Allocate ``count`` consecutive versions of ``space``; returns the first of them."""
        ...

    async def list_changes(self, since: Mapping[int, int], limit: int) -> list[Record]:
        """Records of the spaces in ``since`` with a version above ``since[space]``.

        Ordered by (space, version), at most ``limit`` of them. Served from an index on
        (space, version), so the cost follows the size of the delta, not of the database.
        """
        ...

    async def compaction_floors(self, spaces: Collection[int]) -> dict[int, int]:
        """Per space, the highest version of a purged tombstone (0 when nothing was purged).

        A cursor below a space's floor may have missed a delete and must be reset.
        """
        ...

    async def purge_tombstones(self, space: int, deleted_before_ms: int) -> int:
        """Delete tombstones of ``space`` last written before ``deleted_before_ms``.

        Raises the space's compaction floor to the highest purged version; returns how many
        records were purged.
        """
        ...
