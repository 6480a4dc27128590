"""An in-memory SyncStore: the reference implementation of the port's contract.

Property tests run the engine on it, and it documents the behaviour the SQL adapters must match.
It is not for production: nothing survives the process. ``transaction()`` gives the same
all-or-nothing effect a database transaction gives a push.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import msgspec

from sync.actor import Actor
from sync.approvals import publish_classes
from sync.kinds import ClassTerms
from sync.policy import ApprovalPolicy, advice_rule, approval_rule, no_approval
from sync.port import ClientState
from sync.privacy import hide_private_time_details, show_everything
from sync.pull import serve_pull
from sync.push import apply_push
from sync.records import Record
from sync.wire import (
    MAX_PULL_PAGE,
    MutationResult,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
)


@dataclass
class _State:
    clients: dict[str, ClientState] = field(default_factory=dict)
    outcomes: dict[tuple[str, int], MutationResult] = field(default_factory=dict)
    records: dict[tuple[str, str], Record] = field(default_factory=dict)
    versions: dict[int, int] = field(default_factory=dict)
    floors: dict[int, int] = field(default_factory=dict)


class MemoryStore:
    """SyncStore kept in dictionaries."""

    def __init__(self) -> None:
        self._state = _State()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Roll every change back if the block raises, like a database transaction."""
        saved = copy.deepcopy(self._state)
        try:
            yield
        except BaseException:
            self._state = saved
            raise

    async def bind_client(self, client_id: str, user_id: int) -> ClientState:
        state = self._state.clients.get(client_id)
        if state is None:
            state = ClientState(client_id=client_id, user_id=user_id, last_mutation_id=0)
            self._state.clients[client_id] = state
        return state

    async def load_outcomes(
        self, client_id: str, first: int, last: int
    ) -> dict[int, MutationResult]:
        found = (self._state.outcomes.get((client_id, m)) for m in range(first, last + 1))
        return {result.mutation_id: result for result in found if result is not None}

    async def save_outcomes(self, client_id: str, results: Sequence[MutationResult]) -> None:
        if not results:
            return
        state = self._state.clients[client_id]
        for result in results:
            self._state.outcomes[(client_id, result.mutation_id)] = result
        self._state.clients[client_id] = ClientState(
            client_id=client_id, user_id=state.user_id, last_mutation_id=results[-1].mutation_id
        )

    async def lock_spaces(self, spaces: Collection[int]) -> None:
        # One caller at a time: there is nothing to lock.
        return

    async def get_record(self, kind: str, record_id: str) -> Record | None:
        return self._state.records.get((kind, record_id))

    async def read_records(self, keys: Collection[tuple[str, str]]) -> list[Record]:
        return [self._state.records[key] for key in keys if key in self._state.records]

    async def put_record(self, record: Record) -> None:
        self._state.records[(record.kind, record.id)] = record

    async def put_records(self, records: Sequence[Record]) -> None:
        for record in records:
            self._state.records[(record.kind, record.id)] = record

    async def insert_records(self, records: Sequence[Record]) -> int:
        inserted = 0
        for record in records:
            key = (record.kind, record.id)
            if key not in self._state.records:
                self._state.records[key] = record
                inserted += 1
        return inserted

    async def next_version(self, space: int) -> int:
        return await self.reserve_versions(space, 1)

    async def reserve_versions(self, space: int, count: int) -> int:
        first = self._state.versions.get(space, 0) + 1
        self._state.versions[space] = first + count - 1
        return first

    async def list_changes(self, since: Mapping[int, int], limit: int) -> list[Record]:
        changed = [
            record
            for record in self._state.records.values()
            if record.space in since and record.version > since[record.space]
        ]
        changed.sort(key=lambda record: (record.space, record.version))
        return changed[:limit]

    async def compaction_floors(self, spaces: Collection[int]) -> dict[int, int]:
        return {space: self._state.floors.get(space, 0) for space in spaces}

    async def purge_tombstones(self, space: int, deleted_before_ms: int) -> int:
        doomed = [
            record
            for record in self._state.records.values()
            if record.space == space and record.deleted and record.updated_ms < deleted_before_ms
        ]
        for record in doomed:
            del self._state.records[(record.kind, record.id)]
            self._state.floors[space] = max(self._state.floors.get(space, 0), record.version)
        return len(doomed)

    def records(self) -> list[Record]:
        """Every stored record, tombstones included (for tests and inspection)."""
        return list(self._state.records.values())

    def client(self, client_id: str) -> ClientState | None:
        """The stored state of one client, if known."""
        return self._state.clients.get(client_id)


class MemoryServer:
    """The engine behind an in-memory store, answering pushes and pulls as the API would.

    ``actors`` maps each user to who they are; the spaces a user pulls are their actor's
    ``writable_spaces`` plus any ``extra_visible`` ones (a parent's children). A student's
    pushes get the policies of their student's classes (``set_policies``; in no class until set).
    """

    def __init__(
        self,
        store: MemoryStore,
        actors: Mapping[int, Actor],
        now_ms: Callable[[], int],
        extra_visible: Mapping[int, frozenset[int]] | None = None,
        max_page: int = MAX_PULL_PAGE,
    ) -> None:
        self.store = store
        self.actors = dict(actors)
        self.now_ms = now_ms
        self.extra_visible = dict(extra_visible or {})
        self.max_page = max_page
        self.policies: dict[int, dict[int, ApprovalPolicy]] = {}

    async def set_policies(self, space: int, classes: Mapping[int, ApprovalPolicy]) -> None:
        """Put the student of ``space`` in ``classes`` (class id to policy): apply them to
        its pushes and publish them to its devices."""
        terms = {class_id: ClassTerms(policy=policy) for class_id, policy in classes.items()}
        with self.store.transaction():
            await publish_classes(self.store, space, terms, self.now_ms())
        self.policies[space] = dict(classes)

    async def push(self, user_id: int, request: PushRequest) -> PushResponse:
        """Apply a push for ``user_id`` in one all-or-nothing transaction."""
        actor = self.actors[user_id]
        classes = self.policies.get(actor.home_space or 0, {})
        approval = no_approval if actor.role == "teacher" else approval_rule(classes)
        advice = no_approval if actor.role == "teacher" else advice_rule(classes)
        with self.store.transaction():
            outcome = await apply_push(self.store, request, actor, self.now_ms(), approval, advice)
        return outcome.response

    async def pull(self, user_id: int, request: PullRequest) -> PullResponse:
        """Serve one pull page for ``user_id``."""
        actor = self.actors[user_id]
        spaces = actor.writable_spaces | self.extra_visible.get(user_id, frozenset())
        record_filter = show_everything if actor.role == "student" else hide_private_time_details
        limited = msgspec.structs.replace(request, limit=min(request.limit, self.max_page))
        return await serve_pull(self.store, limited, user_id, spaces, record_filter)
