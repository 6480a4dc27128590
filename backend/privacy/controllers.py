"""Privacy rights: download my data, erase my account; an administrator erases a student."""

from __future__ import annotations

from collections.abc import AsyncIterator

from litestar import Controller, get, post
from litestar.exceptions import ClientException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath, JSONBody
from litestar.response import Stream
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest
from backend.accounts.roles import Role
from backend.audit.log import client_ip, record
from backend.clock import utcnow
from backend.privacy import service
from backend.privacy.access_log import AccessEntry, access_history
from backend.privacy.erasure import ERASABLE, erase_account, request_erasure
from backend.privacy.export import export_zip
from backend.privacy.schemas import ErasureRequested, PasswordConfirmation, StudentErasure

WRONG_PASSWORD = "That password is not right."  # noqa: S105 - a message, not a secret


async def _check_password(user_id: int, password: str) -> None:
    if not await service.password_matches(user_id, password):
        raise PermissionDeniedException(detail=WRONG_PASSWORD)


async def erase_me(request: AuthedRequest, data: PasswordConfirmation) -> ErasureRequested:
    """Erase the caller's account after the grace period (``DELETE /api/me``)."""
    user = request.user
    if user.role not in ERASABLE:
        raise PermissionDeniedException(
            detail="Only a student or parent account can be erased here; ask your school."
        )
    await _check_password(user.id, data.password)
    erase_after = await request_erasure(user.id, utcnow())
    await record(
        "account.erasure_requested",
        actor=user.id,
        subject=user.id,
        ip=client_ip(request),
        erase_after=erase_after.isoformat(),
    )
    return ErasureRequested(erase_after=erase_after)


class MyDataController(Controller):
    path = "/api/me/export"
    tags = ["privacy"]
    guards = [allow(Role.STUDENT, Role.PARENT)]

    @post("/", status_code=200)
    async def export(self, request: AuthedRequest, data: JSONBody[PasswordConfirmation]) -> Stream:
        """Everything held about me, as a zip of JSON (the typed records) and CSV files a
        spreadsheet opens. Asks for the password again; written to the audit log."""
        user = request.user
        await _check_password(user.id, data.password)
        await record("account.exported", actor=user.id, subject=user.id, ip=client_ip(request))
        stamp = utcnow().strftime("%Y-%m-%d")

        async def body() -> AsyncIterator[bytes]:
            async for chunk in export_zip(user.id, user.role):
                yield chunk

        return Stream(
            body(),
            media_type="application/zip",
            headers={
                "Content-Disposition": f'attachment; filename="waypoint-{user.login}-{stamp}.zip"'
            },
        )


class AccessLogController(Controller):
    path = "/api/me/access-log"
    tags = ["privacy"]
    guards = [allow(Role.STUDENT, Role.PARENT)]

    @get("/")
    async def access_log(self, request: AuthedRequest) -> list[AccessEntry]:
        """What the people who can see my data did with it, and when: reads, decisions,
        links, notes; newest first (the last 100)."""
        user = request.user
        return await access_history(user.id, student=user.role is Role.STUDENT)


class SchoolErasureController(Controller):
    path = "/api/school/accounts/{user_id:int}/erasure"
    tags = ["privacy"]
    guards = [allow(Role.ADMIN)]

    @post("/", status_code=HTTP_204_NO_CONTENT)
    async def erase_student(
        self, request: AuthedRequest, user_id: FromPath[int], data: JSONBody[StudentErasure]
    ) -> None:
        """Erase a student of my school who left, now, with everything of theirs."""
        try:
            login = await service.student_login(request.user.school_id, user_id)
        except service.NoSuchStudent as exc:
            raise NotFoundException(detail=str(exc)) from None
        if data.login.strip().lower() != login:
            raise ClientException(
                detail=f"Type the student's login ({login}) to confirm the erasure.",
                status_code=422,
            )
        await erase_account(user_id)
        await record("school.student_erased", actor=request.user.id, ip=client_ip(request))
