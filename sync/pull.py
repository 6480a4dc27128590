"""Serving a pull: the changes since a device's cursor, in resumable pages.

The caller passes ``visible_spaces``, derived server-side from who the viewer is (a student:
their own space; a parent: their linked children; a teacher: their classes' students), and
for each space the *scope* its filter shows (a subject teacher's: the classes through which
they teach that student). The cursor never widens that set. A space whose scope differs from
the one the cursor was served in is listed in ``removed_spaces`` and sent again from scratch
on the next page, so records the viewer may no longer see leave their devices even though
the records themselves did not change.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from sync.cursor import decode_position, encode_cursor
from sync.errors import ClientOwnershipError, UnsupportedProtocolError
from sync.port import SyncStore
from sync.privacy import FilterSource, RecordFilter, show_everything
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
    record_filter: RecordFilter | FilterSource = show_everything,
    scopes: Mapping[int, str] | None = None,
) -> PullResponse:
    """Answer one pull page for ``user_id``.

    A cursor that is unreadable, another user's, or below a space's compaction floor gets a
    reset answer: ``reset`` is true, the page starts a full snapshot, and the device must drop
    the records it holds from the server (keeping its outbox) before applying it.
    ``record_filter`` may be a ``FilterSource``: it is then built after the page's changes are
    read, so whatever it reads about the records (a goal's class) is at least as new as them.
    Raises UnsupportedProtocolError or ClientOwnershipError for requests refused as a whole.
    """
    if request.protocol_version not in SUPPORTED_PROTOCOL_VERSIONS:
        raise UnsupportedProtocolError(request.protocol_version)
    state = await store.bind_client(request.client_id, user_id)
    if state.user_id != user_id:
        raise ClientOwnershipError(request.client_id)

    visible = sorted(set(visible_spaces))
    scope_of = dict(scopes or {})
    position = decode_position(request.cursor, user_id) if request.cursor is not None else None
    reset = request.cursor is not None and position is None
    known = position.versions if position is not None else {}
    rescoped = {
        space
        for space in visible
        if space in known
        and position is not None
        and position.scopes.get(space, "") != scope_of.get(space, "")
    }
    removed = sorted((set(known) - set(visible)) | rescoped)
    # A rescoped space sits this page out; the next one serves it from version 0.
    visible = [space for space in visible if space not in rescoped]
    since = {space: known.get(space, 0) for space in visible}
    records = await store.list_changes(since, request.limit + 1)
    if not reset:
        # Floors are read after the changes. A compaction purges and raises the floor in one
        # commit: committed before the changes were read, its floor is seen here; committed
        # later, its tombstones were still among the changes. Read first, a purge in between
        # would go unnoticed wherever each statement sees a fresh snapshot (PostgreSQL).
        floors = await store.compaction_floors(visible)
        reset = any(0 < since[space] < floors.get(space, 0) for space in visible)
        if reset:
            removed, rescoped = [], set()
            visible = sorted(set(visible_spaces))
            since = dict.fromkeys(visible, 0)
            records = await store.list_changes(since, request.limit + 1)
    has_more = len(records) > request.limit or bool(rescoped)
    records = records[: request.limit]
    for record in records:
        since[record.space] = max(since[record.space], record.version)
    if isinstance(record_filter, FilterSource):
        record_filter = await record_filter.build()
    return PullResponse(
        cursor=encode_cursor(user_id, since, scope_of),
        has_more=has_more,
        reset=reset,
        last_mutation_id=state.last_mutation_id,
        changes=[_change(record, record_filter(record)) for record in records],
        removed_spaces=removed,
    )
