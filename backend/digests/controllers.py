"""Digests in the app: a parent's received summaries, and a student's preview of them."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

import msgspec
from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery

from backend.access import visible_student_ids
from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest
from backend.accounts.roles import Role
from backend.clock import utcnow
from backend.digests.content import ChildSection, DigestContent, build_section
from backend.digests.period import latest_period
from backend.digests.store import recipients, student_input
from backend.digests.tables import ParentDigest
from backend.digests.text import notification_text
from backend.i18n import language_of

LIST_LIMIT = 60


class DigestSummary(msgspec.Struct, kw_only=True):
    id: int
    kind: str
    period_start: dt.datetime
    period_end: dt.datetime
    created_at: dt.datetime
    title: str
    body: str


class Digest(DigestSummary, kw_only=True):
    content: DigestContent


class Recipient(msgspec.Struct, kw_only=True):
    """A parent linked to you and how often their summary comes (daily, weekly or off)."""

    name: str
    frequency: str


class DigestPreview(msgspec.Struct, kw_only=True):
    """Exactly the section about you that your parents' next digest would hold right now,
    and who receives it."""

    kind: str
    period_start: dt.datetime
    period_end: dt.datetime
    notification_title: str
    notification_body: str
    section: ChildSection
    recipients: list[Recipient]


def _instant(ms: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ms / 1000, tz=dt.UTC)


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "kind": row["kind"],
        "period_start": _instant(row["period_start_ms"]),
        "period_end": _instant(row["period_end_ms"]),
        "created_at": _instant(row["created_ms"]),
        "title": row["title"],
        "body": row["body"],
    }


class DigestController(Controller):
    tags = ["digests"]

    @get("/api/digests", guards=[allow(Role.PARENT)])
    async def list_digests(self, request: AuthedRequest) -> list[DigestSummary]:
        """Your digests, newest first (the last 60)."""
        rows = (
            await ParentDigest.select(
                ParentDigest.id,
                ParentDigest.kind,
                ParentDigest.period_start_ms,
                ParentDigest.period_end_ms,
                ParentDigest.created_ms,
                ParentDigest.title,
                ParentDigest.body,
            )
            .where(ParentDigest.parent == request.user.id)
            .order_by(ParentDigest.period_end_ms, ascending=False)
            .limit(LIST_LIMIT)
        )
        return [DigestSummary(**_summary(r)) for r in rows]

    @get("/api/digests/{digest_id:int}", guards=[allow(Role.PARENT)])
    async def get_digest(self, request: AuthedRequest, digest_id: FromPath[int]) -> Digest:
        """One of your digests in full."""
        rows = await ParentDigest.select().where(
            (ParentDigest.id == digest_id) & (ParentDigest.parent == request.user.id)
        )
        if not rows:
            raise NotFoundException(detail=f"No digest {digest_id} of yours.")
        content = msgspec.json.decode(rows[0]["content"], type=DigestContent)
        # A parent whose link to a child was removed stops seeing that child's past sections too.
        linked = await visible_student_ids(request.user)
        content = msgspec.structs.replace(
            content, children=[c for c in content.children if c.student_id in linked]
        )
        return Digest(**_summary(rows[0]), content=content)

    @get("/api/digests/preview", guards=[allow(Role.STUDENT)])
    async def preview(
        self, request: AuthedRequest, kind: FromQuery[Literal["daily", "weekly"]] = "weekly"
    ) -> DigestPreview:
        """What your parents would receive about you for the period ending now."""
        user = request.user
        child = await student_input(ParentDigest._meta.db, user.id)
        if child is None:
            raise NotFoundException(detail="No student account found.")
        period = latest_period(kind, utcnow(), user.time_zone)
        # The student reads the preview, so it is in the student's language.
        language = language_of(user.locale)
        section = build_section(child, period, language)
        title, body = notification_text(
            DigestContent(
                kind=kind,
                period_start=period.start,
                period_end=period.end,
                previous_start=period.previous_start,
                children=[section],
            ),
            language,
        )
        return DigestPreview(
            kind=kind,
            period_start=period.start,
            period_end=period.end,
            notification_title=title,
            notification_body=body,
            section=section,
            recipients=[
                Recipient(name=name, frequency=frequency)
                for name, frequency in await recipients(ParentDigest._meta.db, user.id)
            ],
        )
