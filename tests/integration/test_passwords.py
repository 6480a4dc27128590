"""New passwords that are common, breached or built from the login are refused, saying why."""

from __future__ import annotations

import pytest

from tests.integration.client import Api
from tests.integration.people import PASSWORD, unique_login
from tests.integration.servers import Server


def _register(server: Server, login: str, password: str) -> tuple[int, dict[str, object]]:
    body = {"role": "parent", "login": login, "password": password, "display_name": "Saule"}
    response = Api(server.base_url).post("/api/auth/register", json=body)
    return response.status_code, response.json()


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("aaaaaaaaaa", "repeats"),
        ("password123", "common password"),
        ("1234567890", "common password"),
        ("waypoint-demo", "too easy to guess"),
        ("qwertyuiop", "too easy to guess"),
    ],
)
def test_easily_guessed_passwords_are_refused(server: Server, password: str, why: str) -> None:
    status, problem = _register(server, unique_login("pw"), password)
    assert status == 400, problem
    errors = problem["errors"]
    assert isinstance(errors, list)
    assert [e["field"] for e in errors] == ["password"]
    assert why in str(problem["detail"]).lower()


def test_a_password_equal_to_or_containing_the_login_is_refused(server: Server) -> None:
    login = unique_login("mk")
    for password in (login, f"my-{login}-pass"):
        status, problem = _register(server, login, password)
        assert status == 400, problem
        assert "login name" in str(problem["detail"])


def test_a_strong_password_is_accepted_and_signs_in(server: Server) -> None:
    login = unique_login("ok")
    status, problem = _register(server, login, PASSWORD)
    assert status == 201, problem
    signed_in = Api(server.base_url).post(
        "/api/auth/login", json={"login": login, "password": PASSWORD}
    )
    assert signed_in.status_code == 200
