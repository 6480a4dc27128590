"""Malformed input is a 400 problem that says what to fix, never a 500."""

from __future__ import annotations

import httpx
import pytest

from tests.integration.client import Api
from tests.integration.people import PASSWORD, classroom, register, student_in, unique_login
from tests.integration.servers import Server


def _is_problem(response: httpx.Response, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert words in response.json()["detail"]


def _nested(depth: int) -> bytes:
    return b'{"login": ' + b"[" * depth + b"]" * depth + b"}"


def test_deeply_nested_json_at_sign_in_is_refused(server: Server) -> None:
    anonymous = Api(server.base_url)
    response = anonymous.post(
        "/api/auth/login", content=_nested(10_000), headers={"content-type": "application/json"}
    )
    _is_problem(response, 400, "nested too deeply")


def test_deeply_nested_json_in_a_push_subscription_is_refused(server: Server) -> None:
    person = register(server.base_url, "parent")
    response = person.api.post(
        "/api/push/subscriptions",
        content=_nested(1_000),
        headers={"content-type": "application/json"},
    )
    _is_problem(response, 400, "nested too deeply")


def test_a_body_that_is_not_utf8_is_refused(server: Server) -> None:
    person = register(server.base_url, "parent")
    response = person.api.patch(
        "/api/me",
        content=b'{"display_name": "\xff\xfe"}',
        headers={"content-type": "application/json"},
    )
    _is_problem(response, 400, "not valid UTF-8")


def test_a_nul_in_the_address_is_refused(app_server: Server) -> None:
    response = httpx.get(f"{app_server.base_url}/index.html%00.js")
    _is_problem(response, 400, "NUL")
    # The app itself is still served.
    assert httpx.get(f"{app_server.base_url}/index.html").status_code == 200


@pytest.mark.parametrize("where", ["login", "display_name", "class name", "join code"])
def test_text_with_a_nul_character_is_refused_naming_the_field(server: Server, where: str) -> None:
    if where == "login":
        response = Api(server.base_url).post(
            "/api/auth/login", json={"login": "da\x00na", "password": PASSWORD}
        )
        field = "login"
    elif where == "display_name":
        response = register(server.base_url, "parent").api.patch(
            "/api/me", json={"display_name": "Ma\x00rat"}
        )
        field = "display_name"
    elif where == "class name":
        response = register(server.base_url, "teacher").api.post(
            "/api/classes", json={"name": "Alg\x00ebra"}
        )
        field = "name"
    else:
        student = student_in(server.base_url, classroom(server.base_url))
        response = student.api.post("/api/classes/join", json={"join_code": "AB\x00CD"})
        field = "join_code"
    _is_problem(response, 400, "NUL")
    assert [e["field"] for e in response.json()["errors"]] == [field]


def test_a_nul_at_registration_is_refused_and_nothing_is_created(server: Server) -> None:
    login = unique_login("n")
    body = {"role": "parent", "login": login, "password": PASSWORD, "display_name": "A\x00B"}
    _is_problem(Api(server.base_url).post("/api/auth/register", json=body), 400, "NUL")
    fixed = Api(server.base_url).post("/api/auth/register", json={**body, "display_name": "AB"})
    assert fixed.status_code == 201, fixed.text


@pytest.mark.parametrize("student_id", [2**63, 2**70])
def test_an_id_no_column_can_hold_is_refused(server: Server, student_id: int) -> None:
    parent = register(server.base_url, "parent")
    response = parent.api.get(f"/api/students/{student_id}")
    _is_problem(response, 400, "out of range")
