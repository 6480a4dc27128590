"""Changing a password, and redeeming an administrator's one-time reset code."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, post
from litestar.di import NamedDependency
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from backend.accounts.controllers import account_me
from backend.accounts.password_quality import require_strong_password
from backend.accounts.passwords import hash_password, verify_password
from backend.accounts.principal import Principal
from backend.accounts.schemas import Me, PasswordChange, PasswordResetRedeem
from backend.accounts.sessions import end_all_sessions, set_session_cookie, start_session
from backend.accounts.tables import User
from backend.audit.log import client_ip, record
from backend.clock import utcnow
from backend.db import write_transaction
from backend.deps import Services
from backend.schools.codes import code_hash
from backend.schools.tables import PasswordReset

BAD_RESET = "That login name and reset code do not match, or the code is used or expired."


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
        rows = await User.select(User.password_hash).where(User.id == user.id)
        if not verify_password(rows[0]["password_hash"] if rows else None, data.current_password):
            await services.login_throttle.failed(user.login, ip)
            await record("password.change_refused", actor=user.id, ip=ip)
            # 403, not 401: the session is fine, the proof of who is typing is not.
            raise PermissionDeniedException(detail="Your current password is not right.")
        await services.login_throttle.succeeded(user.login, ip)
        require_strong_password(data.new_password, login=user.login, display_name=user.display_name)
        async with write_transaction(User._meta.db):
            await User.update({User.password_hash: hash_password(data.new_password)}).where(
                User.id == user.id
            )
            await end_all_sessions(user.id, except_session=user.session_id)
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
        now = utcnow()
        async with write_transaction(User._meta.db):
            rows = await PasswordReset.select(
                PasswordReset.id,
                PasswordReset.user,
                PasswordReset.expires_at,
                PasswordReset.used_at,
                PasswordReset.user.login.as_alias("login"),
                PasswordReset.user.active.as_alias("active"),
            ).where(PasswordReset.code_hash == code_hash(data.code))
            reset = rows[0] if rows else None
            if (
                reset is None
                or reset["login"] != login
                or reset["used_at"] is not None
                or reset["expires_at"] <= now
                or not reset["active"]
            ):
                await services.login_throttle.failed(login, ip)
                await record("password.reset_refused", actor=None, ip=ip, login=login[:64])
                raise NotAuthorizedException(detail=BAD_RESET)
            user_id = int(reset["user"])
            await PasswordReset.update({PasswordReset.used_at: now}).where(
                PasswordReset.id == reset["id"]
            )
            await User.update({User.password_hash: hash_password(data.new_password)}).where(
                User.id == user_id
            )
            await end_all_sessions(user_id)
        await record("password.reset", actor=user_id, subject=user_id, ip=ip)
        token = await start_session(user_id, services.settings, request)
        response = Response(await account_me(user_id))
        set_session_cookie(response, token, services.settings)
        return response
