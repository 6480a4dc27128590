"""Fixtures shared by the API tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.push_service import PushService
from tests.integration.servers import Server, running_server


@pytest.fixture(scope="module")
def service() -> Iterator[PushService]:
    """A local push service that checks VAPID and decrypts what it receives, one per module."""
    with PushService().running() as svc:
        yield svc


@pytest.fixture(scope="session")
def app_server(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server on the same engine that serves a (tiny) built app at /, as `make run` does."""
    tmp = tmp_path_factory.mktemp(f"app-{server.engine}")
    dist = tmp / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(
        '<!doctype html><html><head><script type="module" src="/assets/app.js"></script>'
        "</head><body></body></html>"
    )
    (dist / "assets" / "app.js").write_text("export {};\n")
    with running_server(server.engine, tmp, {"WAYPOINT_PWA_DIST": str(dist)}) as srv:
        yield srv
