"""Erasing an account: asked for with the password, 14 days of grace, then every row of it.

A student or a parent asks; every session ends at once, and signing in again within the grace
period cancels the request. When it has passed (or at once, when a school administrator erases
a student who left), ``erase_account`` removes, in one transaction, the account and everything
in its space: synced records, versions, stored push outcomes of its devices, kept totals,
devices, sessions, push subscriptions and preferences, class memberships, guardian links and
invites, mentoring and its check-in notes, reset codes, and the digests that told a parent
about an erased child. Other people's devices drop the erased student's records on their next
pull: the student is no longer among the spaces they may see, so the pull lists the space in
``removed_spaces``.

What stays is the audit trail of what happened, without the person: entries the erased account
made or that were about it keep their action and time, their actor or subject becomes empty and
their details are cleared (a decision was made; not by whom, about whom or what it said).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any, Final

from piccolo.engine.base import Engine

from backend.accounts.roles import Role
from backend.accounts.sessions import end_all_sessions
from backend.accounts.tables import User
from backend.clock import utcnow
from backend.db import run_sql, write_transaction
from backend.digests.content import children_of

log = logging.getLogger("waypoint.erasure")

GRACE: Final = dt.timedelta(days=14)
ERASABLE: Final = frozenset({Role.STUDENT, Role.PARENT})


async def request_erasure(user_id: int, now: dt.datetime) -> dt.datetime:
    """Mark the account to be erased after the grace period, and end every session of it."""
    erase_after = now + GRACE
    await User.update({User.erase_after: erase_after}).where(User.id == user_id)
    await end_all_sessions(user_id)
    return erase_after


async def cancel_erasure(user_id: int) -> bool:
    """Signing in within the grace period keeps the account; True when a request was pending."""
    cancelled = (
        await User.update({User.erase_after: None})
        .where((User.id == user_id) & User.erase_after.is_not_null())
        .returning(User.id)
    )
    return bool(cancelled)


# (table, column) pairs that name the erased account, deleted in this order: rows that point at
# other rows go first, so neither engine's foreign keys ever see a dangling reference.
_OWNED: Final = (
    ("push_attempt", "outbox IN (SELECT id FROM push_outbox WHERE parent = {})"),
    ("push_outbox", "parent = {}"),
    ("push_subscription", "owner = {}"),
    ("push_preference", "parent = {}"),
    ("user_session", '"user" = {}'),
    ("sync_outcome", 'client_id IN (SELECT client_id FROM device WHERE "user" = {})'),
    ("device", '"user" = {}'),
    ("sync_record", "space = {}"),
    ("sync_space", "space = {}"),
    ("learner_total", "space = {}"),
    ("enrolment", "student = {}"),
    ("guardian_invite", "student = {} OR issued_by = {}"),
    ("guardian_link", "student = {} OR parent = {}"),
    ("mentor_note", "student = {}"),
    ("mentorship", "student = {}"),
    ("password_reset", '"user" = {} OR issued_by = {}'),
)


_MY_DIGESTS: Final = "SELECT id FROM parent_digest WHERE parent = {}"

# Where the erased account is named beside someone else's data: the name goes, the rest stays.
# The audit trail keeps what happened, not who or what it said.
_FORGET_IN_AUDIT: Final = (
    "UPDATE audit_event SET actor = NULL, detail = {} WHERE actor = {}",
    "UPDATE audit_event SET subject = NULL, detail = {} WHERE subject = {}",
)
_FORGET: Final = (
    "UPDATE mentor_note SET author = NULL WHERE author = {}",
    "UPDATE mentorship SET assigned_by = NULL WHERE assigned_by = {}",
    "UPDATE guardian_link SET invited_by = NULL WHERE invited_by = {}",
    "UPDATE guardian_link SET confirmed_by = NULL WHERE confirmed_by = {}",
)


async def _delete_digests(engine: Engine[Any], ids: list[int]) -> None:
    """Digests with their push outbox rows and delivery attempts."""
    if not ids:
        return
    marks = ", ".join("{}" for _ in ids)
    outbox = f"SELECT id FROM push_outbox WHERE digest IN ({marks})"  # noqa: S608
    await run_sql(engine, f"DELETE FROM push_attempt WHERE outbox IN ({outbox})", *ids)  # noqa: S608
    await run_sql(engine, f"DELETE FROM push_outbox WHERE digest IN ({marks})", *ids)  # noqa: S608
    await run_sql(engine, f"DELETE FROM parent_digest WHERE id IN ({marks})", *ids)  # noqa: S608


async def _child_digests(engine: Engine[Any], student_id: int) -> list[int]:
    """Digests that told some parent about this child: they go with the child's data."""
    parents = await run_sql(
        engine, "SELECT DISTINCT parent FROM guardian_link WHERE student = {}", student_id
    )
    if not parents:
        return []
    marks = ", ".join("{}" for _ in parents)
    rows = await run_sql(
        engine,
        f"SELECT id, content FROM parent_digest WHERE parent IN ({marks})",  # noqa: S608
        *(p["parent"] for p in parents),
    )
    return [r["id"] for r in rows if student_id in children_of(str(r["content"]))]


async def erase_account(user_id: int) -> bool:
    """Erase a student's or parent's account and everything of it now; False if there is none
    (erased before, or never a student or parent)."""
    engine = User._meta.db
    async with write_transaction(engine):
        rows = await User.select(User.role).where(User.id == user_id)
        if not rows or Role(rows[0]["role"]) not in ERASABLE:
            return False
        digests = await _child_digests(engine, user_id)
        mine = [r["id"] for r in await run_sql(engine, _MY_DIGESTS, user_id)]
        await _delete_digests(engine, [*digests, *mine])
        for table, where in _OWNED:
            await run_sql(
                engine,
                f"DELETE FROM {table} WHERE {where}",  # noqa: S608 - fixed table and column names
                *([user_id] * where.count("{}")),
            )
        for statement in _FORGET_IN_AUDIT:
            await run_sql(engine, statement, "{}", user_id)
        for statement in _FORGET:
            await run_sql(engine, statement, user_id)
        await run_sql(engine, "DELETE FROM app_user WHERE id = {}", user_id)
    return True


async def erase_due(now: dt.datetime | None = None) -> int:
    """Erase every account whose grace period has passed; returns how many were erased."""
    moment = now or utcnow()
    due = await User.select(User.id).where(
        User.erase_after.is_not_null() & (User.erase_after <= moment)
    )
    erased = 0
    for row in due:
        try:
            erased += await erase_account(row["id"])
        except Exception:
            # One account that cannot be erased now must not keep the others: retried next run.
            log.exception("erasure of account %s failed; retried at the next run", row["id"])
    return erased
