"""Changing a password, and redeeming an administrator's one-time reset code."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, post
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from backend.accounts import service
from backend.accounts.password_quality import require_strong_password
from backend.accounts.principal import Principal
from backend.accounts.schemas import Me, PasswordChange, PasswordResetRedeem
from backend.accounts.sessions import set_session_cookie, start_session
from backend.audit.log import client_ip, record
from backend.deps import Services
from backend.i18n.request_language import said


class PasswordController(Controller):
    path = "/api/auth"
    tags = ["auth"]

    @post("/password", status_code=HTTP_204_NO_CONTENT)
    async def change_password(
        self,
        request: Request[Principal, int, Any],
        data: JSONBody[PasswordChange],
        services: NamedDependency[Services],
    ) -> None:
        """Change my password; asks for the current one, and signs out every other session."""
        user = request.user
        ip = client_ip(request)
        await services.login_throttle.check(user.login, ip)
        if not await service.password_matches(user.id, data.current_password):
            await services.login_throttle.failed(user.login, ip)
            await record("password.change_refused", actor=user.id, ip=ip)
            # 403, not 401: the session is fine, the proof of who is typing is not.
            raise PermissionDeniedException(detail=said("problem.current_password"))
        await services.login_throttle.succeeded(user.login, ip)
        require_strong_password(data.new_password, login=user.login, display_name=user.display_name)
        await service.change_password(user.id, data.new_password, user.session_id)
        await record("password.changed", actor=user.id, subject=user.id, ip=client_ip(request))

    @post("/password-reset", opt={"exclude_from_auth": True}, status_code=HTTP_200_OK)
    async def redeem_reset(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[PasswordResetRedeem],
        services: NamedDependency[Services],
    ) -> Response[Me]:
        """Set a new password with a one-time code from the school's administrator, and sign in.

        Every session the account had is ended: whoever knew the old password is out.
        """
        login = data.login.strip().lower()
        ip = client_ip(request)
        await services.login_throttle.check(login, ip)
        require_strong_password(data.new_password, login=login)

        async def refused() -> None:
            await services.login_throttle.failed(login, ip)
            await record("password.reset_refused", actor=None, ip=ip, login=login[:64])

        try:
            user_id = await service.redeem_reset(login, data.code, data.new_password, refused)
        except service.ResetRefused:
            raise NotAuthorizedException(detail=said("problem.reset_refused")) from None
        await record("password.reset", actor=user_id, subject=user_id, ip=ip)
        token = await start_session(user_id, services.settings, request)
        response = Response(await service.account_me(user_id))
        set_session_cookie(response, token, services.settings)
        return response
