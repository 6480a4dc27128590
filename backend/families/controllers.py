"""Guardian links: a student (or their teacher) issues a one-time code; a parent redeems it."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from litestar import Controller, Request, delete, get, post
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, NotFoundException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.access import require_student_visible
from backend.accounts.guards import allow
from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.accounts.sessions import token_hash
from backend.audit.log import client_ip, record
from backend.classes.codes import ALPHABET, normalise
from backend.clock import utcnow
from backend.db import write_transaction
from backend.deps import Services
from backend.families.schemas import Invite, InviteCreate, Link, LinkCreate
from backend.families.tables import GuardianInvite, GuardianLink
from backend.problems import field_error

AuthedRequest = Request[Principal, int, Any]
INVITE_DAYS = 7
INVITE_LENGTH = 10

_LINK_COLUMNS = (
    GuardianLink.id,
    GuardianLink.parent,
    GuardianLink.student,
    GuardianLink.created_at,
    GuardianLink.parent.display_name.as_alias("parent_name"),
    GuardianLink.student.display_name.as_alias("student_name"),
)


def _link(row: dict[str, Any]) -> Link:
    return Link(
        id=row["id"],
        parent_id=row["parent"],
        parent_name=row["parent_name"],
        student_id=row["student"],
        student_name=row["student_name"],
        created_at=row["created_at"],
    )


class GuardianController(Controller):
    tags = ["families"]

    @post(
        "/api/guardian-invites",
        guards=[allow(Role.STUDENT, Role.TEACHER)],
        status_code=HTTP_201_CREATED,
    )
    async def issue_invite(self, request: AuthedRequest, data: JSONBody[InviteCreate]) -> Invite:
        """A one-time code, valid for 7 days, that links one parent to the student."""
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
        return Invite(code=code, student_id=student_id, expires_at=expires)

    @post("/api/guardian-links", guards=[allow(Role.PARENT)], status_code=HTTP_201_CREATED)
    async def redeem(
        self,
        request: AuthedRequest,
        data: JSONBody[LinkCreate],
        services: NamedDependency[Services],
    ) -> Link:
        """A parent redeems an invite code and is linked to that student."""
        user = request.user
        now = utcnow()
        guard = services.code_guard.attempt("invite", client_ip(request), user.id)
        async with guard, write_transaction(GuardianLink._meta.db):
            rows = await GuardianInvite.select().where(
                GuardianInvite.code_hash == token_hash(normalise(data.code))
            )
            invite = rows[0] if rows else None
            if invite is None or invite["used_at"] is not None or invite["expires_at"] <= now:
                raise NotFoundException(
                    detail="That invite code is unknown, used or expired. Ask for a new one."
                )
            student_id = invite["student"]
            if await GuardianLink.exists().where(
                (GuardianLink.parent == user.id) & (GuardianLink.student == student_id)
            ):
                raise ClientException(status_code=409, detail="You are already linked.")
            await GuardianInvite.update({GuardianInvite.used_at: now}).where(
                GuardianInvite.id == invite["id"]
            )
            link = GuardianLink(parent=user.id, student=student_id, created_at=now)
            await link.save()
        await record("guardian.linked", actor=user.id, subject=student_id, ip=client_ip(request))
        rows = await GuardianLink.select(*_LINK_COLUMNS).where(GuardianLink.id == link.id)
        return _link(rows[0])

    @get("/api/guardian-links", guards=[allow(Role.STUDENT, Role.PARENT)])
    async def list_links(self, request: AuthedRequest) -> list[Link]:
        """A student's parents, or a parent's children."""
        user = request.user
        side = GuardianLink.student if user.role is Role.STUDENT else GuardianLink.parent
        rows = (
            await GuardianLink.select(*_LINK_COLUMNS)
            .where(side == user.id)
            .order_by(GuardianLink.id)
        )
        return [_link(r) for r in rows]

    @delete(
        "/api/guardian-links/{link_id:int}",
        guards=[allow(Role.STUDENT, Role.PARENT)],
        status_code=HTTP_204_NO_CONTENT,
    )
    async def revoke(self, request: AuthedRequest, link_id: FromPath[int]) -> None:
        """Either side ends a link; the parent loses access at once."""
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
