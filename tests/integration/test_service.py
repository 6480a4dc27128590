"""Service basics: health, OpenAPI, problem details for bad input."""

from __future__ import annotations

from tests.integration.client import Api
from tests.integration.people import register
from tests.integration.servers import Server


def test_health_names_the_engine(server: Server) -> None:
    body = Api(server.base_url).get("/api/health").json()
    assert body == {"status": "ok", "engine": server.engine, "database": "ok"}


def test_openapi_document_is_served(base_url: str) -> None:
    response = Api(base_url).get("/schema/openapi.json")
    assert response.status_code == 200
    assert "/api/auth/login" in response.json()["paths"]


def test_malformed_json_is_a_problem_document(base_url: str) -> None:
    api = Api(base_url)
    response = api.post(
        "/api/auth/login", content=b'{"login": "x",', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "not valid JSON" in response.json()["detail"]


def test_unknown_field_is_named(base_url: str) -> None:
    response = Api(base_url).post(
        "/api/auth/login", json={"login": "a", "password": "b", "remember": True}
    )
    assert response.status_code == 400
    assert "remember" in response.json()["detail"]


def test_over_long_string_names_the_field_and_limit(base_url: str) -> None:
    response = Api(base_url).post(
        "/api/auth/register",
        json={"role": "teacher", "login": "a" * 33, "password": "x" * 12, "display_name": "A"},
    )
    assert response.status_code == 400
    problem = response.json()
    assert problem["errors"][0]["field"] == "login"
    assert "32" in problem["detail"]


def test_oversized_body_is_413_with_the_limit(base_url: str) -> None:
    response = Api(base_url).post(
        "/api/auth/login",
        content=b"{" + b" " * (1024 * 1024 + 10) + b"}",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert "1 MiB" in response.json()["detail"]


def test_unsafe_method_without_csrf_header_is_refused_with_instructions(base_url: str) -> None:
    api = Api(base_url)
    response = api.http.post("/api/auth/login", json={"login": "a", "password": "b"})
    assert response.status_code == 403
    assert "X-CSRFToken" in response.json()["detail"]


def test_wrong_type_is_a_400_not_a_500(base_url: str) -> None:
    teacher = register(base_url, "teacher")
    response = teacher.api.post("/api/classes", json={"name": 42})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "name"


def test_unknown_api_path_is_404_problem(base_url: str) -> None:
    teacher = register(base_url, "teacher")
    response = teacher.api.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_an_id_beyond_any_integer_column_is_a_400_not_a_500(base_url: str) -> None:
    student = register(base_url, "parent")
    response = student.api.delete("/api/guardian-links/181705681818168262656")
    assert response.status_code == 400
    assert "out of range" in response.json()["detail"]


def test_options_on_a_guarded_endpoint_is_not_an_error(base_url: str) -> None:
    api = Api(base_url)
    for path in ("/api/approvals", "/api/classes/1/policy", "/api/classes/1/overview"):
        assert api.request("OPTIONS", path).status_code < 400
