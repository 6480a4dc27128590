"""Guardian invites and links against the database."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from datetime import timedelta

from backend.accounts.passwords import verify_password
from backend.accounts.sessions import token_hash
from backend.accounts.tables import User
from backend.classes.codes import ALPHABET, normalise
from backend.clock import utcnow
from backend.db import write_transaction
from backend.families.links import link_view, links_where
from backend.families.schemas import Invite, Link
from backend.families.tables import GuardianInvite, GuardianLink

INVITE_DAYS = 7
INVITE_LENGTH = 10


class LinkNotFound(LookupError):
    """No such link or invite for this user; the message says what to do."""


class AlreadyLinked(ValueError):
    """The parent is already linked to the invite's student."""


class WrongPassword(PermissionError):
    """The password given to confirm a link is not the account's."""


@dataclass(frozen=True)
class Redeemed:
    """A link just made from an invite code."""

    link_id: int
    student_id: int
    invited_by: int
    by_student: bool


async def issue_invite(student_id: int, issued_by: int) -> Invite:
    """A one-time code, valid for 7 days, that links one parent to the student."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(INVITE_LENGTH))
    now = utcnow()
    expires = now + timedelta(days=INVITE_DAYS)
    await GuardianInvite.insert(
        GuardianInvite(
            code_hash=token_hash(code),
            student=student_id,
            issued_by=issued_by,
            created_at=now,
            expires_at=expires,
        )
    )
    return Invite(
        code=code,
        student_id=student_id,
        expires_at=expires,
        needs_confirmation=issued_by != student_id,
    )


async def redeem(parent_id: int, code: str, now: dt.datetime) -> Redeemed:
    """Claim an invite code and link the parent to its student, in one write transaction.

    From the student's own code the link is confirmed; from a teacher's it is pending.
    """
    async with write_transaction(GuardianLink._meta.db):
        # The code is claimed by one conditional UPDATE: of two parents redeeming it at once,
        # the second waits on the first's row lock and then matches nothing, on both engines.
        claimed = (
            await GuardianInvite.update({GuardianInvite.used_at: now})
            .where(
                (GuardianInvite.code_hash == token_hash(normalise(code)))
                & GuardianInvite.used_at.is_null()
                & (GuardianInvite.expires_at > now)
            )
            .returning(GuardianInvite.student, GuardianInvite.issued_by)
        )
        if not claimed:
            raise LinkNotFound("That invite code is unknown, used or expired. Ask for a new one.")
        invite = claimed[0]
        student_id = invite["student"]
        if await GuardianLink.exists().where(
            (GuardianLink.parent == parent_id) & (GuardianLink.student == student_id)
        ):
            # Raising rolls the claim back: the code stays usable for the other parent.
            raise AlreadyLinked("You are already linked.")
        by_student = invite["issued_by"] == student_id
        link = GuardianLink(
            parent=parent_id,
            student=student_id,
            created_at=now,
            invited_by=invite["issued_by"],
            confirmed_at=now if by_student else None,
            confirmed_by=student_id if by_student else None,
            consent="student" if by_student else "",
        )
        await link.save()
    return Redeemed(
        link_id=link.id,
        student_id=student_id,
        invited_by=invite["issued_by"],
        by_student=by_student,
    )


async def link(link_id: int, *, for_parent: bool) -> Link:
    """One link as its parent (or its student) sees it."""
    rows = await links_where(GuardianLink.id == link_id)
    return link_view(rows[0], for_parent=for_parent)


async def links_of(user_id: int, *, as_parent: bool) -> list[Link]:
    """A student's parents (pending ones too), or a parent's children."""
    side = GuardianLink.parent if as_parent else GuardianLink.student
    rows = await links_where(side == user_id)
    return [link_view(r, for_parent=as_parent) for r in rows]


async def confirm(student_id: int, link_id: int, password: str) -> int | None:
    """The student confirms a link of theirs with their password.

    Returns the parent when the link was pending and is now confirmed, None when it already was.
    """
    rows = await GuardianLink.select().where(
        (GuardianLink.id == link_id) & (GuardianLink.student == student_id)
    )
    if not rows:
        raise LinkNotFound(f"No link {link_id} of yours.")
    stored = await User.select(User.password_hash).where(User.id == student_id)
    if not verify_password(stored[0]["password_hash"], password):
        raise WrongPassword("That password is not right.")
    if rows[0]["confirmed_at"] is not None:
        return None
    await GuardianLink.update(
        {
            GuardianLink.confirmed_at: utcnow(),
            GuardianLink.confirmed_by: student_id,
            GuardianLink.consent: "student",
        }
    ).where(GuardianLink.id == link_id)
    return int(rows[0]["parent"])


async def revoke(user_id: int, link_id: int) -> tuple[int, int]:
    """Either side ends a link; returns its (student, parent)."""
    rows = await GuardianLink.select().where(GuardianLink.id == link_id)
    if not rows or user_id not in (rows[0]["parent"], rows[0]["student"]):
        raise LinkNotFound(f"No link {link_id} of yours.")
    await GuardianLink.delete().where(GuardianLink.id == link_id)
    return rows[0]["student"], rows[0]["parent"]
