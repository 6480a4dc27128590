""" "My data": one zip of everything held about a student or a parent, built as it streams.

For a student: their account, classes, mentor and guardian links; every live record of their
space as the typed records (``records/<kind>.json``, the documented fields of ``sync.kinds``)
and as CSV a spreadsheet opens (``csv/<kind>.csv``); and the check-in notes with their mentor.
For a parent: their account, links, notification preferences and every summary they were
sent. Records are read a page at a time and each file is written as it is read, so a long
history never sits in memory whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import AsyncIterable, AsyncIterator, Iterable
from typing import Any, Final

import msgspec
from stream_zip import ZIP_64, async_stream_zip

from backend.accounts.roles import Role
from backend.accounts.tables import User
from backend.classes.tables import Enrolment
from backend.clock import utcnow
from backend.digests.tables import ParentDigest
from backend.families.links import link_view, links_where
from backend.families.tables import GuardianLink
from backend.mentoring.service import mentor_of, notes_of
from backend.notifications.tables import PushPreference
from backend.syncing.store import SqlSyncStore
from sync.kinds import FIELDS_OF_KIND, decode_fields
from sync.records import Record

PAGE: Final = 500
# The kinds a student's export holds, in the order a reader meets them.
KINDS: Final = (
    "goal",
    "progress",
    "time_entry",
    "rest",
    "preferences",
    "nudge",
    "conflict_notice",
    "change_request",
    "check_in",
    "profile",
    "observation",
    "policy",
    "track",
    "mastery",
)
README: Final = """Your data from Waypoint
=======================

account.json      who you are, your classes, your mentor and the people linked to you
records/*.json    everything you keep in Waypoint, one file per kind of record
csv/*.csv         the same records as tables a spreadsheet opens
mentor_notes.csv  check-in notes your mentor kept with you
digests.json      (parents) every summary Waypoint sent you

Dates and times are ISO 8601 in UTC. The fields of each record are described in Waypoint's
sync protocol (sync/PROTOCOL.md) and its API document (RecordFields).
"""

Member = tuple[str, dt.datetime, int, Any, AsyncIterator[bytes]]


def _json(value: Any) -> bytes:
    return msgspec.json.encode(value)


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data


def _typed(record: Record) -> dict[str, Any] | None:
    """The record as its kind's typed fields, or None for one that does not decode."""
    fields_type = FIELDS_OF_KIND.get(record.kind)
    if fields_type is None:
        return None
    fields = decode_fields(record, fields_type)
    if fields is None:
        return None
    return {"id": record.id, "kind": record.kind, "fields": msgspec.to_builtins(fields)}


async def _records(store: SqlSyncStore, space: int, kind: str) -> AsyncIterator[dict[str, Any]]:
    after = 0
    while True:
        page = await store.live_page(kind, space, after, PAGE)
        for record in page:
            typed = _typed(record)
            if typed is not None:
                yield typed
        if len(page) < PAGE:
            return
        after = page[-1].version


async def _json_array(rows: AsyncIterator[dict[str, Any]]) -> AsyncIterator[bytes]:
    yield b"["
    first = True
    async for row in rows:
        yield (b"" if first else b",\n") + _json(row)
        first = False
    yield b"]\n"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _csv_line(values: Iterable[Any]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerow([_cell(v) for v in values])
    return out.getvalue().encode("utf-8")


async def _csv(kind: str, rows: AsyncIterator[dict[str, Any]]) -> AsyncIterator[bytes]:
    columns = list(msgspec.structs.fields(FIELDS_OF_KIND[kind]))
    names = [c.name for c in columns]
    # A byte-order mark, so a spreadsheet reads the file as UTF-8 (Kazakh and Russian names).
    yield "\ufeff".encode() + _csv_line(["id", *names])
    async for row in rows:
        yield _csv_line([row["id"], *(row["fields"].get(n) for n in names)])


async def _student_account(user_id: int) -> dict[str, Any]:
    rows = await User.select(
        User.id, User.login, User.display_name, User.role, User.time_zone, User.created_at
    ).where(User.id == user_id)
    classes = await Enrolment.select(
        Enrolment.school_class.name.as_alias("name"),
        Enrolment.school_class._.teacher._.display_name.as_alias("teacher"),
        Enrolment.created_at.as_alias("joined_at"),
    ).where(Enrolment.student == user_id)
    mentor = await mentor_of(user_id)
    links = await links_where(GuardianLink.student == user_id)
    return {
        "account": rows[0],
        "classes": classes,
        "mentor": None if mentor is None else {"name": mentor.mentor_name, "since": mentor.since},
        "guardian_links": [msgspec.to_builtins(link_view(r, for_parent=False)) for r in links],
        "exported_at": utcnow(),
    }


async def _notes_csv(user_id: int) -> AsyncIterator[bytes]:
    yield "\ufeff".encode() + _csv_line(["created_at", "author", "body", "next_steps", "shared"])
    for note in reversed(await notes_of(user_id, parents_only=False, limit=None)):
        yield _csv_line(
            [
                note.created_at.isoformat(),
                note.author_name,
                note.body,
                note.next_steps,
                note.shared_with_parents,
            ]
        )


async def _digests(parent_id: int) -> AsyncIterator[dict[str, Any]]:
    after = 0
    while True:
        rows = (
            await ParentDigest.select(
                ParentDigest.id,
                ParentDigest.kind,
                ParentDigest.period_key,
                ParentDigest.title,
                ParentDigest.body,
                ParentDigest.content,
                ParentDigest.created_ms,
            )
            .where((ParentDigest.parent == parent_id) & (ParentDigest.id > after))
            .order_by(ParentDigest.id)
            .limit(PAGE)
        )
        for row in rows:
            yield {**row, "content": json.loads(row["content"] or "{}")}
        if len(rows) < PAGE:
            return
        after = rows[-1]["id"]


async def _parent_account(user_id: int) -> dict[str, Any]:
    rows = await User.select(
        User.id, User.login, User.display_name, User.role, User.time_zone, User.created_at
    ).where(User.id == user_id)
    links = await links_where(GuardianLink.parent == user_id)
    preferences = await PushPreference.select().where(PushPreference.parent == user_id)
    return {
        "account": rows[0],
        "guardian_links": [msgspec.to_builtins(link_view(r, for_parent=True)) for r in links],
        "notification_preferences": preferences[0] if preferences else None,
        "exported_at": utcnow(),
    }


async def _members(user_id: int, role: Role) -> AsyncIterator[Member]:
    now = utcnow()
    store = SqlSyncStore(User._meta.db)

    def member(name: str, chunks: AsyncIterator[bytes]) -> Member:
        return (name, now, 0o600, ZIP_64, chunks)

    yield member("README.txt", _once(README.encode()))
    if role is Role.STUDENT:
        account = await _student_account(user_id)
        yield member("account.json", _once(_json(account)))
        for kind in KINDS:
            yield member(f"records/{kind}.json", _json_array(_records(store, user_id, kind)))
            yield member(f"csv/{kind}.csv", _csv(kind, _records(store, user_id, kind)))
        yield member("mentor_notes.csv", _notes_csv(user_id))
    else:
        yield member("account.json", _once(_json(await _parent_account(user_id))))
        yield member("digests.json", _json_array(_digests(user_id)))


def export_zip(user_id: int, role: Role) -> AsyncIterable[bytes]:
    """The zip's bytes, as they are made."""
    return async_stream_zip(_members(user_id, role))
