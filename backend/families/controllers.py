"""Guardian links: a student (or their teacher) issues a one-time code; a parent redeems it.

A link from the student's own code is confirmed at once: the student chose to share. A link
from a teacher's code waits until the student confirms it (or the school's administrator does,
for a young student, with the school's consent recorded); until then the parent sees nothing.
"""

from __future__ import annotations

from litestar import Controller, delete, get, post
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.access import require_student_visible
from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest
from backend.accounts.roles import Role
from backend.audit.log import client_ip, record
from backend.clock import utcnow
from backend.deps import Services
from backend.families import service
from backend.families.schemas import Invite, InviteCreate, Link, LinkConfirm, LinkCreate
from backend.problems import field_error
from backend.syncing.pokes import poke


class GuardianController(Controller):
    tags = ["families"]

    @post(
        "/api/guardian-invites",
        guards=[allow(Role.STUDENT, Role.TEACHER)],
        status_code=HTTP_201_CREATED,
    )
    async def issue_invite(self, request: AuthedRequest, data: JSONBody[InviteCreate]) -> Invite:
        """A one-time code, valid for 7 days, that links one parent to the student.

        A teacher's code makes a link that waits for the student's confirmation.
        """
        user = request.user
        if user.role is Role.STUDENT:
            if data.student_id not in (None, user.id):
                raise NotFoundException(detail="A student can only invite parents for themselves.")
            student_id = user.id
        else:
            if data.student_id is None:
                raise field_error(
                    "student_id",
                    "name the student of your class this invite is for",
                )
            await require_student_visible(user, data.student_id)
            student_id = data.student_id
        invite = await service.issue_invite(student_id, user.id)
        await record(
            "guardian.invite_issued", actor=user.id, subject=student_id, ip=client_ip(request)
        )
        return invite

    @post("/api/guardian-links", guards=[allow(Role.PARENT)], status_code=HTTP_201_CREATED)
    async def redeem(
        self,
        request: AuthedRequest,
        data: JSONBody[LinkCreate],
        services: NamedDependency[Services],
        channels: NamedDependency[ChannelsPlugin],
    ) -> Link:
        """A parent redeems an invite code and is linked to that student.

        From the student's own code the link is confirmed; from a teacher's it is pending
        until the student (or the school) confirms, and the student is told at once.
        """
        user = request.user
        now = utcnow()
        async with services.code_guard.attempt("invite", client_ip(request), user.id):
            try:
                made = await service.redeem(user.id, data.code, now)
            except service.LinkNotFound as exc:
                raise NotFoundException(detail=str(exc)) from None
            except service.AlreadyLinked as exc:
                raise ClientException(status_code=409, detail=str(exc)) from None
        await record(
            "guardian.linked" if made.by_student else "guardian.link_requested",
            actor=user.id,
            subject=made.student_id,
            ip=client_ip(request),
            invited_by=made.invited_by,
        )
        # The student's open app refreshes and shows who can now see (or asks to see) them.
        await poke(channels, [made.student_id])
        return await service.link(made.link_id, for_parent=True)

    @get("/api/guardian-links", guards=[allow(Role.STUDENT, Role.PARENT)])
    async def list_links(self, request: AuthedRequest) -> list[Link]:
        """A student's parents (pending ones too), or a parent's children."""
        user = request.user
        return await service.links_of(user.id, as_parent=user.role is not Role.STUDENT)

    @post(
        "/api/guardian-links/{link_id:int}/confirm",
        guards=[allow(Role.STUDENT)],
        status_code=HTTP_200_OK,
    )
    async def confirm(
        self,
        request: AuthedRequest,
        link_id: FromPath[int],
        data: JSONBody[LinkConfirm],
        channels: NamedDependency[ChannelsPlugin],
    ) -> Link:
        """The student lets this parent see their data (asks for the password again)."""
        user = request.user
        try:
            parent = await service.confirm(user.id, link_id, data.password)
        except service.LinkNotFound as exc:
            raise NotFoundException(detail=str(exc)) from None
        except service.WrongPassword as exc:
            raise PermissionDeniedException(detail=str(exc)) from None
        if parent is not None:
            await record(
                "guardian.link_confirmed",
                actor=user.id,
                subject=user.id,
                ip=client_ip(request),
                parent=parent,
            )
            await poke(channels, [user.id])
        return await service.link(link_id, for_parent=False)

    @delete(
        "/api/guardian-links/{link_id:int}",
        guards=[allow(Role.STUDENT, Role.PARENT)],
        status_code=HTTP_204_NO_CONTENT,
    )
    async def revoke(self, request: AuthedRequest, link_id: FromPath[int]) -> None:
        """Either side ends a link (or the student declines a pending one); access ends at once."""
        user = request.user
        try:
            student_id, parent_id = await service.revoke(user.id, link_id)
        except service.LinkNotFound as exc:
            raise NotFoundException(detail=str(exc)) from None
        await record(
            "guardian.unlinked",
            actor=user.id,
            subject=student_id,
            ip=client_ip(request),
            parent=parent_id,
        )
