"""Sending one Web Push message: aes128gcm encryption (RFC 8291), VAPID (RFC 8292), httpx."""

from __future__ import annotations

import time
from typing import Final, Literal

import httpx
import msgspec
from pywebpush import WebPusher

from backend.notifications.vapid import VapidSigner

Urgency = Literal["very-low", "low", "normal", "high"]

MAX_PAYLOAD_BYTES: Final = 3800
"""Encrypted bodies over ~4 KB are refused by push services; stay below with room to spare."""


class PushTarget(msgspec.Struct, frozen=True, kw_only=True):
    endpoint: str
    p256dh: str
    auth: str


class PushResult(msgspec.Struct, frozen=True, kw_only=True):
    """The push service's answer; ``status_code`` None when there was none (timeout, network)."""

    status_code: int | None
    retry_after: str | None = None
    detail: str = ""
    duration_ms: int = 0


def encrypt(payload: bytes, target: PushTarget) -> bytes:
    """``payload`` encrypted for the subscription's key and auth secret (aes128gcm)."""
    subscription = {
        "endpoint": target.endpoint,
        "keys": {"p256dh": target.p256dh, "auth": target.auth},
    }
    body = WebPusher(subscription).encode(payload, content_encoding="aes128gcm")["body"]
    assert isinstance(body, bytes)
    return body


async def send(
    http: httpx.AsyncClient,
    signer: VapidSigner,
    target: PushTarget,
    payload: bytes,
    *,
    ttl: int,
    urgency: Urgency = "normal",
    topic: str | None = None,
) -> PushResult:
    """POST one encrypted message to the subscription's push service and report its answer."""
    body = encrypt(payload, target)
    if len(body) > MAX_PAYLOAD_BYTES:
        return PushResult(status_code=413, detail=f"encrypted payload is {len(body)} bytes")
    headers = {
        "Authorization": signer.authorization(target.endpoint),
        "Content-Encoding": "aes128gcm",
        "Content-Type": "application/octet-stream",
        "TTL": str(ttl),
        "Urgency": urgency,
    }
    if topic:
        headers["Topic"] = topic
    started = time.monotonic()
    try:
        response = await http.post(target.endpoint, content=body, headers=headers)
    except httpx.HTTPError as exc:
        return PushResult(
            status_code=None,
            detail=f"{type(exc).__name__}: {exc}"[:300],
            duration_ms=int((time.monotonic() - started) * 1000),
        )
    return PushResult(
        status_code=response.status_code,
        retry_after=response.headers.get("retry-after"),
        detail=response.text[:300] if response.status_code >= 300 else "",
        duration_ms=int((time.monotonic() - started) * 1000),
    )
