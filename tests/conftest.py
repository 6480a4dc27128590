"""Shared fixtures: a real server per database engine, started once per test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.servers import Server, running_server

ENGINES = ("sqlite", "postgres")


@pytest.fixture(scope="session", params=ENGINES)
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    """A running Waypoint on each engine; API tests using it run once per engine."""
    engine = str(request.param)
    with running_server(engine, tmp_path_factory.mktemp(f"server-{engine}")) as srv:
        yield srv


@pytest.fixture(scope="session")
def base_url(server: Server) -> str:
    return server.base_url
