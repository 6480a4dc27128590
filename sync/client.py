"""A device, modelled in pure Python: local store, outbox, push, pull and rebase.

It mirrors what the PWA's sync client does, so the property tests can run several offline
devices against one server. The device's view is the last server state it pulled with its
pending mutations replayed on top by the server's rules (``sync.replay``), under the approval
policy the server published; after a full sync with an empty outbox the view equals the
server's state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from sync import hlc
from sync.policy import classes_from_fields, policies_of
from sync.records import POLICY
from sync.replay import Key, LocalRecord, replay
from sync.wire import (
    MAX_MUTATIONS_PER_PUSH,
    PROTOCOL_VERSION,
    Change,
    Mutation,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
)


class SyncServer(Protocol):
    """What a device talks to: the HTTP API, or an in-process engine in tests."""

    async def push(self, user_id: int, request: PushRequest) -> PushResponse: ...

    async def pull(self, user_id: int, request: PullRequest) -> PullResponse: ...


@dataclass
class Device:
    """One device of one user. ``now_ms`` is the device's own (possibly wrong) clock."""

    client_id: str
    user_id: int
    home_space: int
    now_ms: Callable[[], int]
    server_state: dict[Key, LocalRecord] = field(default_factory=dict)
    outbox: list[Mutation] = field(default_factory=list)
    pushed_up_to: int = 0
    next_mutation_id: int = 1
    clock: str | None = None
    cursor: str | None = None
    results: dict[int, Any] = field(default_factory=dict)

    def mutate(self, name: str, args: Mapping[str, Any]) -> Mutation:
        """Queue a local change and return the queued mutation."""
        self.clock = hlc.tick(self.clock, self.now_ms(), self.client_id)
        mutation = Mutation(
            mutation_id=self.next_mutation_id,
            name=name,
            args=dict(args),
            hlc=self.clock,
        )
        self.next_mutation_id += 1
        self.outbox.append(mutation)
        return mutation

    def base_clocks(self, kind: str, record_id: str, names: list[str]) -> dict[str, str]:
        """Clocks of ``names`` as this device sees them now, for an update's ``base``."""
        record = self.view().get((kind, record_id))
        if record is None:
            return {}
        return {name: record.clocks[name] for name in names if name in record.clocks}

    def view(self) -> dict[Key, LocalRecord]:
        """What the user sees: server state with pending mutations replayed on top."""
        state = {
            key: LocalRecord(r.kind, r.id, r.space, dict(r.fields), dict(r.clocks))
            for key, r in self.server_state.items()
        }
        policies = {
            r.space: policies_of(classes_from_fields(r.fields))
            for r in state.values()
            if r.kind == POLICY
        }
        for mutation in self.outbox:
            replay(state, mutation, self.home_space, policies)
        return state

    async def push(self, server: SyncServer, *, drop_response: bool = False) -> PushResponse | None:
        """Send the not yet acknowledged outbox; with ``drop_response`` the answer is lost."""
        pending = [m for m in self.outbox if m.mutation_id > self.pushed_up_to]
        if not pending:
            return None
        request = PushRequest(
            protocol_version=PROTOCOL_VERSION,
            client_id=self.client_id,
            mutations=pending[:MAX_MUTATIONS_PER_PUSH],
        )
        response = await server.push(self.user_id, request)
        if drop_response:
            return None
        for result in response.results:
            self.results[result.mutation_id] = result
        self.pushed_up_to = max(self.pushed_up_to, response.last_mutation_id)
        return response

    async def pull_page(self, server: SyncServer) -> PullResponse:
        """Pull one page and apply it; the outbox is trimmed once a pull completes."""
        request = PullRequest(
            protocol_version=PROTOCOL_VERSION, client_id=self.client_id, cursor=self.cursor
        )
        response = await server.pull(self.user_id, request)
        if response.reset:
            # The outbox survives a reset and is simply pushed again.
            self.server_state.clear()
        for space in response.removed_spaces:
            for key in [k for k, r in self.server_state.items() if r.space == space]:
                del self.server_state[key]
        newest: str | None = None
        for change in response.changes:
            self._apply_change(change)
            for clock in change.clocks.values():
                newest = clock if newest is None or clock > newest else newest
        if newest is not None:
            self.clock = hlc.receive(self.clock, newest, self.now_ms(), self.client_id)
        self.cursor = response.cursor
        if not response.has_more:
            acknowledged = response.last_mutation_id
            self.outbox = [m for m in self.outbox if m.mutation_id > acknowledged]
            self.pushed_up_to = max(self.pushed_up_to, acknowledged)
        return response

    async def pull(self, server: SyncServer) -> None:
        """Pull pages until the device has caught up."""
        while (await self.pull_page(server)).has_more:
            pass

    def _apply_change(self, change: Change) -> None:
        key = (change.kind, change.id)
        if change.deleted:
            self.server_state.pop(key, None)
        else:
            self.server_state[key] = LocalRecord(
                change.kind, change.id, change.space, dict(change.fields), dict(change.clocks)
            )
