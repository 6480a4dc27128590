"""Helpers for driving the sync endpoints the way a device does."""

from __future__ import annotations

import time
import uuid
from typing import Any

import msgspec

from sync.client import Device
from sync.wire import PROTOCOL_VERSION, PullRequest, PullResponse, PushRequest, PushResponse
from tests.integration.client import Api


def new_client_id() -> str:
    return uuid.uuid4().hex


def clock(client_id: str, ms: int | None = None, counter: int = 0) -> str:
    ms = int(time.time() * 1000) if ms is None else ms
    return f"{ms:013d}-{counter:06d}-{client_id}"


def goal_args(goal_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "id": goal_id,
        "title": "Finish chapter 4",
        "target": 10,
        "unit": "problems",
        "deadline": "2027-01-31",
        **overrides,
    }


def push(api: Api, client_id: str, *mutations: tuple[int, str, dict[str, Any]]) -> Any:
    """POST /api/sync/push with (mutation_id, name, args) triples; returns the response."""
    body = {
        "protocol_version": PROTOCOL_VERSION,
        "client_id": client_id,
        "mutations": [
            {"mutation_id": mid, "name": name, "args": args, "hlc": clock(client_id, counter=mid)}
            for mid, name, args in mutations
        ],
    }
    return api.post("/api/sync/push", json=body)


def push_clocked(api: Api, client_id: str, *mutations: tuple[int, str, dict[str, Any], str]) -> Any:
    """POST /api/sync/push with (mutation_id, name, args, hlc) tuples: clocks of the test's
    choosing, e.g. those of a device whose clock is wrong. Returns the decoded 200 body."""
    body = {
        "protocol_version": PROTOCOL_VERSION,
        "client_id": client_id,
        "mutations": [
            {"mutation_id": mid, "name": name, "args": args, "hlc": hlc}
            for mid, name, args, hlc in mutations
        ],
    }
    response = api.post("/api/sync/push", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def live(changes: list[Any], kind: str) -> list[Any]:
    """The pulled records of one kind that are not deleted."""
    return [c for c in changes if c["kind"] == kind and not c["deleted"]]


def pull_all(api: Api, client_id: str, cursor: str | None = None) -> tuple[list[Any], Any]:
    """Page through /api/sync/pull; returns (all changes, last page)."""
    changes: list[Any] = []
    while True:
        response = api.post(
            "/api/sync/pull",
            json={"protocol_version": PROTOCOL_VERSION, "client_id": client_id, "cursor": cursor},
        )
        assert response.status_code == 200, response.text
        page = response.json()
        changes.extend(page["changes"])
        cursor = page["cursor"]
        if not page["has_more"]:
            return changes, page


class HttpSyncServer:
    """`sync.client.SyncServer` over real HTTP: one signed-in session per user id."""

    def __init__(self, sessions: dict[int, Api]) -> None:
        self.sessions = sessions

    async def push(self, user_id: int, request: PushRequest) -> PushResponse:
        response = self.sessions[user_id].post(
            "/api/sync/push",
            content=msgspec.json.encode(request),
            headers={"content-type": "application/json"},
        )
        assert response.status_code == 200, response.text
        return msgspec.json.decode(response.content, type=PushResponse)

    async def pull(self, user_id: int, request: PullRequest) -> PullResponse:
        response = self.sessions[user_id].post(
            "/api/sync/pull",
            content=msgspec.json.encode(request),
            headers={"content-type": "application/json"},
        )
        assert response.status_code == 200, response.text
        return msgspec.json.decode(response.content, type=PullResponse)


def device(user_id: int) -> Device:
    return Device(
        client_id=new_client_id(),
        user_id=user_id,
        home_space=user_id,
        now_ms=lambda: int(time.time() * 1000),
    )
