"""Plain SQL with ``{}`` placeholders on an explicit engine, inside its current transaction."""

from __future__ import annotations

from typing import Any

from piccolo.engine.base import Engine
from piccolo.querystring import QueryString


async def run(engine: Engine[Any], sql: str, *args: Any) -> list[dict[str, Any]]:
    """Rows of ``sql`` (values always bound, never formatted into the text)."""
    result = await engine.run_querystring(QueryString(sql, *args))
    return [dict(row) for row in result or []]
