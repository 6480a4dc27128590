"""The sync endpoints: push, pull, and the event stream that pokes devices to pull."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from typing import Any

from litestar import Controller, Response, get, post
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.params import JSONBody
from litestar.response import ServerSentEvent, ServerSentEventMessage

from backend.access import visible_student_ids
from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest
from backend.accounts.roles import Role
from backend.audit.log import client_ip, record
from backend.deps import Services
from backend.problems import problem
from backend.syncing import service
from backend.syncing.pokes import poke, user_channel
from sync import (
    Actor,
    MutationGapError,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
    SyncError,
)


def _sync_problem(exc: SyncError) -> Response[Any]:
    if isinstance(exc, MutationGapError):
        # The device resends from here; a number is easier to act on than a sentence.
        return problem(exc.status_code, str(exc), code=exc.code, expected=exc.expected)
    return problem(exc.status_code, str(exc), code=exc.code)


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
        try:
            outcome = await service.push(data, actor)
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
        try:
            response = await service.pull(user, spaces, data)
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
