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


PUSH_SERVICE_HOSTS: Final = (
    "fcm.googleapis.com",  # Chrome, Edge on Android, Samsung Internet, Opera
    "updates.push.services.mozilla.com",  # Firefox
    "push.services.mozilla.com",
    "web.push.apple.com",  # Safari
    ".push.apple.com",
    ".notify.windows.com",  # Edge on Windows (WNS)
)
"""The browsers' push services. A subscription's endpoint names one of them; any other host
would make the dispatcher open connections wherever a client asked (blind SSRF)."""


def _is_known_push_service(host: str) -> bool:
    return any(
        host.endswith(known) if known.startswith(".") else host == known
        for known in PUSH_SERVICE_HOSTS
    )


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    address = _ip(host)
    return address is not None and address.is_loopback


def is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Loopback, private, link-local (cloud metadata), unique-local, or otherwise not public."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_internal(address.ipv4_mapped)
    return (
        address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def check_endpoint(endpoint: str, *, allow_http_loopback: bool) -> None:
    """https on the default port to a known push service, with no credentials in the URL.

    With ``allow_http_loopback`` (development and tests, with a local push service), a loopback
    host on any port and over http or https is accepted as well.
    """
    if len(endpoint) > MAX_ENDPOINT:
        raise InvalidSubscription("endpoint", f"must be at most {MAX_ENDPOINT} characters")
    parts = urlsplit(endpoint)
    try:
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        raise InvalidSubscription("endpoint", "has an invalid port") from None
    if not host or parts.scheme not in ("http", "https"):
        raise InvalidSubscription("endpoint", "must be an absolute https:// URL")
    if parts.username is not None or parts.password is not None:
        raise InvalidSubscription("endpoint", "must not contain a user name or password")
    if allow_http_loopback and _is_loopback(host):
        return
    if parts.scheme != "https":
        raise InvalidSubscription(
            "endpoint", "must be an https:// URL from the browser's push service"
        )
    if port not in (None, 443):
        raise InvalidSubscription("endpoint", "must use the default https port")
    if _ip(host) is not None or not _is_known_push_service(host):
        raise InvalidSubscription(
            "endpoint",
            "must be on a browser push service (" + ", ".join(PUSH_SERVICE_HOSTS) + ")",
        )


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
