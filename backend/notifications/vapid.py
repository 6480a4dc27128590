"""The server's VAPID key pair: from WAYPOINT_VAPID_PRIVATE_KEY, else created once in the data dir.

The public key is what the PWA passes to ``PushManager.subscribe`` as ``applicationServerKey``;
the private key signs the JWT each push carries, so push services know pushes come from us.
"""

from __future__ import annotations

import base64
import os
import time
from pathlib import Path
from typing import Final
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid02

from backend.settings import Settings, SettingsError

KEY_FILE: Final = "vapid_private_key.pem"
CLAIM_LIFETIME_S: Final = 12 * 3600
RESIGN_BEFORE_S: Final = 3600
"""A cached signature is replaced when it has less than this left."""


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _from_text(text: str) -> Vapid02:
    if "-----BEGIN" in text:
        return Vapid02.from_pem(text.encode())
    return Vapid02.from_string(text)


def load_vapid(settings: Settings) -> Vapid02:
    """The key pair for ``settings``; the first process to start creates the file (mode 0600)."""
    if settings.vapid_private_key:
        try:
            return _from_text(settings.vapid_private_key)
        except Exception as exc:
            raise SettingsError(
                "WAYPOINT_VAPID_PRIVATE_KEY must be a P-256 private key (PEM, or base64url raw "
                f"or DER): {exc}"
            ) from None
    path = Path(settings.data_dir) / KEY_FILE
    if not path.exists():
        fresh = Vapid02()
        fresh.generate_keys()
        # O_EXCL: two workers starting at once must agree on one key, so the loser re-reads.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(fresh.private_pem())
    return _from_text(path.read_text())


def public_key(vapid: Vapid02) -> str:
    """The base64url uncompressed P-256 point (65 bytes) that browsers expect."""
    raw = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(raw)


def origin(endpoint: str) -> str:
    """The push service's origin, the JWT's audience: scheme, host and port only."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}"


class VapidSigner:
    """Authorization headers per push-service origin, re-signed before they expire."""

    def __init__(self, vapid: Vapid02, subject: str) -> None:
        self._vapid = vapid
        self._subject = subject
        self._cache: dict[str, tuple[int, str]] = {}

    def authorization(self, endpoint: str) -> str:
        """The ``Authorization: vapid t=...,k=...`` value for a push to ``endpoint``."""
        audience = origin(endpoint)
        now = int(time.time())
        cached = self._cache.get(audience)
        if cached and cached[0] - now > RESIGN_BEFORE_S:
            return cached[1]
        expires = now + CLAIM_LIFETIME_S
        # A fresh dict every time: the signer mutates the claims it is given.
        claims = {"sub": self._subject, "aud": audience, "exp": expires}
        header = str(self._vapid.sign(claims)["Authorization"])
        self._cache[audience] = (expires, header)
        return header
