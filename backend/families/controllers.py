"""Guardian links: a student (or their teacher) issues a one-time code; a parent redeems it.

A link from the student's own code is confirmed at once: the student chose to share. A link
from a teacher's code waits until the student confirms it (or the school's administrator does,
for a young student, with the school's consent recorded); until then the parent sees nothing.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from litestar import Controller, delete, get, post
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.access import require_student_visible
from backend.accounts.guards import allow
from backend.accounts.passwords import verify_password
from backend.accounts.principal import AuthedRequest
from backend.accounts.roles import Role
from backend.accounts.sessions import token_hash
from backend.accounts.tables import User
from backend.audit.log import client_ip, record
from backend.classes.codes import ALPHABET, normalise
from backend.clock import utcnow
from backend.db import write_transaction
from backend.deps import Services
from backend.families.links import link_view, links_where
from backend.families.schemas import Invite, InviteCreate, Link, LinkConfirm, LinkCreate
from backend.families.tables import GuardianInvite, GuardianLink
from backend.problems import field_error
from backend.syncing.pokes import poke

INVITE_DAYS = 7
INVITE_LENGTH = 10


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
        code = "".join(secrets.choice(ALPHABET) for _ in range(INVITE_LENGTH))
        now = utcnow()
        expires = now + timedelta(days=INVITE_DAYS)
        await GuardianInvite.insert(
            GuardianInvite(
                code_hash=token_hash(code),
                student=student_id,
                issued_by=user.id,
                created_at=now,
                expires_at=expires,
            )
        )
        await record(
            "guardian.invite_issued", actor=user.id, subject=student_id, ip=client_ip(request)
        )
        return Invite(
            code=code,
            student_id=student_id,
            expires_at=expires,
            needs_confirmation=user.id != student_id,
        )

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
        guard = services.code_guard.attempt("invite", client_ip(request), user.id)
        async with guard, write_transaction(GuardianLink._meta.db):
            # The code is claimed by one conditional UPDATE: of two parents redeeming it at once,
            # the second waits on the first's row lock and then matches nothing, on both engines.
            claimed = (
                await GuardianInvite.update({GuardianInvite.used_at: now})
                .where(
                    (GuardianInvite.code_hash == token_hash(normalise(data.code)))
                    & GuardianInvite.used_at.is_null()
                    & (GuardianInvite.expires_at > now)
                )
                .returning(GuardianInvite.student, GuardianInvite.issued_by)
            )
            if not claimed:
                raise NotFoundException(
                    detail="That invite code is unknown, used or expired. Ask for a new one."
                )
            invite = claimed[0]
            student_id = invite["student"]
            if await GuardianLink.exists().where(
                (GuardianLink.parent == user.id) & (GuardianLink.student == student_id)
            ):
                # Raising rolls the claim back: the code stays usable for the other parent.
                raise ClientException(status_code=409, detail="You are already linked.")
            by_student = invite["issued_by"] == student_id
            link = GuardianLink(
                parent=user.id,
                student=student_id,
                created_at=now,
                invited_by=invite["issued_by"],
                confirmed_at=now if by_student else None,
                confirmed_by=student_id if by_student else None,
                consent="student" if by_student else "",
            )
            await link.save()
        await record(
            "guardian.linked" if by_student else "guardian.link_requested",
            actor=user.id,
            subject=student_id,
            ip=client_ip(request),
            invited_by=invite["issued_by"],
        )
        # The student's open app refreshes and shows who can now see (or asks to see) them.
        await poke(channels, [student_id])
        rows = await links_where(GuardianLink.id == link.id)
        return link_view(rows[0], for_parent=True)

    @get("/api/guardian-links", guards=[allow(Role.STUDENT, Role.PARENT)])
    async def list_links(self, request: AuthedRequest) -> list[Link]:
        """A student's parents (pending ones too), or a parent's children."""
        user = request.user
        side = GuardianLink.student if user.role is Role.STUDENT else GuardianLink.parent
        rows = await links_where(side == user.id)
        return [link_view(r, for_parent=user.role is Role.PARENT) for r in rows]

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
        rows = await GuardianLink.select().where(
            (GuardianLink.id == link_id) & (GuardianLink.student == user.id)
        )
        if not rows:
            raise NotFoundException(detail=f"No link {link_id} of yours.")
        stored = await User.select(User.password_hash).where(User.id == user.id)
        if not verify_password(stored[0]["password_hash"], data.password):
            raise PermissionDeniedException(detail="That password is not right.")
        if rows[0]["confirmed_at"] is None:
            await GuardianLink.update(
                {
                    GuardianLink.confirmed_at: utcnow(),
                    GuardianLink.confirmed_by: user.id,
                    GuardianLink.consent: "student",
                }
            ).where(GuardianLink.id == link_id)
            await record(
                "guardian.link_confirmed",
                actor=user.id,
                subject=user.id,
                ip=client_ip(request),
                parent=rows[0]["parent"],
            )
            await poke(channels, [user.id])
        found = await links_where(GuardianLink.id == link_id)
        return link_view(found[0], for_parent=False)

    @delete(
        "/api/guardian-links/{link_id:int}",
        guards=[allow(Role.STUDENT, Role.PARENT)],
        status_code=HTTP_204_NO_CONTENT,
    )
    async def revoke(self, request: AuthedRequest, link_id: FromPath[int]) -> None:
        """Either side ends a link (or the student declines a pending one); access ends at once."""
        user = request.user
        rows = await GuardianLink.select().where(GuardianLink.id == link_id)
        if not rows or user.id not in (rows[0]["parent"], rows[0]["student"]):
            raise NotFoundException(detail=f"No link {link_id} of yours.")
        await GuardianLink.delete().where(GuardianLink.id == link_id)
        await record(
            "guardian.unlinked",
            actor=user.id,
            subject=rows[0]["student"],
            ip=client_ip(request),
            parent=rows[0]["parent"],
        )
