"""Request and response bodies of the sync endpoints, as msgspec Structs.

These are the single source of the wire shape: the HTTP layer decodes and encodes them, OpenAPI
is generated from them, and the device's TypeScript types are generated from that.
"""

from __future__ import annotations

from typing import Annotated, Any, Final, Literal

import msgspec
from msgspec import Meta

from sync.hlc import CLIENT_ID_PATTERN
from sync.kinds import Clock

PROTOCOL_VERSION: Final = 1
SUPPORTED_PROTOCOL_VERSIONS: Final = frozenset({1})
MAX_MUTATIONS_PER_PUSH: Final = 500
MAX_PUSH_BYTES: Final = 1024 * 1024
MAX_PULL_PAGE: Final = 1000
MAX_CURSOR_LENGTH: Final = 64 * 1024

ClientId = Annotated[str, Meta(pattern=f"^{CLIENT_ID_PATTERN}$")]
MutationId = Annotated[int, Meta(ge=1, le=2**53 - 1)]
MutationName = Annotated[str, Meta(min_length=1, max_length=64)]
ProtocolVersion = Annotated[int, Meta(ge=0, le=1000)]
Outcome = Literal["applied", "merged", "change_request", "rejected", "duplicate"]


class Mutation(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """One queued local change. ``args`` stays a plain object until it is decoded for its
    ``name``, so one malformed mutation is rejected on its own instead of failing the batch."""

    mutation_id: MutationId
    name: MutationName
    args: dict[str, Any]
    hlc: Clock


class PushRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    protocol_version: ProtocolVersion
    client_id: ClientId
    mutations: Annotated[list[Mutation], Meta(min_length=1, max_length=MAX_MUTATIONS_PER_PUSH)]


class LostValue(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A field value that lost a merge, with the value and clock that beat it."""

    field: str
    lost_value: Any
    lost_hlc: str | None
    winning_value: Any
    winning_hlc: str | None
    winning_client: str | None
    reason: Literal["superseded", "deleted"] = "superseded"


class MutationResult(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    """What became of one mutation. Stored, so a retried push gets the identical answer."""

    mutation_id: MutationId
    outcome: Outcome
    reason: str | None = None
    lost: list[LostValue] = msgspec.field(default_factory=list)
    change_request_id: str | None = None
    clock_clamped: bool = False


class PushResponse(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, omit_defaults=True):
    last_mutation_id: int
    results: list[MutationResult]
    cursor: str | None = None


class PullRequest(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    protocol_version: ProtocolVersion
    client_id: ClientId
    cursor: Annotated[str, Meta(max_length=MAX_CURSOR_LENGTH)] | None = None
    limit: Annotated[int, Meta(ge=1, le=MAX_PULL_PAGE)] = MAX_PULL_PAGE


class Change(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The full current state of one record as the caller may see it."""

    kind: str
    id: str
    space: int
    deleted: bool
    fields: dict[str, Any]
    clocks: dict[str, str]
    version: int


class PullResponse(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    cursor: str
    has_more: bool
    reset: bool
    last_mutation_id: int
    changes: list[Change]
    removed_spaces: list[int]
