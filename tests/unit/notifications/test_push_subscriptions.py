"""A browser's subscription is checked before it is stored."""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from backend.notifications.subscriptions import InvalidSubscription, check_endpoint, check_keys
from backend.notifications.vapid import b64url


def point() -> str:
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    raw = key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(raw)


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/abc",
        "https://web.push.apple.com/Q1",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
        "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
        "https://FCM.googleapis.com:443/fcm/send/abc",
    ],
)
def test_push_service_endpoints_are_accepted(endpoint: str) -> None:
    check_endpoint(endpoint, allow_http_loopback=False)


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://127.0.0.1:9000/p",
        "http://localhost/p",
        "http://[::1]/p",
        "https://127.0.0.1:8443/p",
        "https://[::1]:8443/x",
    ],
)
def test_plain_http_is_only_for_loopback_when_allowed(endpoint: str) -> None:
    check_endpoint(endpoint, allow_http_loopback=True)
    with pytest.raises(InvalidSubscription):
        check_endpoint(endpoint, allow_http_loopback=False)


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.com/p",
        "http://10.0.0.1/p",
        "https://10.0.0.1:5432/p",
        "https://169.254.169.254/latest/meta-data/",
        "https://0x7f000001/p",
        "https://user:pass@fcm.googleapis.com/fcm/send/abc",
        "https://fcm.googleapis.com:8443/fcm/send/abc",
        "https://fcm.googleapis.com.evil.example/x",
        "https://evil.example/fcm.googleapis.com",
        "https://fcm.googleapis.com:99999/x",
        "ftp://127.0.0.1/p",
        "/relative",
        "https://" + "a" * 2050,
    ],
)
def test_other_endpoints_are_refused(endpoint: str) -> None:
    with pytest.raises(InvalidSubscription) as caught:
        check_endpoint(endpoint, allow_http_loopback=True)
    assert caught.value.field == "endpoint"


def test_a_real_key_and_auth_secret_pass() -> None:
    check_keys(point(), b64url(os.urandom(16)))


@pytest.mark.parametrize(
    ("p256dh", "auth", "field"),
    [
        (b64url(b"\x04" + bytes(63)), b64url(bytes(16)), "keys.p256dh"),  # 64 bytes
        (b64url(b"\x02" + bytes(64)), b64url(bytes(16)), "keys.p256dh"),  # not uncompressed
        (b64url(b"\x04" + bytes(64)), b64url(bytes(16)), "keys.p256dh"),  # not on the curve
        ("!!!", b64url(bytes(16)), "keys.p256dh"),
        (None, b64url(bytes(15)), "keys.auth"),
        (None, b64url(bytes(32)), "keys.auth"),
    ],
)
def test_wrong_keys_name_the_field(p256dh: str | None, auth: str, field: str) -> None:
    with pytest.raises(InvalidSubscription) as caught:
        check_keys(p256dh or point(), auth)
    assert caught.value.field == field
