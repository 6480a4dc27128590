"""Sign-in, registration and code redemption are throttled without locking the owner out.

Each client here has its own source address in 127.0.0.0/8, which is what the server sees as
the client address (it trusts no forwarding header unless told to).
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from tests.integration.client import Api
from tests.integration.database import query
from tests.integration.people import (
    PASSWORD,
    Person,
    classroom,
    register,
    student_in,
    unique_login,
)
from tests.integration.servers import Server, running_server


@pytest.fixture(scope="module")
def limited(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A second server on the same engine with tight limits."""
    env = {
        "WAYPOINT_LOGIN_RATE": "6/minute",
        "WAYPOINT_LOGIN_BACKOFF": "3/10 seconds;5/hour",
        "WAYPOINT_REGISTER_RATE": "20/minute",
        "WAYPOINT_CODE_RATE": "10/minute",
    }
    with running_server(server.engine, tmp_path_factory.mktemp("limited"), env) as srv:
        yield srv


def _login(api: Api, login: str, password: str = "guess-guess") -> int:
    return api.post("/api/auth/login", json={"login": login, "password": password}).status_code


def test_failures_from_many_addresses_do_not_lock_the_owner_out(limited: Server) -> None:
    dana = register(limited.base_url, "parent")
    attackers = [Api(limited.base_url, source_ip=f"127.0.1.{i}") for i in range(1, 11)]
    assert [_login(api, dana.login) for api in attackers] == [401] * 10
    fresh = Api(limited.base_url, source_ip="127.0.1.100")
    assert _login(fresh, dana.login, PASSWORD) == 200


def test_one_address_guessing_one_account_backs_off_progressively(limited: Server) -> None:
    owner = register(limited.base_url, "parent")
    guesser = Api(limited.base_url, source_ip="127.0.7.1")
    assert [_login(guesser, owner.login) for _ in range(3)] == [401, 401, 401]
    # Even the right password waits: the address has not earned another try yet.
    first = guesser.post("/api/auth/login", json={"login": owner.login, "password": PASSWORD})
    assert first.status_code == 429
    wait = int(first.headers["retry-after"])
    assert 1 <= wait <= 10
    time.sleep(wait + 0.5)
    assert [_login(guesser, owner.login) for _ in range(2)] == [401, 401]
    # Five failures within the hour: the wait is now the hour's window, not ten seconds.
    longer = guesser.post("/api/auth/login", json={"login": owner.login, "password": "x-y-z-w"})
    assert longer.status_code == 429
    assert int(longer.headers["retry-after"]) > 60
    # The owner, from an address of their own, is not held back by any of it.
    assert _login(Api(limited.base_url, source_ip="127.0.7.2"), owner.login, PASSWORD) == 200


def test_a_forwarding_header_does_not_make_a_fresh_address(limited: Server) -> None:
    owner = register(limited.base_url, "parent")
    guesser = Api(limited.base_url, source_ip="127.0.8.1")
    assert [_login(guesser, owner.login) for _ in range(3)] == [401, 401, 401]
    spoofed = guesser.post(
        "/api/auth/login",
        json={"login": owner.login, "password": PASSWORD},
        headers={"x-forwarded-for": "203.0.113.7", "forwarded": "for=203.0.113.7"},
    )
    assert spoofed.status_code == 429


def test_one_client_trying_many_accounts_is_limited(limited: Server) -> None:
    api = Api(limited.base_url, source_ip="127.0.2.1")
    assert [_login(api, unique_login("x")) for _ in range(7)] == [401] * 6 + [429]
    refused = api.post("/api/auth/login", json={"login": "someone", "password": "guess-guess"})
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "Wait" in refused.json()["detail"]


def test_registration_is_limited_per_client(limited: Server) -> None:
    api = Api(limited.base_url, source_ip="127.0.3.1")
    body = {"role": "parent", "password": PASSWORD, "display_name": "P"}
    statuses = [
        api.post("/api/auth/register", json={**body, "login": unique_login("p")}).status_code
        for _ in range(21)
    ]
    assert statuses == [201] * 20 + [429]


def test_limit_answer_does_not_reveal_whether_the_account_exists(limited: Server) -> None:
    real = register(limited.base_url, "teacher")
    ghost = unique_login("ghost")
    answers = []
    for i, login in enumerate((real.login, ghost)):
        api = Api(limited.base_url, source_ip=f"127.0.4.{i + 1}")
        assert [_login(api, login) for _ in range(3)] == [401, 401, 401]
        answers.append(api.post("/api/auth/login", json={"login": login, "password": PASSWORD}))
    exists, missing = answers
    assert exists.status_code == missing.status_code == 429
    assert exists.json()["detail"].split(" Wait")[0] == missing.json()["detail"].split(" Wait")[0]


def _guessing_entries(server: Server, actor: int) -> list[str]:
    rows = query(
        server,
        "SELECT client_ip FROM audit_event WHERE action = 'code.guessing' AND actor = $1",
        actor,
    )
    return [str(r["client_ip"]) for r in rows]


def _from_address(server: Server, person: Person, source_ip: str) -> Api:
    """`person` signed in from an address of their own, so their guesses count only there."""
    api = Api(server.base_url, source_ip=source_ip)
    signed_in = api.post("/api/auth/login", json={"login": person.login, "password": PASSWORD})
    assert signed_in.status_code == 200, signed_in.text
    return api


def test_guessing_guardian_invite_codes_is_throttled_and_audited(limited: Server) -> None:
    parent = register(limited.base_url, "parent")
    guesser = _from_address(limited, parent, "127.0.10.1")
    statuses = [
        guesser.post("/api/guardian-links", json={"code": f"WRONG{i:05d}"}).status_code
        for i in range(15)
    ]
    assert statuses == [404] * 10 + [429] * 5
    assert _guessing_entries(limited, parent.id) == ["127.0.10.1"]


def test_guessing_join_codes_is_throttled_and_audited(limited: Server) -> None:
    student = student_in(limited.base_url, classroom(limited.base_url))
    guesser = _from_address(limited, student, "127.0.10.2")
    statuses = [
        guesser.post("/api/classes/join", json={"join_code": f"ZZ{i:04d}"}).status_code
        for i in range(12)
    ]
    assert statuses == [404] * 10 + [429] * 2
    assert _guessing_entries(limited, student.id) == ["127.0.10.2"]
    # Others behind other addresses still join with a right code.
    student_in(limited.base_url, classroom(limited.base_url))
