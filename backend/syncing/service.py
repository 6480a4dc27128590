"""Push and pull against the database: each push in one write transaction under the
student's class policies, each pull in one read transaction through the caller's view."""

from __future__ import annotations

import dataclasses
from typing import Any

from piccolo.engine.base import Engine

from backend.access import mentees, teaching
from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.accounts.tables import User
from backend.approvals.policies import student_classes
from backend.clock import utcnow
from backend.db import read_transaction, write_transaction
from backend.devices.tables import Device
from backend.syncing.store import SqlSyncStore
from sync import (
    Actor,
    PullRequest,
    PullResponse,
    PushOutcome,
    PushRequest,
    Record,
    RecordFilter,
    apply_push,
    serve_pull,
    show_everything,
)
from sync.approvals import publish_classes
from sync.errors import IdTakenMeanwhileError
from sync.policy import advice_rule, approval_rule, class_of, policies_of
from sync.privacy import (
    FilterSource,
    mentor_view,
    parent_view,
    scope_tag,
    subject_teacher_view,
)
from sync.records import GOAL


def _now_ms() -> int:
    return int(utcnow().timestamp() * 1000)


@dataclasses.dataclass(frozen=True)
class _TeacherView:
    """A teacher's view: their mentees whole, the students they teach through their classes."""

    store: SqlSyncStore
    whole: frozenset[int]
    taught: dict[int, frozenset[int]]

    async def build(self) -> RecordFilter:
        goals = await self.store.live_records(GOAL, set(self.taught))
        by_class = subject_teacher_view(self.taught, {g.id: class_of(g.fields) for g in goals})

        def view(record: Record) -> Record | None:
            return mentor_view(record) if record.space in self.whole else by_class(record)

        return view


async def _view_for(
    user: Principal, spaces: set[int], store: SqlSyncStore
) -> tuple[RecordFilter | FilterSource, dict[int, str]]:
    """What ``user`` sees of each visible space, and the scope the cursor keeps for it.

    A student sees all of their own space; a parent or mentor the whole space through the
    privacy filter (a parent a check-in only when the student shares it); a subject teacher,
    for a student they do not mentor, what their classes let them see
    (``subject_teacher_view``).
    """
    if user.role is Role.STUDENT:
        return show_everything, {}
    if user.role is not Role.TEACHER:
        return parent_view, {}
    whole = frozenset(await mentees(user))
    taught = {s: c for s, c in (await teaching(user)).items() if s in spaces and s not in whole}
    if not taught:
        return mentor_view, {}
    scopes = {space: scope_tag(classes) for space, classes in taught.items()}
    return _TeacherView(store, whole, taught), scopes


async def _apply(engine: Engine[Any], data: PushRequest, actor: Actor) -> PushOutcome:
    """Apply the push with each goal under its class's policy as the class sets it now.

    The policy record the devices replay is rewritten in the same transaction whenever a
    student's classes or their policies change, so this only writes it for a space that has
    none yet (a student who joined a class before the record existed) or to repair one a race
    left behind.
    """
    now_ms = _now_ms()
    async with write_transaction(engine):
        store = SqlSyncStore(engine)
        classes = await student_classes(actor.user_id)
        policies = policies_of(classes)
        rule, advice = approval_rule(policies), advice_rule(policies)
        outcome = await apply_push(store, data, actor, now_ms, rule, advice)
        if await publish_classes(store, actor.user_id, classes, now_ms) is None:
            return outcome
    return dataclasses.replace(outcome, touched_spaces=outcome.touched_spaces | {actor.user_id})


async def push(data: PushRequest, actor: Actor) -> PushOutcome:
    """Apply a batch of a device's mutations, in order and exactly once; raises `SyncError`."""
    engine = User._meta.db
    try:
        return await _apply(engine, data, actor)
    except IdTakenMeanwhileError:
        # The transaction that took the id has committed: run again, the rules see it.
        return await _apply(engine, data, actor)


async def pull(user: Principal, spaces: set[int], data: PullRequest) -> PullResponse:
    """The changes since the device's cursor that the user may see; raises `SyncError`."""
    engine = User._meta.db
    store = SqlSyncStore(engine)
    if not await Device.exists().where(Device.client_id == data.client_id):
        async with write_transaction(engine):
            await store.bind_client(data.client_id, user.id)
    # A read transaction: on SQLite, pulls then never queue for the single write lock.
    async with read_transaction(engine):
        view, scopes = await _view_for(user, spaces, store)
        return await serve_pull(store, data, user.id, spaces, view, scopes)
