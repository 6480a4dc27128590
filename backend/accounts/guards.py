"""Role guards: a handler lists the roles that may call it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from backend.accounts.principal import Principal
from backend.accounts.roles import Role

Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], None]


def allow(*roles: Role) -> Guard:
    """A guard that lets only `roles` through (403 for the rest)."""
    allowed = frozenset(roles)
    names = " or ".join(sorted(r.value for r in allowed))

    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        # OPTIONS is answered without a session (authentication skips it); nothing to guard.
        if connection.scope.get("method") == "OPTIONS":
            return
        user = connection.user
        if not isinstance(user, Principal) or user.role not in allowed:
            raise PermissionDeniedException(detail=f"Only a {names} account can do this.")

    return guard
