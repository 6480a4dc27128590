"""A local Web Push service for tests: checks what a real one would, and can be told to fail.

It listens on a loopback port in a thread. Each subscription it hands out has its own P-256 key
and auth secret, like a browser's. For every POST it verifies the VAPID JWT (ES256 signature with
the server's public key, audience, expiry, subject), decrypts the aes128gcm body with the
subscription's private key, records the delivery, and answers 201, or whatever the test queued.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Device:
    """A browser's subscription: endpoint, keys to give the server, and the secrets to decrypt."""

    token: str
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes

    @property
    def p256dh(self) -> str:
        point = self.private_key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64url(point)

    @property
    def auth(self) -> str:
        return b64url(self.auth_secret)

    def subscription(self) -> dict[str, Any]:
        """What ``PushSubscription.toJSON()`` gives the app."""
        return {
            "endpoint": self.endpoint,
            "expirationTime": None,
            "keys": {"p256dh": self.p256dh, "auth": self.auth},
        }


@dataclass
class Delivery:
    token: str
    message: dict[str, Any]
    headers: dict[str, str]
    claims: dict[str, Any]
    answered: int
    body_size: int


@dataclass
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)


class PushService:
    """The service; ``expect(public_key, subject)`` says whose VAPID signatures to accept."""

    def __init__(self) -> None:
        self.devices: dict[str, Device] = {}
        self.deliveries: list[Delivery] = []
        self.errors: list[str] = []
        self.delay_s = 0.0
        self._answers: dict[str, deque[Answer]] = {}
        self._lock = threading.Lock()
        self._public_key: str | None = None
        self._subject: str | None = None
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self._server.server_address[1]}"

    def expect(self, vapid_public_key: str, subject: str) -> None:
        self._public_key = vapid_public_key
        self._subject = subject

    def device(self) -> Device:
        """A new subscription, as ``pushManager.subscribe`` would create in a browser."""
        token = secrets.token_urlsafe(12)
        device = Device(
            token=token,
            endpoint=f"{self.origin}/push/{token}",
            private_key=ec.generate_private_key(ec.SECP256R1()),
            auth_secret=os.urandom(16),
        )
        with self._lock:
            self.devices[token] = device
        return device

    def answer(self, device: Device, *answers: Answer) -> None:
        """Answer the next pushes to ``device`` with these, in order (then 201 again)."""
        with self._lock:
            self._answers.setdefault(device.token, deque()).extend(answers)

    def received(self, device: Device) -> list[dict[str, Any]]:
        """Decrypted messages accepted (201) for ``device``."""
        with self._lock:
            return [
                d.message for d in self.deliveries if d.token == device.token and d.answered == 201
            ]

    def attempts(self, device: Device) -> list[Delivery]:
        with self._lock:
            return [d for d in self.deliveries if d.token == device.token]

    def wait_for(self, device: Device, count: int = 1, timeout: float = 20) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.received(device)
            if len(got) >= count:
                return got
            time.sleep(0.05)
        raise AssertionError(f"{count} push(es) expected, got {len(self.received(device))}")

    # -- serving ------------------------------------------------------------------------------

    def _verify_vapid(self, authorization: str) -> dict[str, Any]:
        scheme, _, params = authorization.partition(" ")
        if scheme.lower() != "vapid":
            raise ValueError(f"authorization scheme is {scheme!r}, not vapid")
        parts = dict(p.split("=", 1) for p in params.split(","))
        if self._public_key is not None and parts["k"] != self._public_key:
            raise ValueError("the k= key is not the server's VAPID public key")
        header_b64, claims_b64, signature_b64 = parts["t"].split(".")
        header = json.loads(unb64url(header_b64))
        if header.get("alg") != "ES256":
            raise ValueError(f"JWT alg is {header.get('alg')!r}")
        signature = unb64url(signature_b64)
        if len(signature) != 64:
            raise ValueError("ES256 signature must be 64 bytes (r || s)")
        der = encode_dss_signature(
            int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
        )
        key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(parts["k"]))
        try:
            key.verify(der, f"{header_b64}.{claims_b64}".encode(), ec.ECDSA(hashes.SHA256()))
        except InvalidSignature:
            raise ValueError("VAPID JWT signature does not verify") from None
        claims: dict[str, Any] = json.loads(unb64url(claims_b64))
        if claims.get("aud") != self.origin:
            raise ValueError(f"aud is {claims.get('aud')!r}, expected {self.origin!r}")
        now = time.time()
        if not now < claims.get("exp", 0) <= now + 24 * 3600:
            raise ValueError(f"exp {claims.get('exp')} is not within the next 24 hours")
        if self._subject is not None and claims.get("sub") != self._subject:
            raise ValueError(f"sub is {claims.get('sub')!r}, expected {self._subject!r}")
        return claims

    def _handle(self, path: str, headers: dict[str, str], body: bytes) -> Answer:
        token = path.rsplit("/", 1)[-1]
        device = self.devices.get(token)
        if device is None:
            return Answer(404)
        try:
            claims = self._verify_vapid(headers.get("authorization", ""))
            if headers.get("content-encoding") != "aes128gcm":
                raise ValueError("Content-Encoding must be aes128gcm")
            if not headers.get("ttl", "").isdigit():
                raise ValueError("TTL header missing")
            plain = http_ece.decrypt(
                body,
                private_key=device.private_key,
                auth_secret=device.auth_secret,
                version="aes128gcm",
            )
            message = json.loads(plain)
        except Exception as exc:  # anything wrong is a test failure, reported by the caller
            with self._lock:
                self.errors.append(f"{type(exc).__name__}: {exc}")
            return Answer(400)
        if self.delay_s:
            time.sleep(self.delay_s)
        with self._lock:
            queued = self._answers.get(token)
            answer = queued.popleft() if queued else Answer(201)
            self.deliveries.append(
                Delivery(token, message, headers, claims, answer.status, len(body))
            )
        return answer

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                answer = service._handle(self.path, headers, body)
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    @contextmanager
    def running(self) -> Iterator[PushService]:
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._server.shutdown()
            self._server.server_close()
            thread.join(timeout=5)
