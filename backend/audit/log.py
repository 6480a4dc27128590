"""Writing to the audit log."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection

from backend.audit.tables import AuditEvent
from backend.clock import utcnow


def client_ip(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    return connection.client.host if connection.client else ""


async def record(
    action: str,
    *,
    actor: int | None,
    subject: int | None = None,
    ip: str = "",
    **detail: Any,
) -> None:
    """Append one security-relevant event (login failure, link made, role-restricted read...)."""
    await AuditEvent.insert(
        AuditEvent(
            at=utcnow(), action=action, actor=actor, subject=subject, client_ip=ip, detail=detail
        )
    )
