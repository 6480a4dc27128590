"""Login and registration are rate-limited per client and per account."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.client import Api
from tests.integration.people import PASSWORD, register, unique_login
from tests.integration.servers import Server, running_server


@pytest.fixture(scope="module")
def limited(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A second server on the same engine with tight limits (3 a minute)."""
    env = {"WAYPOINT_LOGIN_RATE": "3/minute", "WAYPOINT_REGISTER_RATE": "3/minute"}
    with running_server(server.engine, tmp_path_factory.mktemp("limited"), env) as srv:
        yield srv


def _login(api: Api, login: str, password: str = "guess-guess") -> int:
    return api.post("/api/auth/login", json={"login": login, "password": password}).status_code


def test_one_account_attacked_from_many_clients_is_limited(limited: Server) -> None:
    login = unique_login("victim")
    clients = [Api(limited.base_url, source_ip=f"127.0.1.{i}") for i in range(1, 5)]
    assert [_login(api, login) for api in clients] == [401, 401, 401, 429]


def test_one_client_trying_many_accounts_is_limited(limited: Server) -> None:
    api = Api(limited.base_url, source_ip="127.0.2.1")
    assert [_login(api, unique_login("x")) for _ in range(4)] == [401, 401, 401, 429]
    refused = api.post("/api/auth/login", json={"login": "someone", "password": "guess-guess"})
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert "Wait" in refused.json()["detail"]


def test_registration_is_limited_per_client(limited: Server) -> None:
    api = Api(limited.base_url, source_ip="127.0.3.1")
    body = {"role": "parent", "password": PASSWORD, "display_name": "P"}
    statuses = [
        api.post("/api/auth/register", json={**body, "login": unique_login("p")}).status_code
        for _ in range(4)
    ]
    assert statuses == [201, 201, 201, 429]


def test_limit_answer_does_not_reveal_whether_the_account_exists(limited: Server) -> None:
    real = register(limited.base_url, "teacher")
    ghost = unique_login("ghost")
    for i, login in enumerate((real.login, ghost)):
        for j in range(3):
            _login(Api(limited.base_url, source_ip=f"127.0.4.{10 * i + j + 1}"), login)
    exists = Api(limited.base_url, source_ip="127.0.5.1").post(
        "/api/auth/login", json={"login": real.login, "password": PASSWORD}
    )
    missing = Api(limited.base_url, source_ip="127.0.5.2").post(
        "/api/auth/login", json={"login": ghost, "password": PASSWORD}
    )
    assert exists.status_code == missing.status_code == 429
    assert exists.json()["detail"].split(" Wait")[0] == missing.json()["detail"].split(" Wait")[0]
