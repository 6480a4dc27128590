"""The caller's own sessions: where they are signed in, and signing out one or all of them."""

from __future__ import annotations

from litestar import Controller, Response, delete, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.accounts import service
from backend.accounts.principal import AuthedRequest
from backend.accounts.schemas import SessionInfo
from backend.accounts.sessions import clear_session_cookie, end_all_sessions, end_session
from backend.audit.log import client_ip, record
from backend.deps import Services


class SessionController(Controller):
    path = "/api/auth/sessions"
    tags = ["auth"]

    @get("/")
    async def list_sessions(self, request: AuthedRequest) -> list[SessionInfo]:
        """Every live session of mine, the most recently used first."""
        return await service.live_sessions(request.user.id, request.user.session_id)

    @delete("/{session_id:int}", status_code=HTTP_204_NO_CONTENT)
    async def end_one(
        self,
        request: AuthedRequest,
        session_id: FromPath[int],
        services: NamedDependency[Services],
    ) -> Response[None]:
        """Sign out one of my sessions (a tablet left at school); this one too, if named."""
        if not await service.has_session(request.user.id, session_id):
            raise NotFoundException(detail=f"No session {session_id} of yours.")
        await end_session(session_id)
        await record("session.ended", actor=request.user.id, ip=client_ip(request))
        response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
        if session_id == request.user.session_id:
            clear_session_cookie(response, services.settings)
        return response

    @delete("/", status_code=HTTP_204_NO_CONTENT)
    async def end_everywhere(
        self, request: AuthedRequest, services: NamedDependency[Services]
    ) -> Response[None]:
        """Sign out everywhere, this device included."""
        await end_all_sessions(request.user.id)
        await record("session.ended_all", actor=request.user.id, ip=client_ip(request))
        response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
        clear_session_cookie(response, services.settings)
        return response
