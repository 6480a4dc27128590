"""The error responses of every operation, as RFC 9457 problem details, in the OpenAPI document.

Litestar documents each operation's success and, with a body or parameters, a 400 in its own
validation-error shape. The server answers far more (and always as problem details), so the
document would hide them from clients and from contract tests. Which errors an operation can
answer follows from what it is, and is written here once, for every operation:

- 400: it takes a body or parameters;                 401: it needs a session (or is sign-in);
- 403: it has a role guard, or is unsafe (CSRF);       404: it names something (path, query, body);
- 409: it writes (two requests raced to create one);   413: it takes a body (1 MiB, list limits);
- 429: it is throttled (sign-in, registration, codes);
- 503: any (the database was busy or broke a lock cycle); always with Retry-After.
"""

from __future__ import annotations

from typing import Any, Final

from litestar import Litestar
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.spec import (
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Reference,
    Schema,
)
from litestar.routes import HTTPRoute

from backend.problems import PROBLEM_JSON

PROBLEM_SCHEMA: Final = "ProblemDetails"
UNSAFE: Final = frozenset({"POST", "PUT", "PATCH", "DELETE"})
THROTTLED: Final = frozenset(
    {
        ("POST", "/api/auth/login"),
        ("POST", "/api/auth/register"),
        ("POST", "/api/classes/join"),
        ("POST", "/api/guardian-links"),
    }
)
"""Operations behind the attempt limiters (backend/ratelimit.py)."""
SIGN_IN: Final = frozenset({("POST", "/api/auth/login")})
"""Public operations that still answer 401 (a wrong password)."""

DESCRIPTIONS: Final = {
    400: "The request is malformed; `detail` says what to fix and `errors` which field.",
    401: "Not signed in, or the session has ended (or, at sign-in, the password is wrong).",
    403: "Signed in, but this role may not do this; or the CSRF header is missing.",
    404: "Nothing of the kind that you may see has that id or code.",
    409: "It conflicts with what exists (taken, already done, a limit reached).",
    413: "The body, or a list in it, is larger than the documented limit.",
    429: "Too many attempts: wait the seconds in Retry-After.",
    503: "Busy, or another change got in the way; nothing was applied. Retry after Retry-After.",
}


def problem_schema() -> Schema:
    """RFC 9457 problem details as the server writes them (with its own extension members)."""
    text = Schema(type=OpenAPIType.STRING)
    field_error = Schema(
        type=OpenAPIType.OBJECT,
        properties={"field": text, "message": text, "source": text},
        required=["field", "message", "source"],
    )
    return Schema(
        type=OpenAPIType.OBJECT,
        title=PROBLEM_SCHEMA,
        description="An error, as RFC 9457 problem details.",
        properties={
            "type": text,
            "title": text,
            "status": Schema(type=OpenAPIType.INTEGER),
            "detail": Schema(type=OpenAPIType.STRING, description="What happened and what to do."),
            "errors": Schema(type=OpenAPIType.ARRAY, items=field_error),
            "code": Schema(type=OpenAPIType.STRING, description="A machine-readable reason."),
            "expected": Schema(
                type=OpenAPIType.INTEGER, description="The mutation id to resend from."
            ),
        },
        required=["type", "title", "status", "detail"],
    )


def _response(status: int) -> OpenAPIResponse:
    headers: dict[str, OpenAPIHeader | Reference] | None = None
    if status in (429, 503):
        headers = {
            "Retry-After": OpenAPIHeader(
                schema=Schema(type=OpenAPIType.INTEGER),
                description="Seconds to wait.",
                required=True,
            )
        }
    return OpenAPIResponse(
        description=DESCRIPTIONS[status],
        headers=headers,
        content={
            PROBLEM_JSON: OpenAPIMediaType(
                schema=Reference(ref=f"#/components/schemas/{PROBLEM_SCHEMA}")
            )
        },
    )


def error_statuses(
    method: str, path: str, handler: HTTPRouteHandler, *, has_body: bool, has_params: bool
) -> list[int]:
    """The error statuses an operation can answer (see the module's docstring)."""
    public = bool(handler.opt.get("exclude_from_auth"))
    unsafe = method in UNSAFE
    statuses = {503}
    if has_body or has_params:
        statuses |= {400, 404}
    if not public or (method, path) in SIGN_IN:
        statuses.add(401)
    if unsafe or handler.resolve_guards():
        statuses.add(403)
    if unsafe:
        statuses.add(409)
    if has_body:
        statuses.add(413)
    if (method, path) in THROTTLED:
        statuses.add(429)
    return sorted(statuses)


def document_errors(app: Litestar) -> None:
    """Add every operation's error responses, and the problem schema, to the app's document."""
    document = app.openapi_schema
    assert document.paths is not None
    document.components.schemas[PROBLEM_SCHEMA] = problem_schema()
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        item = document.paths.get(route.path_format)
        if item is None:
            continue
        for handler in route.route_handlers:
            for method in handler.http_methods:
                operation: Any = getattr(item, method.lower(), None)
                if operation is None:
                    continue
                statuses = error_statuses(
                    method,
                    route.path_format,
                    handler,
                    has_body=operation.request_body is not None,
                    has_params=bool(operation.parameters),
                )
                for status in statuses:
                    operation.responses[str(status)] = _response(status)
