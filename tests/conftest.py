"""Shared fixtures: a real server per database engine, started once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from tests.integration.servers import Server, running_server

ENGINES = ("sqlite", "postgres")


class EngineServers:
    """One running server per engine, started on first use and stopped at the session's end.

    pytest keeps one instance of a parametrized fixture at a time: when the tests it runs next
    want the other engine, it tears the current one down. The order of tests (modules, their
    own parameters, and how pytest-xdist hands them to a worker) switches engines many times,
    so the servers live here instead, outside that cycle.
    """

    def __init__(self, stack: ExitStack, tmp_path_factory: pytest.TempPathFactory) -> None:
        self._stack = stack
        self._tmp = tmp_path_factory
        self._running: dict[str, Server] = {}

    def get(self, engine: str) -> Server:
        if engine not in self._running:
            tmp = self._tmp.mktemp(f"server-{engine}")
            self._running[engine] = self._stack.enter_context(running_server(engine, tmp))
        return self._running[engine]


@pytest.fixture(scope="session")
def engine_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EngineServers]:
    with ExitStack() as stack:
        yield EngineServers(stack, tmp_path_factory)


@pytest.fixture(scope="session", params=ENGINES)
def server(request: pytest.FixtureRequest, engine_servers: EngineServers) -> Server:
    """A running Waypoint on each engine; API tests using it run once per engine."""
    return engine_servers.get(str(request.param))


@pytest.fixture(scope="session")
def base_url(server: Server) -> str:
    return server.base_url
