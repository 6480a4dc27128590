"""The OpenAPI document tells the errors the server really answers, as problem details."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.integration.client import Api
from tests.integration.people import classroom, register, student_in
from tests.integration.servers import Server

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def document(server: Server) -> dict[str, Any]:
    response = httpx.get(server.base_url + "/schema/openapi.json")
    assert response.status_code == 200
    found: dict[str, Any] = response.json()
    return found


def _documented(document: dict[str, Any], method: str, path: str) -> dict[str, Any]:
    responses: dict[str, Any] = document["paths"][path][method.lower()]["responses"]
    return responses


def _assert_documented(
    document: dict[str, Any], method: str, path: str, response: httpx.Response
) -> None:
    documented = _documented(document, method, path)
    status = str(response.status_code)
    assert status in documented, (
        f"{method} {path} answered {status}, documented {sorted(documented)}"
    )
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith(PROBLEM)
        assert documented[status]["content"][PROBLEM]["schema"] == {
            "$ref": "#/components/schemas/ProblemDetails"
        }


def test_every_operation_documents_its_errors_as_problem_details(
    document: dict[str, Any],
) -> None:
    assert "ProblemDetails" in document["components"]["schemas"]
    for path, item in document["paths"].items():
        for method, operation in item.items():
            errors = {s for s in operation["responses"] if s.startswith(("4", "5"))}
            assert "503" in errors, f"{method} {path}"
            retry_after = operation["responses"]["503"]["headers"]["Retry-After"]
            assert retry_after["required"] is True
            for status in errors:
                content = operation["responses"][status]["content"]
                assert list(content) == [PROBLEM], f"{method} {path} {status}"


def test_the_errors_people_meet_are_the_documented_ones(
    server: Server, document: dict[str, Any]
) -> None:
    anonymous = Api(server.base_url)
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    parent = register(server.base_url, "parent")
    checks: list[tuple[str, str, httpx.Response]] = [
        ("GET", "/api/me", anonymous.get("/api/me")),
        (
            "POST",
            "/api/auth/login",
            anonymous.post("/api/auth/login", json={"login": "nobody", "password": "x-y-z-w"}),
        ),
        ("POST", "/api/auth/login", anonymous.post("/api/auth/login", json={"login": 1})),
        (
            "POST",
            "/api/auth/login",
            anonymous.http.post("/api/auth/login", json={"login": "a", "password": "b"}),
        ),
        ("GET", "/api/approvals", student.api.get("/api/approvals")),
        (
            "GET",
            "/api/classes/{class_id}",
            parent.api.get(f"/api/classes/{room.class_id + 10_000}"),
        ),
        (
            "POST",
            "/api/classes/join",
            student.api.post("/api/classes/join", json={"join_code": room.join_code}),
        ),
        (
            "POST",
            "/api/guardian-links",
            parent.api.post("/api/guardian-links", json={"code": "NOSUCHCODE"}),
        ),
        (
            "PATCH",
            "/api/me",
            parent.api.patch("/api/me", content=b"x" * (1024 * 1024 + 1)),
        ),
    ]
    statuses = sorted({r.status_code for _, _, r in checks})
    assert statuses == [400, 401, 403, 404, 409, 413]
    for method, path, response in checks:
        _assert_documented(document, method, path, response)
