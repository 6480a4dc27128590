"""Liveness and readiness: is the database answering, and which engine is it."""

from __future__ import annotations

import msgspec
from litestar import Response, get
from litestar.di import NamedDependency

from backend.accounts.tables import User
from backend.deps import Services


class Health(msgspec.Struct, kw_only=True):
    status: str
    engine: str
    database: str


@get("/api/health", opt={"exclude_from_auth": True}, tags=["service"])
async def health(services: NamedDependency[Services]) -> Response[Health]:
    """200 when the database answers a query, 503 when it does not."""
    engine = services.settings.engine
    try:
        await User.raw("SELECT 1")
    except Exception:  # any driver error means "not ready"; the body says so
        return Response(
            Health(status="unavailable", engine=engine, database="unreachable"), status_code=503
        )
    return Response(Health(status="ok", engine=engine, database="ok"))
