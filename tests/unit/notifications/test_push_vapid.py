"""The VAPID key pair and the signed header each push carries."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from py_vapid import Vapid02

from backend.notifications.vapid import (
    KEY_FILE,
    VapidSigner,
    b64url,
    b64url_decode,
    load_vapid,
    origin,
    public_key,
)
from backend.settings import SettingsError, load_settings


def test_a_key_is_created_once_in_the_data_dir_and_kept(tmp_path: Path) -> None:
    settings = load_settings({"WAYPOINT_DATA_DIR": str(tmp_path)})
    first = public_key(load_vapid(settings))
    assert public_key(load_vapid(settings)) == first
    assert (tmp_path / KEY_FILE).stat().st_mode & 0o077 == 0
    raw = b64url_decode(first)
    assert len(raw) == 65
    assert raw[0] == 4


def test_a_key_from_the_environment_wins(tmp_path: Path) -> None:
    given = Vapid02()
    given.generate_keys()
    raw = given.private_key.private_numbers().private_value.to_bytes(32, "big")
    env = {"WAYPOINT_DATA_DIR": str(tmp_path), "WAYPOINT_VAPID_PRIVATE_KEY": b64url(raw)}
    assert public_key(load_vapid(load_settings(env))) == public_key(given)
    assert not (tmp_path / KEY_FILE).exists()
    pem = {**env, "WAYPOINT_VAPID_PRIVATE_KEY": given.private_pem().decode()}
    assert public_key(load_vapid(load_settings(pem))) == public_key(given)


def test_a_malformed_key_is_a_settings_error(tmp_path: Path) -> None:
    env = {"WAYPOINT_DATA_DIR": str(tmp_path), "WAYPOINT_VAPID_PRIVATE_KEY": "nonsense"}
    with pytest.raises(SettingsError, match="WAYPOINT_VAPID_PRIVATE_KEY"):
        load_vapid(load_settings(env))


def test_the_subject_must_be_mailto_or_https(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="WAYPOINT_VAPID_SUBJECT"):
        load_settings({"WAYPOINT_DATA_DIR": str(tmp_path), "WAYPOINT_VAPID_SUBJECT": "me"})
    https = load_settings(
        {"WAYPOINT_DATA_DIR": str(tmp_path), "WAYPOINT_PUBLIC_URL": "https://waypoint.example.org"}
    )
    assert https.vapid_subject == "https://waypoint.example.org"


def _claims(header: str) -> dict[str, object]:
    token = header.split("t=", 1)[1].split(",", 1)[0]
    claims: dict[str, object] = json.loads(b64url_decode(token.split(".")[1]))
    return claims


def test_the_jwt_names_the_push_services_origin_and_expires_within_12_hours() -> None:
    vapid = Vapid02()
    vapid.generate_keys()
    signer = VapidSigner(vapid, "mailto:ops@example.org")
    header = signer.authorization("https://fcm.googleapis.com:443/fcm/send/abc?x=1")
    claims = _claims(header)
    assert claims["aud"] == "https://fcm.googleapis.com:443"
    assert claims["sub"] == "mailto:ops@example.org"
    assert isinstance(claims["exp"], int)
    assert 0 < claims["exp"] - time.time() <= 12 * 3600
    assert header.endswith(f",k={public_key(vapid)}")
    assert Vapid02.verify(header)


def test_signatures_are_reused_per_origin_only() -> None:
    vapid = Vapid02()
    vapid.generate_keys()
    signer = VapidSigner(vapid, "mailto:ops@example.org")
    one = signer.authorization("https://a.example/1")
    assert signer.authorization("https://a.example/2") == one
    other = signer.authorization("https://b.example/1")
    assert _claims(other)["aud"] == "https://b.example"
    assert origin("http://127.0.0.1:8080/push/x") == "http://127.0.0.1:8080"
