"""Refusing malformed input at the edge, before it reaches code that would fail on it.

Each of these used to surface as a 500 from deep inside a library: msgspec's RecursionError on
deeply nested JSON and its UnicodeDecodeError on bytes that are not UTF-8, the filesystem's
"embedded null byte" for a path with %00, and PostgreSQL refusing to store U+0000 in text.
Here they become a 400 problem that says what to fix.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from litestar import Request
from litestar.enums import ScopeType
from litestar.exceptions import ClientException
from litestar.types import (
    ASGIApp,
    HTTPResponseBodyEvent,
    HTTPResponseStartEvent,
    Receive,
    Scope,
    Send,
)

from backend.problems import PROBLEM_JSON, field_error

NUL_MESSAGE = "must not contain the NUL character (U+0000)"


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string in a decoded JSON value with where it sits (keys too), without recursion."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, str):
            yield where, node
        elif isinstance(node, dict):
            for key, item in node.items():
                yield where, key
                stack.append((item, f"{where}.{key}" if where else str(key)))
        elif isinstance(node, list):
            stack.extend((item, f"{where}[{i}]") for i, item in enumerate(node))


def refuse_nul(value: Any) -> None:
    """Raise a 400 naming the first field whose text holds U+0000 (no database stores it)."""
    for where, text in _strings(value, ""):
        if "\x00" in text:
            raise field_error(where or "body", NUL_MESSAGE)


class EdgeRequest(Request[Any, Any, Any]):
    """A request whose JSON body is refused with a 400 when it cannot be decoded safely."""

    async def json(self) -> Any:
        try:
            value = await super().json()
        except RecursionError:
            raise ClientException(
                detail="The request body is nested too deeply. Send flatter JSON."
            ) from None
        except UnicodeDecodeError:
            raise ClientException(
                detail="The request body is not valid UTF-8. Send JSON encoded as UTF-8."
            ) from None
        # JSON can carry U+0000 only as an escape, so a body without one needs no walk.
        if b"\\u0000" in await self.body():
            refuse_nul(value)
        return value


def _has_nul(scope: Scope) -> bool:
    path: str = scope.get("path", "")
    query: bytes = scope.get("query_string", b"")
    return "\x00" in path or b"%00" in query


class RefuseNulInUrl:
    """400 for a URL whose path or query holds a NUL (%00): no file, row or name can have one."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or not _has_nul(scope):
            await self._app(scope, receive, send)
            return
        body = json.dumps(
            {
                "type": "about:blank",
                "title": "Bad Request",
                "status": 400,
                "detail": "The address contains a NUL character (%00). Remove it.",
            }
        ).encode()
        start: HTTPResponseStartEvent = {
            "type": "http.response.start",
            "status": 400,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
            ],
        }
        end: HTTPResponseBodyEvent = {
            "type": "http.response.body",
            "body": body,
            "more_body": False,
        }
        await send(start)
        await send(end)
