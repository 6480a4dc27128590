"""Every response carries the browser security headers; personal JSON is never cached."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.integration.people import register
from tests.integration.servers import Server, running_server


def _csp(response: httpx.Response) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    directives = (part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


@pytest.mark.parametrize("path", ["/", "/index.html", "/assets/app.js", "/api/health", "/nowhere"])
def test_every_response_carries_the_security_headers(app_server: Server, path: str) -> None:
    response = httpx.get(app_server.base_url + path)
    csp = _csp(response)
    assert csp["default-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response.headers["permissions-policy"]
    # Over plain http a browser ignores HSTS; it is sent only when the public URL is https.
    assert "strict-transport-security" not in response.headers


def test_personal_json_is_not_stored_by_any_cache(app_server: Server) -> None:
    person = register(app_server.base_url, "parent")
    for response in (person.api.get("/api/me"), person.api.get("/api/nothing-here")):
        assert response.headers["cache-control"] == "no-store"
    assert "no-store" not in httpx.get(app_server.base_url + "/assets/app.js").headers.get(
        "cache-control", ""
    )


@pytest.fixture(scope="module")
def https_server(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose public address is https (behind a TLS-terminating proxy)."""
    env = {"WAYPOINT_PUBLIC_URL": "https://waypoint.example.org"}
    with running_server(server.engine, tmp_path_factory.mktemp("https"), env) as srv:
        yield srv


def test_hsts_is_sent_when_people_use_https(https_server: Server) -> None:
    response = httpx.get(https_server.base_url + "/api/health")
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert int(response.headers["strict-transport-security"].split("=")[1].split(";")[0]) >= (
        365 * 24 * 3600
    )


def test_api_docs_run_no_third_party_script_on_the_apps_origin(app_server: Server) -> None:
    page = httpx.get(app_server.base_url + "/schema")
    assert page.status_code in (200, 404)
    assert "<script" not in page.text
    document = httpx.get(app_server.base_url + "/schema/openapi.json")
    assert document.status_code == 200
    assert document.json()["info"]["title"] == "Waypoint"
