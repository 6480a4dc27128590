""" "Who sees my data", as a history: the reads of and decisions about a student, from the audit
log, in words a student reads; for a parent, what concerns them.

Only what is about the person is shown: reads and decisions by the people who can see them,
the links made and ended, the summaries sent. Sign-in attempts and the school's housekeeping
are not theirs to read here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Final

import msgspec

from backend.accounts.tables import User
from backend.audit.tables import AuditEvent
from backend.classes.tables import Enrolment, SchoolClass
from backend.digests.content import children_of
from backend.families.tables import GuardianLink
from backend.notifications.tables import PushOutbox
from backend.syncing.tables import SyncRecord

MAX_ENTRIES: Final = 100

# Action: what the person reads, given who did it ("{who}") and what it concerned.
_ABOUT_ME: Final[Mapping[str, str]] = {
    "student.read": "{who} opened your profile",
    "mentee.read": "{who}, your mentor, looked at your week across subjects",
    "mentor.assigned": "{who} chose your mentor",
    "mentor.unassigned": "{who} ended your mentoring",
    "mentor.note_added": "{who} wrote a check-in note with you",
    "guardian.linked": "{who} was linked to you as a parent",
    "guardian.link_requested": "{who} asked to be linked to you as a parent",
    "guardian.link_confirmed": "{who} can see your data now: the link was confirmed",
    "guardian.link_confirmed_by_school": "{who} confirmed a parent's link for you",
    "guardian.unlinked": "{who} ended a parent's link",
    "account.exported": "{who} downloaded your data",
    "account.erasure_requested": "{who} asked to erase your account",
    "account.erasure_cancelled": "{who} kept your account by signing in",
    "class.student_removed": "{who} took you out of a class",
}


class AccessEntry(msgspec.Struct, kw_only=True):
    """One thing someone did with my data, and when."""

    at: dt.datetime
    who: str
    what: str


def describe(
    action: str, who: str, detail: Mapping[str, Any], class_name: str | None
) -> str | None:
    """The sentence for one audit entry, or None when it is not the person's to read."""
    if action == "class.overview_read":
        return None if class_name is None else f"{who} opened the overview of {class_name}"
    if action in ("approval.approved", "approval.returned"):
        verb = "approved" if action.endswith("approved") else "returned"
        thing = "your new goal" if detail.get("item_type") == "new_goal" else "a change to a goal"
        return f"{who} {verb} {thing}"
    template = _ABOUT_ME.get(action)
    return None if template is None else template.format(who=who)


def _detail(value: object) -> dict[str, Any]:
    """An audit entry's details: JSON text on one engine, a dict on the other."""
    if isinstance(value, dict):
        return value
    try:
        decoded = msgspec.json.decode(str(value or "{}"))
    except msgspec.DecodeError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


async def _names(ids: Iterable[int | None]) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    rows = await User.select(User.id, User.display_name).where(User.id.is_in(wanted))
    return {r["id"]: r["display_name"] for r in rows}


async def access_history(user_id: int, *, student: bool) -> list[AccessEntry]:
    """What others did with my data (and what I did with it myself), newest first."""
    about_me = await (
        AuditEvent.select(AuditEvent.at, AuditEvent.action, AuditEvent.actor, AuditEvent.detail)
        .where(AuditEvent.subject == user_id)
        .order_by(AuditEvent.id, ascending=False)
        .limit(MAX_ENTRIES)
    )
    rows: list[dict[str, Any]] = list(about_me)
    classes: dict[int, str] = {}
    if student:
        enrolled = await Enrolment.select(Enrolment.school_class).where(
            Enrolment.student == user_id
        )
        class_ids = [r["school_class"] for r in enrolled]
        if class_ids:
            named = await SchoolClass.select(SchoolClass.id, SchoolClass.name).where(
                SchoolClass.id.is_in(class_ids)
            )
            classes = {r["id"]: r["name"] for r in named}
            rows += await (
                AuditEvent.select(
                    AuditEvent.at, AuditEvent.action, AuditEvent.actor, AuditEvent.detail
                )
                .where(AuditEvent.action == "class.overview_read")
                .order_by(AuditEvent.id, ascending=False)
                .limit(MAX_ENTRIES * 4)
            )
        rows += await _decisions(user_id)
    entries = await _summaries_sent(user_id, student=student)
    names = await _names(r["actor"] for r in rows)
    for row in rows:
        detail = _detail(row["detail"])
        class_id = detail.get("class_id")
        who = "You" if row["actor"] == user_id else names.get(row["actor"], "Someone")
        what = describe(row["action"], who, detail, classes.get(class_id) if class_id else None)
        if what is not None:
            entries.append(AccessEntry(at=row["at"], who=who, what=what))
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:MAX_ENTRIES]


async def _summaries_sent(user_id: int, *, student: bool) -> list[AccessEntry]:
    """Summaries delivered: to me (a parent), or, about me (a student), to each of my parents."""
    if student:
        links = await GuardianLink.select(
            GuardianLink.parent, GuardianLink.parent.display_name.as_alias("name")
        ).where((GuardianLink.student == user_id) & GuardianLink.confirmed_at.is_not_null())
        parents = {r["parent"]: r["name"] for r in links}
    else:
        parents = {user_id: "You"}
    if not parents:
        return []
    sent = await (
        PushOutbox.select(
            PushOutbox.parent,
            PushOutbox.finished_ms,
            PushOutbox.digest.kind.as_alias("kind"),
            PushOutbox.digest.content.as_alias("content"),
        )
        .where(PushOutbox.parent.is_in(sorted(parents)) & (PushOutbox.status == "sent"))
        .order_by(PushOutbox.id, ascending=False)
        .limit(MAX_ENTRIES)
    )
    entries = []
    for row in sent:
        if student and user_id not in children_of(str(row["content"])):
            continue
        whose = "Your" if not student else f"{parents[row['parent']]}'s"
        entries.append(
            AccessEntry(
                at=dt.datetime.fromtimestamp(row["finished_ms"] / 1000, dt.UTC),
                who=parents[row["parent"]],
                what=f"{whose} {row['kind']} summary was sent",
            )
        )
    return entries


async def _decisions(student_id: int) -> list[dict[str, Any]]:
    """Teachers' and mentors' decisions on the student's goals and changes."""
    rows = await (
        AuditEvent.select(AuditEvent.at, AuditEvent.action, AuditEvent.actor, AuditEvent.detail)
        .where(AuditEvent.action.is_in(["approval.approved", "approval.returned"]))
        .order_by(AuditEvent.id, ascending=False)
        .limit(MAX_ENTRIES * 4)
    )
    items = {str(_detail(r["detail"]).get("item_id")) for r in rows}
    if not items:
        return []
    mine = await SyncRecord.select(SyncRecord.record_id).where(
        (SyncRecord.space == student_id) & SyncRecord.record_id.is_in(sorted(items))
    )
    own = {r["record_id"] for r in mine}
    return [r for r in rows if _detail(r["detail"]).get("item_id") in own]
