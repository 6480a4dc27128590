"""Errors that refuse a whole push or pull. Each carries the HTTP status the API should answer.

Per-mutation problems are never raised: they become ``rejected`` outcomes so the queue moves on.
"""

from __future__ import annotations


class SyncError(Exception):
    """A request the engine refuses as a whole; nothing of it was applied."""

    status_code = 400
    code = "sync_error"


class UnsupportedProtocolError(SyncError):
    """The device speaks a protocol version this server no longer (or not yet) supports."""

    status_code = 400
    code = "update_required"

    def __init__(self, version: int) -> None:
        super().__init__(f"sync protocol version {version} is not supported; please update the app")
        self.version = version


class ClientOwnershipError(SyncError):
    """The client id is bound to another user."""

    status_code = 403
    code = "client_not_yours"

    def __init__(self, client_id: str) -> None:
        super().__init__(
            f"client {client_id!r} belongs to another account; "
            "sign out and in again to get a fresh client id"
        )
        self.client_id = client_id


class MutationGapError(SyncError):
    """The batch skips mutation ids; the device must resend from ``expected``."""

    status_code = 409
    code = "mutation_gap"

    def __init__(self, client_id: str, expected: int, got: int) -> None:
        super().__init__(
            f"client {client_id!r}: expected mutation {expected} next but got {got}; "
            f"resend the outbox from mutation {expected}"
        )
        self.client_id = client_id
        self.expected = expected
        self.got = got


class IdTakenMeanwhileError(SyncError):
    """A record this push created was created meanwhile, in another space, by a transaction
    that committed first. Nothing was applied; the push run again is answered by the rules."""

    status_code = 503
    code = "retry"

    def __init__(self) -> None:
        super().__init__("a record id of this push was taken meanwhile; send the push again")
