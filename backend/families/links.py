"""Reading guardian links as each side (and the school) sees them."""

from __future__ import annotations

from typing import Any

from backend.families.schemas import Link
from backend.families.tables import GuardianLink

_LINK_COLUMNS = (
    GuardianLink.id,
    GuardianLink.parent,
    GuardianLink.student,
    GuardianLink.created_at,
    GuardianLink.confirmed_at,
    GuardianLink.consent,
    GuardianLink.parent.display_name.as_alias("parent_name"),
    GuardianLink.student.display_name.as_alias("student_name"),
    GuardianLink.invited_by.display_name.as_alias("invited_by_name"),
)


async def links_where(condition: Any) -> list[dict[str, Any]]:
    """Link rows (with names) matching a Piccolo condition, oldest first."""
    return list(
        await GuardianLink.select(*_LINK_COLUMNS).where(condition).order_by(GuardianLink.id)
    )


def link_view(row: dict[str, Any], *, for_parent: bool) -> Link:
    """A link on the wire. A parent whose link is pending does not even get the name."""
    pending = row["confirmed_at"] is None
    return Link(
        id=row["id"],
        parent_id=row["parent"],
        parent_name=row["parent_name"],
        student_id=row["student"],
        student_name="" if pending and for_parent else row["student_name"],
        created_at=row["created_at"],
        status="pending" if pending else "confirmed",
        confirmed_at=row["confirmed_at"],
        consent=row["consent"],
        invited_by_name=row["invited_by_name"] or "",
    )
