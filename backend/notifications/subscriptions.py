"""Checking a browser's PushSubscription before it is stored."""

from __future__ import annotations

import binascii
import ipaddress
from typing import Final
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec

from backend.notifications.vapid import b64url_decode

P256DH_BYTES: Final = 65
AUTH_BYTES: Final = 16
MAX_ENDPOINT: Final = 2048


class InvalidSubscription(ValueError):
    """``field`` is wrong; the message says how."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_endpoint(endpoint: str, *, allow_http_loopback: bool) -> None:
    """An https URL with a host; plain http only to a loopback host when allowed (tests, dev)."""
    if len(endpoint) > MAX_ENDPOINT:
        raise InvalidSubscription("endpoint", f"must be at most {MAX_ENDPOINT} characters")
    parts = urlsplit(endpoint)
    host = parts.hostname or ""
    if not host:
        raise InvalidSubscription("endpoint", "must be an absolute https:// URL")
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and allow_http_loopback and _is_loopback(host):
        return
    raise InvalidSubscription("endpoint", "must be an https:// URL from the browser's push service")


def _key(field: str, value: str, size: int) -> bytes:
    try:
        raw = b64url_decode(value)
    except (binascii.Error, ValueError):
        raise InvalidSubscription(field, "must be base64url") from None
    if len(raw) != size:
        raise InvalidSubscription(field, f"must decode to {size} bytes, got {len(raw)}")
    return raw


def check_keys(p256dh: str, auth: str) -> None:
    """``p256dh``: an uncompressed P-256 point (65 bytes, 0x04 first); ``auth``: 16 bytes."""
    point = _key("keys.p256dh", p256dh, P256DH_BYTES)
    if point[0] != 4:
        raise InvalidSubscription("keys.p256dh", "must be an uncompressed point (first byte 0x04)")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError:
        raise InvalidSubscription("keys.p256dh", "is not a point on the P-256 curve") from None
    _key("keys.auth", auth, AUTH_BYTES)
