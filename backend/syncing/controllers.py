"""The sync endpoints: push, pull, and the event stream that pokes devices to pull."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncGenerator
from typing import Any

from litestar import Controller, Response, get, post
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.response import ServerSentEvent, ServerSentEventMessage
from piccolo.engine.base import Engine

from backend.access import mentees, teaching, visible_student_ids
from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest, Principal
from backend.accounts.roles import Role
from backend.accounts.tables import User
from backend.approvals.policies import student_classes
from backend.audit.log import client_ip, record
from backend.clock import utcnow
from backend.db import read_transaction, write_transaction
from backend.deps import Services
from backend.devices.tables import Device
from backend.problems import problem
from backend.syncing.pokes import poke, user_channel
from backend.syncing.store import SqlSyncStore
from sync import (
    Actor,
    MutationGapError,
    PullRequest,
    PullResponse,
    PushOutcome,
    PushRequest,
    PushResponse,
    Record,
    RecordFilter,
    SyncError,
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


def _sync_problem(exc: SyncError) -> Response[Any]:
    if isinstance(exc, MutationGapError):
        # The device resends from here; a number is easier to act on than a sentence.
        return problem(exc.status_code, str(exc), code=exc.code, expected=exc.expected)
    return problem(exc.status_code, str(exc), code=exc.code)


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


class SyncController(Controller):
    path = "/api/sync"
    tags = ["sync"]

    @post("/push", guards=[allow(Role.STUDENT)], status_code=200)
    async def push(
        self,
        request: AuthedRequest,
        data: JSONBody[PushRequest],
        channels: NamedDependency[ChannelsPlugin],
    ) -> Response[PushResponse]:
        """Apply a batch of this device's mutations, in order and exactly once."""
        user = request.user
        actor = Actor(
            user_id=user.id,
            role="student",
            writable_spaces=frozenset({user.id}),
            home_space=user.id,
        )
        engine = User._meta.db
        try:
            try:
                outcome = await _apply(engine, data, actor)
            except IdTakenMeanwhileError:
                # The transaction that took the id has committed: run again, the rules see it.
                outcome = await _apply(engine, data, actor)
        except SyncError as exc:
            return _sync_problem(exc)
        if outcome.clamped_mutation_ids:
            await record(
                "sync.clock_clamped",
                actor=user.id,
                subject=user.id,
                ip=client_ip(request),
                client_id=data.client_id,
                mutation_ids=list(outcome.clamped_mutation_ids),
            )
        if outcome.touched_spaces:
            await poke(channels, outcome.touched_spaces)
        return Response(outcome.response)

    @post("/pull", status_code=200)
    async def pull(
        self, request: AuthedRequest, data: JSONBody[PullRequest]
    ) -> Response[PullResponse]:
        """The changes since the device's cursor that the caller may see, one page at a time."""
        user = request.user
        spaces = await visible_student_ids(user)
        engine = User._meta.db
        store = SqlSyncStore(engine)
        try:
            if not await Device.exists().where(Device.client_id == data.client_id):
                async with write_transaction(engine):
                    await store.bind_client(data.client_id, user.id)
            # A read transaction: on SQLite, pulls then never queue for the single write lock.
            async with read_transaction(engine):
                view, scopes = await _view_for(user, spaces, store)
                response = await serve_pull(store, data, user.id, spaces, view, scopes)
        except SyncError as exc:
            return _sync_problem(exc)
        return Response(response)

    @get("/events")
    async def events(
        self,
        request: AuthedRequest,
        channels: NamedDependency[ChannelsPlugin],
        services: NamedDependency[Services],
    ) -> ServerSentEvent:
        """Server-sent events: `ready` once connected, then `poke` whenever there is news."""
        channel = user_channel(request.user.id)
        # Proxies and phones drop idle connections; a comment line this often keeps it open.
        heartbeat = services.settings.sse_heartbeat_seconds

        async def stream() -> AsyncGenerator[ServerSentEventMessage, None]:
            async with channels.start_subscription([channel]) as subscriber:
                # Pull once on connect: pokes sent while the stream was down were missed.
                yield ServerSentEventMessage(event="ready", data="pull")
                events = subscriber.iter_events()
                # One pending read at a time, never cancelled: cancelling a read on timeout
                # would close the subscriber's iterator and end the stream.
                pending = asyncio.ensure_future(anext(events))
                try:
                    while True:
                        done, _ = await asyncio.wait({pending}, timeout=heartbeat)
                        if not done:
                            yield ServerSentEventMessage(comment="keep-alive")
                            continue
                        pending.result()
                        pending = asyncio.ensure_future(anext(events))
                        yield ServerSentEventMessage(event="poke", data="pull")
                finally:
                    pending.cancel()

        return ServerSentEvent(stream())
