"""The signed-in user as the request sees them."""

from typing import Any

import msgspec
from litestar import Request

from backend.accounts.roles import Role


class Principal(msgspec.Struct, frozen=True):
    """Who is making the request: set on `request.user` by the session middleware."""

    id: int
    role: Role
    login: str
    display_name: str
    time_zone: str
    locale: str
    session_id: int
    # The school of a student, teacher or administrator; None for a parent.
    school_id: int | None = None


# A request that passed the session middleware: `request.user` is the Principal and
# `request.auth` the session id.
AuthedRequest = Request[Principal, int, Any]
