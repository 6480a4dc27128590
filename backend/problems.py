"""Every error as an RFC 9457 problem details document with a message a person can act on."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, SerializationException, ValidationException

from backend.i18n.request_language import said

PROBLEM_JSON = "application/problem+json"

log = logging.getLogger("waypoint")


def problem(
    status: int,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response[dict[str, Any]]:
    """A problem details response; `extra` adds members such as `errors`.

    A 503 always says when to come back (Retry-After), so clients retry instead of giving up.
    """
    if status == 503 and not any(k.lower() == "retry-after" for k in headers or {}):
        headers = {**(headers or {}), "Retry-After": "1"}
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _field_errors(extra: Any) -> list[dict[str, str]]:
    errors: list[dict[str, str]] = []
    if isinstance(extra, list):
        for item in extra:
            if isinstance(item, dict):
                errors.append(
                    {
                        "field": str(item.get("key") or ""),
                        "message": str(item.get("message", "")),
                        "source": str(item.get("source") or "body"),
                    }
                )
    return errors


# A pattern that is a list of choices ("^(kk|ru|en)$") is said as the choices themselves.
_CHOICES = re.compile(r"Expected `str` matching regex '\^\(([\w-]+(?:\|[\w-]+)+)\)\$'")


def _readable(message: str) -> str:
    match = _CHOICES.fullmatch(message)
    if match is None:
        return message
    return f"Expected one of {', '.join(match.group(1).split('|'))}."


def _validation_detail(exc: ValidationException, errors: list[dict[str, str]]) -> str:
    raw = str(exc.detail or "")
    if errors:
        first = errors[0]
        # msgspec messages embed the path as "- at `$.field`"; the field is reported separately.
        message = first["message"].split(" - at ")[0]
        if "unknown field" in message:
            return f"Remove what this endpoint does not take: {message[0].lower()}{message[1:]}."
        if first["field"] in ("", "data"):
            return f"Fix the request body: {_readable(message)}"
        return said("problem.fix", field=first["field"], message=_readable(message))
    if raw and not raw.startswith("Fix "):
        # Only a body that cannot be decoded at all reaches here without per-field errors.
        return f"The request body is not valid JSON ({raw[0].lower()}{raw[1:]})."
    return raw or "The request is invalid."


_ARRAY_LIMIT = re.compile(r"Expected `array` of length <= (\d+)")


def _collection_limit(errors: list[dict[str, str]]) -> str | None:
    """A list over its documented size is "too large" (413), not malformed: say the limit."""
    for error in errors:
        match = _ARRAY_LIMIT.search(error["message"])
        if match:
            return (
                f"Too many items in `{error['field']}`: the limit is {match.group(1)} per request. "
                "Send the rest in another request."
            )
    return None


def handle_http_exception(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    """Map Litestar's HTTP exceptions (and ours) to problem details."""
    status = exc.status_code
    headers = dict(exc.headers or {})
    if isinstance(exc, ValidationException):
        errors = _field_errors(exc.extra)
        too_many = _collection_limit(errors)
        if too_many:
            return problem(413, too_many, headers=headers, errors=errors)
        return problem(status, _validation_detail(exc, errors), headers=headers, errors=errors)
    detail = str(exc.detail) if exc.detail else HTTPStatus(status).phrase
    if isinstance(exc.__cause__, SerializationException):
        detail = f"The request body is not valid JSON ({detail[0].lower()}{detail[1:]})."
    if status == 403 and detail == "CSRF token verification failed":
        detail = (
            "Send the value of the csrftoken cookie in the X-CSRFToken header "
            "(any GET request sets the cookie)."
        )
    if status == 413:
        detail = "The request body is too large (the limit is 1 MiB). Send less at once."
    extra = exc.extra if isinstance(exc.extra, dict) else {}
    return problem(status, detail, headers=headers, **extra)


def handle_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """A bug on our side: log it fully, tell the client plainly, leak nothing."""
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem(500, "Something went wrong on our side. Try again in a moment.")


def field_error(field: str, message: str) -> ValidationException:
    """A 400 that names the body field to fix and why, in the same shape msgspec errors get."""
    return ValidationException(
        detail=f"Fix `{field}`",
        extra=[{"key": field, "message": message, "source": "body"}],
    )
