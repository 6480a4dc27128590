"""The lock-screen text carries each child's gist and nothing sensitive; the push stays far
below 4 KB."""

from __future__ import annotations

import os

import http_ece
import msgspec
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from backend.digests.content import build_digest
from backend.digests.inputs import ChildInput
from backend.digests.text import notification_text, push_message
from backend.notifications.vapid import b64url
from backend.notifications.webpush import PushTarget, encrypt
from tests.unit.digests.builders import child, entry, goal, period


def sensitive_digest() -> list[ChildInput]:
    return [
        child(
            (goal(title="Secret algebra"), entry("free", "10:00", 300, category="friends")),
            name="Amir",
        ),
        child(student_id=8, name="Lea"),
    ]


def test_the_notification_names_each_child_with_a_status_word_and_no_goal_or_time() -> None:
    digest = build_digest(sensitive_digest(), period(), "en")
    title, body = notification_text(digest, "en")
    assert (title, body) == (
        "Your daily Waypoint summary",
        "Amir: 1 goal needs attention · Lea: no goals in progress",
    )
    for word in ("algebra", "Secret", "friends", "300", "5 h"):
        assert word not in title + body


def test_the_push_carries_a_link_to_the_digest_not_the_digest() -> None:
    digest = build_digest(sensitive_digest(), period("weekly"), "en")
    message = push_message(digest, 42, "en")
    assert message.url == "/digests/42"
    assert message.digest_id == 42
    assert message.title == "Your weekly Waypoint summary"


def test_the_encrypted_push_is_small_and_decrypts_for_the_subscription() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    auth = os.urandom(16)
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    target = PushTarget(
        endpoint="https://push.example.com/x", p256dh=b64url(point), auth=b64url(auth)
    )
    payload = msgspec.json.encode(
        push_message(build_digest(sensitive_digest(), period(), "en"), 10**9, "en")
    )
    body = encrypt(payload, target)
    assert len(body) < 1024
    plain = http_ece.decrypt(body, private_key=key, auth_secret=auth, version="aes128gcm")
    assert plain == payload
