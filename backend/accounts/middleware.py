"""Authentication: the session cookie becomes `request.user` (a Principal) on /api routes."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult
from litestar.types import ASGIApp

from backend.accounts.sessions import COOKIE_NAME, find_principal
from backend.i18n.request_language import said


class SessionAuthMiddleware(AbstractAuthenticationMiddleware):
    def __init__(self, app: ASGIApp, *, session_max_days: int, **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.session_max_days = session_max_days

    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:  # type: ignore[type-arg]
        token = connection.cookies.get(COOKIE_NAME)
        principal = (
            await find_principal(token, connection, max_days=self.session_max_days)
            if token
            else None
        )
        if principal is None:
            raise NotAuthorizedException(detail=said("problem.sign_in_first"))
        return AuthenticationResult(user=principal, auth=principal.session_id)
