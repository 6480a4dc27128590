"""Waypoint's offline sync engine: wire types, clocks, merge rules, push and pull.

Framework-free: the HTTP layer decodes requests into ``sync.wire`` Structs, calls ``apply_push``
or ``serve_pull`` inside a transaction on its implementation of ``sync.port.SyncStore``, and maps
``sync.errors.SyncError`` subclasses to problem responses.
"""

from sync.actor import Actor
from sync.compaction import TOMBSTONE_TTL_MS, compact
from sync.errors import (
    ClientOwnershipError,
    MutationGapError,
    SyncError,
    UnsupportedProtocolError,
)
from sync.hlc import MAX_DRIFT_MS
from sync.policy import ApprovalPolicy, ApprovalRule, approval_rule, no_approval
from sync.port import ClientState, SyncStore
from sync.privacy import RecordFilter, hide_private_time_details, show_everything
from sync.pull import serve_pull
from sync.push import PushOutcome, apply_push
from sync.records import Record
from sync.wire import (
    MAX_MUTATIONS_PER_PUSH,
    MAX_PULL_PAGE,
    MAX_PUSH_BYTES,
    PROTOCOL_VERSION,
    PullRequest,
    PullResponse,
    PushRequest,
    PushResponse,
)

__all__ = [
    "MAX_DRIFT_MS",
    "MAX_MUTATIONS_PER_PUSH",
    "MAX_PULL_PAGE",
    "MAX_PUSH_BYTES",
    "PROTOCOL_VERSION",
    "TOMBSTONE_TTL_MS",
    "Actor",
    "ApprovalPolicy",
    "ApprovalRule",
    "ClientOwnershipError",
    "ClientState",
    "MutationGapError",
    "PullRequest",
    "PullResponse",
    "PushOutcome",
    "PushRequest",
    "PushResponse",
    "Record",
    "RecordFilter",
    "SyncError",
    "SyncStore",
    "UnsupportedProtocolError",
    "apply_push",
    "approval_rule",
    "compact",
    "hide_private_time_details",
    "no_approval",
    "serve_pull",
    "show_everything",
]
