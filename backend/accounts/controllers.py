"""Register, sign in, sign out, refresh the session, and the caller's own profile."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, NotAuthorizedException, PermissionDeniedException
from litestar.params import JSONBody
from litestar.status_codes import (
    HTTP_200_OK,
    HTTP_201_CREATED,
    HTTP_202_ACCEPTED,
    HTTP_204_NO_CONTENT,
)

from backend.accounts import service
from backend.accounts.guards import allow
from backend.accounts.password_quality import require_strong_password
from backend.accounts.passwords import verify_password
from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.accounts.schemas import LoginRequest, Me, ProfileUpdate, RegisterRequest
from backend.accounts.sessions import (
    clear_session_cookie,
    end_session,
    set_session_cookie,
    signed_in_at,
    start_session,
)
from backend.audit.log import client_ip, record
from backend.classes.codes import find_class_by_join_code
from backend.classes.service import school_of_class
from backend.deps import Services
from backend.i18n.request_language import said
from backend.privacy.controllers import erase_me
from backend.privacy.erasure import cancel_erasure
from backend.privacy.schemas import ErasureRequested, PasswordConfirmation
from backend.problems import field_error
from backend.timezones import require_time_zone

PUBLIC = {"exclude_from_auth": True}


def _require_codes_for_role(data: RegisterRequest) -> None:
    """The role may be registered here and comes with the codes it needs, and only those."""
    if data.role is Role.ADMIN:
        raise field_error(
            "role",
            said("problem.role.admin"),
        )
    if data.join_code and data.role is not Role.STUDENT:
        raise field_error(
            "join_code",
            said("problem.join_code.only_students"),
        )
    if data.invite_code and data.role is not Role.TEACHER:
        raise field_error(
            "invite_code",
            said("problem.invite_code.only_teachers"),
        )
    if data.role is Role.STUDENT and not data.join_code:
        raise field_error(
            "join_code",
            said("problem.join_code.needed"),
        )
    if data.role is Role.TEACHER and not data.invite_code:
        raise field_error(
            "invite_code",
            "a teacher account needs an invitation code from your school's administrator",
        )


class AuthController(Controller):
    path = "/api/auth"
    tags = ["auth"]

    @post("/register", opt=PUBLIC, status_code=HTTP_201_CREATED)
    async def register(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[RegisterRequest],
        services: NamedDependency[Services],
    ) -> Response[Me]:
        """Create an account and sign in.

        A student needs their class's join code (and joins that class's school); a teacher
        needs an invitation code from their school's administrator; a parent needs neither.
        Administrators are created with `waypoint admin create`, never here.
        """
        login = data.login.lower()
        await services.register_limiter.hit(f"ip:{client_ip(request)}", f"login:{login}")
        require_time_zone(data.time_zone)
        require_strong_password(data.password, login=login, display_name=data.display_name)
        _require_codes_for_role(data)
        class_id: int | None = None
        school_id: int | None = None
        if data.role is Role.STUDENT and data.join_code:
            async with services.code_guard.attempt("join", client_ip(request), None):
                class_id = await find_class_by_join_code(data.join_code)
            school_id = await school_of_class(class_id)
        try:
            user_id, school_id, invited = await service.register(data, login, class_id, school_id)
        except service.InviteUnusable:
            raise field_error("invite_code", said("problem.invite_unusable")) from None
        except service.LoginTaken:
            raise ClientException(status_code=409, detail=said("problem.login_taken")) from None
        if invited:
            await record(
                "school.teacher_joined",
                actor=user_id,
                subject=user_id,
                ip=client_ip(request),
                school=school_id,
            )
        token = await start_session(user_id, services.settings, request)
        response = Response(await service.account_me(user_id), status_code=HTTP_201_CREATED)
        set_session_cookie(response, token, services.settings)
        return response

    @post("/login", opt=PUBLIC, status_code=HTTP_200_OK)
    async def login(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[LoginRequest],
        services: NamedDependency[Services],
    ) -> Response[Me]:
        """Sign in. A wrong password and an unknown login get the same answer."""
        login = data.login.strip().lower()
        ip = client_ip(request)
        await services.login_throttle.check(login, ip)
        row = await service.account_by_login(login)
        if not verify_password(row["password_hash"] if row else None, data.password):
            await services.login_throttle.failed(login, ip)
            await record(
                "login.failed",
                actor=None,
                subject=row["id"] if row else None,
                ip=ip,
                login=login[:64],
            )
            raise NotAuthorizedException(detail=said("problem.login_mismatch"))
        assert row is not None
        if not row["active"]:
            await record("login.refused_inactive", actor=None, subject=row["id"], ip=ip)
            raise PermissionDeniedException(detail=said("problem.inactive"))
        await services.login_throttle.succeeded(login, ip)
        if row["erase_after"] is not None and await cancel_erasure(row["id"]):
            # Signing in within the grace period keeps the account.
            await record("account.erasure_cancelled", actor=row["id"], subject=row["id"], ip=ip)
        token = await start_session(row["id"], services.settings, request)
        response = Response(await service.me_of_row(row))
        set_session_cookie(response, token, services.settings)
        return response

    @post("/logout", status_code=HTTP_204_NO_CONTENT)
    async def logout(
        self, request: Request[Principal, int, Any], services: NamedDependency[Services]
    ) -> Response[None]:
        """End this session (other devices stay signed in)."""
        await end_session(request.user.session_id)
        response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
        clear_session_cookie(response, services.settings)
        return response

    @post("/refresh", status_code=HTTP_200_OK)
    async def refresh(
        self, request: Request[Principal, int, Any], services: NamedDependency[Services]
    ) -> Response[Me]:
        """Swap this session for a fresh one with a new expiry (and a new token).

        The new session keeps the old one's sign-in time: the absolute lifetime
        (WAYPOINT_SESSION_MAX_DAYS) is not renewed, so sign-in is asked again after it.
        """
        since = await signed_in_at(request.user.session_id)
        token = await start_session(request.user.id, services.settings, request, signed_in_at=since)
        await end_session(request.user.session_id)
        response = Response(await service.me_from_principal(request.user))
        set_session_cookie(response, token, services.settings)
        return response


class MeController(Controller):
    path = "/api/me"
    tags = ["auth"]

    @get("/")
    async def me(self, request: Request[Principal, int, Any]) -> Me:
        """The signed-in user."""
        return await service.me_from_principal(request.user)

    @delete("/", status_code=HTTP_202_ACCEPTED)
    async def erase(
        self, request: Request[Principal, int, Any], data: JSONBody[PasswordConfirmation]
    ) -> ErasureRequested:
        """Erase my account (a student's or parent's) and everything in it after 14 days; asks
        for the password again. Every session ends now; signing in again before then cancels
        it."""
        return await erase_me(request, data)

    @post("/privacy-notice", status_code=HTTP_204_NO_CONTENT, guards=[allow(Role.STUDENT)])
    async def privacy_notice_read(self, request: Request[Principal, int, Any]) -> None:
        """I have read who sees what of my data: the first screen stops explaining it."""
        await service.mark_privacy_notice_read(request.user.id)

    @patch("/")
    async def update(
        self, request: Request[Principal, int, Any], data: JSONBody[ProfileUpdate]
    ) -> Me:
        """Change display name, time zone or locale."""
        time_zone = require_time_zone(data.time_zone) if data.time_zone is not None else None
        return await service.update_profile(request.user, data.display_name, time_zone, data.locale)
