"""Sessions people control: change the password, see where they are signed in, sign out one
device or all, and an absolute lifetime no refresh extends."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.integration.client import Api
from tests.integration.database import query
from tests.integration.people import PASSWORD, register, sign_in
from tests.integration.servers import RUNNING, Server

NEW_PASSWORD = "another long passphrase"


def _server(base_url: str) -> Server:
    return RUNNING[base_url]


def test_changing_the_password_asks_for_the_current_one(base_url: str) -> None:
    person = register(base_url, "parent")
    refused = person.api.post(
        "/api/auth/password",
        json={"current_password": "not the password", "new_password": NEW_PASSWORD},
    )
    assert refused.status_code == 403
    assert sign_in(base_url, person.login).id == person.id


def test_changing_the_password_ends_every_other_session(base_url: str) -> None:
    person = register(base_url, "parent")
    tablet = sign_in(base_url, person.login)
    changed = person.api.post(
        "/api/auth/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert changed.status_code == 204
    assert person.api.get("/api/me").status_code == 200
    assert tablet.api.get("/api/me").status_code == 401
    old = Api(base_url).post("/api/auth/login", json={"login": person.login, "password": PASSWORD})
    assert old.status_code == 401
    assert sign_in(base_url, person.login, NEW_PASSWORD).id == person.id


def test_my_sessions_list_device_address_and_last_seen(base_url: str) -> None:
    person = register(base_url, "parent")
    tablet = Api(base_url, source_ip="127.0.0.2")
    signed_in = tablet.post(
        "/api/auth/login",
        json={"login": person.login, "password": PASSWORD},
        headers={"user-agent": "School tablet (Android 14)"},
    )
    assert signed_in.status_code == 200
    sessions = person.api.get("/api/auth/sessions").json()
    assert len(sessions) == 2
    [mine] = [s for s in sessions if s["current"]]
    [other] = [s for s in sessions if not s["current"]]
    assert other["user_agent"] == "School tablet (Android 14)"
    assert other["client_address"] == "127.0.0.2"
    assert mine["client_address"] == "127.0.0.1"
    assert other["last_seen_at"]
    assert other["signed_in_at"]


def test_signing_out_one_session_leaves_the_others(base_url: str) -> None:
    person = register(base_url, "parent")
    tablet = sign_in(base_url, person.login)
    [other] = [s for s in person.api.get("/api/auth/sessions").json() if not s["current"]]
    assert person.api.delete(f"/api/auth/sessions/{other['id']}").status_code == 204
    assert tablet.api.get("/api/me").status_code == 401
    assert person.api.get("/api/me").status_code == 200
    assert tablet.api.delete(f"/api/auth/sessions/{other['id']}").status_code == 401


def test_nobody_ends_someone_elses_session(base_url: str) -> None:
    person, stranger = register(base_url, "parent"), register(base_url, "parent")
    [theirs] = person.api.get("/api/auth/sessions").json()
    assert stranger.api.delete(f"/api/auth/sessions/{theirs['id']}").status_code == 404
    assert person.api.get("/api/me").status_code == 200


def test_signing_out_everywhere_ends_every_session(base_url: str) -> None:
    person = register(base_url, "parent")
    tablet, phone = sign_in(base_url, person.login), sign_in(base_url, person.login)
    assert tablet.api.delete("/api/auth/sessions").status_code == 204
    for api in (person.api, tablet.api, phone.api):
        assert api.get("/api/me").status_code == 401


@pytest.mark.parametrize("refresh_first", [False, True])
def test_a_session_older_than_the_absolute_lifetime_asks_for_sign_in_again(
    base_url: str, refresh_first: bool
) -> None:
    person = register(base_url, "parent")
    # Signed in 91 days ago (the default lifetime is 90 days), used and refreshed since.
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=91)
    stamp = long_ago if _server(base_url).database_url else long_ago.isoformat()
    query(
        _server(base_url),
        "UPDATE user_session SET signed_in_at = $1 WHERE user = $2"
        if _server(base_url).database_url is None
        else 'UPDATE user_session SET signed_in_at = $1 WHERE "user" = $2',
        stamp,
        person.id,
    )
    if refresh_first:
        assert person.api.post("/api/auth/refresh").status_code == 401
    assert person.api.get("/api/me").status_code == 401


def test_a_refresh_keeps_the_time_the_password_was_typed(base_url: str) -> None:
    person = register(base_url, "parent")
    [before] = person.api.get("/api/auth/sessions").json()
    assert person.api.post("/api/auth/refresh").status_code == 200
    [after] = person.api.get("/api/auth/sessions").json()
    assert after["id"] != before["id"]
    assert after["signed_in_at"] == before["signed_in_at"]
