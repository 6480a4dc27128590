"""Real Waypoint server processes for the integration tests, one per database engine."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from tests.integration import proc_net
from tests.integration.blocking import run_blocking

REPO = Path(__file__).resolve().parents[2]
PORT_ATTEMPTS = 5
POSTGRES_URL = os.environ.get("WAYPOINT_TEST_POSTGRES_URL", "postgresql://127.0.0.1:5432/test")


@dataclass(frozen=True)
class Server:
    engine: str
    base_url: str
    data_dir: Path
    database_url: str | None
    # The server's process group: `waypoint serve` and, with --workers, its worker processes.
    process_group: int = 0
    # The settings this server was started with beyond the defaults: the command line runs
    # with them too, as an operator's would run with the server's configuration.
    settings: tuple[tuple[str, str], ...] = ()


# Every server running now, by base URL: test helpers that need the server's own database
# (the command line, e.g. to create a school administrator) find it here.
RUNNING: dict[str, Server] = {}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _admin_connect(sql: str) -> None:
    """Run one statement on the maintenance database with psql-free asyncpg."""

    import asyncpg

    async def run() -> None:
        conn = await asyncpg.connect(POSTGRES_URL, timeout=5)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    run_blocking(run())


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty database for one test run, dropped afterwards."""
    name = f"waypoint_test_{uuid.uuid4().hex[:12]}"
    try:
        _admin_connect(f'CREATE DATABASE "{name}"')
    except (OSError, Exception) as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {POSTGRES_URL} is required in CI and unreachable: {exc}")
        pytest.skip(f"PostgreSQL at {POSTGRES_URL} unreachable: {exc}")
    parts = urlsplit(POSTGRES_URL)
    try:
        yield urlunsplit(parts._replace(path="/" + name))
    finally:
        _admin_connect(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def running_server(
    engine: str, tmp: Path, extra_env: dict[str, str] | None = None, *, workers: int = 1
) -> Iterator[Server]:
    """Start `waypoint serve` on `engine`, wait until healthy, stop it afterwards."""
    with (
        engine_database(engine) as database_url,
        serving(engine, tmp, database_url, extra_env, workers=workers) as server,
    ):
        yield server


@contextmanager
def engine_database(engine: str) -> Iterator[str | None]:
    """A fresh PostgreSQL database URL for "postgres"; None for SQLite (a file in the data dir)."""
    with postgres_database() if engine == "postgres" else _no_database() as database_url:
        yield database_url


@contextmanager
def serving(
    engine: str,
    tmp: Path,
    database_url: str | None,
    extra_env: dict[str, str] | None = None,
    *,
    workers: int = 1,
) -> Iterator[Server]:
    """Serve the data in `tmp` / `database_url`; a second call restarts on the same data."""
    inherited = dict(os.environ)
    # Only a test that asks for Redis (in `extra_env`) gets it: one from the shell would join
    # unrelated test servers on the same channels.
    inherited.pop("REDIS_URL", None)
    env = {
        **inherited,
        "WAYPOINT_DATA_DIR": str(tmp),
        "HOST": "127.0.0.1",
        "DATABASE_URL": database_url or "",
        "WAYPOINT_DEMO_DATA": "false",
        # Background jobs would act on the tests' data at arbitrary moments; tests run them
        # on demand instead.
        "WAYPOINT_SCHEDULER": "false",
        # Keep-alives every second, so tests see streams outlive several of them.
        "WAYPOINT_SSE_HEARTBEAT_SECONDS": "1",
        # Every test calls from 127.0.0.1; limits per address are tested on servers of their own.
        "WAYPOINT_LOGIN_RATE": "10000/minute",
        "WAYPOINT_REGISTER_RATE": "10000/minute",
        "WAYPOINT_CODE_RATE": "10000/minute",
        # Test accounts protect nothing; argon2 at production cost took most of the suite's time.
        "WAYPOINT_PASSWORD_HASHING": "fast-insecure",
        "WAYPOINT_PWA_DIST": str(tmp / "no-pwa"),
        **(extra_env or {}),
    }
    log_path = tmp / "server.log"
    proc, base_url = _start(env, log_path, workers)
    try:
        server = Server(
            engine=engine,
            base_url=base_url,
            data_dir=tmp,
            database_url=database_url,
            process_group=proc.pid,
            settings=tuple(
                (k, v) for k, v in (extra_env or {}).items() if k.startswith("WAYPOINT_")
            ),
        )
        RUNNING[base_url] = server
        yield server
    finally:
        RUNNING.pop(base_url, None)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            proc.wait()


def _start(
    env: dict[str, str], log_path: Path, workers: int
) -> tuple[subprocess.Popen[bytes], str]:
    """Start `waypoint serve` on a free port and wait until it answers.

    The port is free when chosen, but something else may take it before the server binds it:
    an outgoing connection, or a server of a parallel test worker, which would then answer the
    health check in place of this one. Either way this server starts again on another port.
    """
    for _ in range(PORT_ATTEMPTS):
        port = free_port()
        with log_path.open("a") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "backend.cli", "serve", "--workers", str(workers)],
                cwd=REPO,
                env={**env, "PORT": str(port)},
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group, so that `kill_hard` reaches the workers too.
                start_new_session=True,
            )
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_healthy(base_url, proc, log_path)
        except RuntimeError as exc:
            _kill_group(proc.pid)
            proc.wait()
            if "address already in use" not in str(exc).lower():
                raise
            continue
        if _listens_on(proc.pid, port):
            return proc, base_url
        _kill_group(proc.pid)
        proc.wait()
    raise RuntimeError(f"no free port after {PORT_ATTEMPTS} attempts:\n{log_path.read_text()}")


def _listens_on(process_group: int, port: int) -> bool:
    """Whether a process of `process_group` holds the listening socket on `port`."""
    if not proc_net.available():
        return True  # nothing to look it up in; a port stolen in between is rare enough
    listeners = proc_net.socket_inodes(port)
    return proc_net.holder(listeners, proc_net.process_group(process_group)) is not None


def kill_hard(server: Server) -> None:
    """SIGKILL every process of `server` at once: no shutdown, no flush, no rollback."""
    _kill_group(server.process_group)


def _kill_group(process_group: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(process_group, signal.SIGKILL)


@contextmanager
def _no_database() -> Iterator[None]:
    yield None


# A server with several workers on a busy shared machine can take over a minute to start; a
# healthy one answers as soon as it can, so the bound costs nothing when things go well.
STARTUP_TIMEOUT_S = 180


def _wait_healthy(base_url: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base_url}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server did not become healthy:\n{log.read_text()}")
