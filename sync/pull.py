"""Serving a pull: the changes since a device's cursor, in resumable pages.

The caller passes ``visible_spaces``, derived server-side from who the viewer is (a student:
their own space; a parent: their linked children; a teacher: their classes' students). The
cursor never widens that set.
"""

from __future__ import annotations

from collections.abc import Collection

from sync.cursor import decode_cursor, encode_cursor
from sync.errors import ClientOwnershipError, UnsupportedProtocolError
from sync.port import SyncStore
from sync.privacy import RecordFilter, show_everything
from sync.records import Record
from sync.wire import SUPPORTED_PROTOCOL_VERSIONS, Change, PullRequest, PullResponse


def _change(record: Record, visible: Record | None) -> Change:
    if visible is None or visible.deleted:
        # Hidden and deleted both mean "remove your copy": fields never leak through a tombstone.
        return Change(
            kind=record.kind,
            id=record.id,
            space=record.space,
            deleted=True,
            fields={},
            clocks={},
            version=record.version,
        )
    return Change(
        kind=visible.kind,
        id=visible.id,
        space=visible.space,
        deleted=False,
        fields=visible.fields,
        clocks=visible.clocks,
        version=record.version,
    )


async def serve_pull(
    store: SyncStore,
    request: PullRequest,
    user_id: int,
    visible_spaces: Collection[int],
    record_filter: RecordFilter = show_everything,
) -> PullResponse:
    """Answer one pull page for ``user_id``.

    A cursor that is unreadable, another user's, or below a space's compaction floor gets a
    reset answer: ``reset`` is true, the page starts a full snapshot, and the device must drop
    the records it holds from the server (keeping its outbox) before applying it.
    Raises UnsupportedProtocolError or ClientOwnershipError for requests refused as a whole.
    """
    if request.protocol_version not in SUPPORTED_PROTOCOL_VERSIONS:
        raise UnsupportedProtocolError(request.protocol_version)
    state = await store.bind_client(request.client_id, user_id)
    if state.user_id != user_id:
        raise ClientOwnershipError(request.client_id)

    visible = sorted(set(visible_spaces))
    known = decode_cursor(request.cursor, user_id) if request.cursor is not None else {}
    reset = known is None
    removed = [] if known is None else sorted(set(known) - set(visible))
    since = {space: (known or {}).get(space, 0) for space in visible}
    records = await store.list_changes(since, request.limit + 1)
    if not reset:
        # Floors are read after the changes. A compaction purges and raises the floor in one
        # commit: committed before the changes were read, its floor is seen here; committed
        # later, its tombstones were still among the changes. Read first, a purge in between
        # would go unnoticed wherever each statement sees a fresh snapshot (PostgreSQL).
        floors = await store.compaction_floors(visible)
        reset = any(0 < since[space] < floors.get(space, 0) for space in visible)
        if reset:
            removed = []
            since = dict.fromkeys(visible, 0)
            records = await store.list_changes(since, request.limit + 1)
    has_more = len(records) > request.limit
    records = records[: request.limit]
    for record in records:
        since[record.space] = max(since[record.space], record.version)
    return PullResponse(
        cursor=encode_cursor(user_id, since),
        has_more=has_more,
        reset=reset,
        last_mutation_id=state.last_mutation_id,
        changes=[_change(record, record_filter(record)) for record in records],
        removed_spaces=removed,
    )
