"""The servers under test, each a real process on loopback: Waypoint and the CouchDB-protocol peer.

Scratch state (SQLite files, PostgreSQL databases, the peer's install and LevelDB files) lives
outside the repository's tracked files and is removed when the run ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx

REPO = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("WAYPOINT_BENCH_POSTGRES_URL", "postgresql://127.0.0.1:5432/postgres")
PEER_PACKAGE = "pouchdb-server@4.2.0"
LOAD_RATE = "1000000/minute"


@dataclass(frozen=True)
class Running:
    """A server process listening on ``base_url``."""

    name: str
    base_url: str
    pid: int
    database_url: str | None = None
    sqlite_path: Path | None = None
    log_path: Path | None = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(POSTGRES_URL, timeout=5)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@contextlib.asynccontextmanager
async def scratch_postgres() -> AsyncIterator[str]:
    """A fresh PostgreSQL database for one lane, dropped afterwards."""
    name = f"waypoint_bench_{uuid.uuid4().hex[:10]}"
    await _admin(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(POSTGRES_URL)._replace(path="/" + name))
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ready(url: str, proc: subprocess.Popen[bytes], log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text()[-4000:]}")
        with contextlib.suppress(httpx.TransportError):
            if httpx.get(url, timeout=1).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not become ready:\n{log.read_text()[-4000:]}")


@contextlib.contextmanager
def waypoint(
    engine: str, workers: int, scratch: Path, database_url: str | None = None
) -> Iterator[Running]:
    """`waypoint serve` on SQLite (a file under ``scratch``) or on ``database_url``."""
    data_dir = scratch / f"waypoint-{engine}-{workers}"
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "WAYPOINT_DATA_DIR": str(data_dir),
        "PORT": str(port),
        "HOST": "127.0.0.1",
        "DATABASE_URL": database_url or "",
        "WAYPOINT_DEMO_DATA": "false",
        "WAYPOINT_LOGIN_RATE": LOAD_RATE,
        "WAYPOINT_REGISTER_RATE": LOAD_RATE,
        "WAYPOINT_PWA_DIST": str(data_dir / "no-pwa"),
    }
    env.pop("REDIS_URL", None)
    log_path = data_dir / "server.log"
    command = [sys.executable, "-m", "backend.cli", "serve", "--no-demo", "--workers", str(workers)]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_ready(base_url + "/api/health", proc, log_path)
            yield Running(
                name=f"{engine}-{workers}w",
                base_url=base_url,
                pid=proc.pid,
                database_url=database_url,
                sqlite_path=None if database_url else data_dir / "waypoint.sqlite3",
                log_path=log_path,
            )
        finally:
            _stop(proc)


def create_admin(server: Running, login: str, password: str) -> None:
    """A school administrator made on the command line, as an operator makes the first one:
    teachers join only with an administrator's invitation."""
    assert server.log_path is not None
    env = {
        **os.environ,
        "WAYPOINT_DATA_DIR": str(server.log_path.parent),
        "DATABASE_URL": server.database_url or "",
    }
    command = [sys.executable, "-m", "backend.cli", "admin", "create"]
    subprocess.run(  # noqa: S603
        [*command, "--school", "Bench school", "--login", login],
        cwd=REPO,
        env=env,
        input=(password + "\n").encode(),
        check=True,
        capture_output=True,
    )


def error_lines(log_path: Path | None, limit: int = 10) -> dict[str, int]:
    """The distinct exception lines a server logged (the last line of each traceback), counted."""
    if log_path is None or not log_path.exists():
        return {}
    counts: dict[str, int] = {}
    for line in log_path.read_text(errors="replace").splitlines():
        head = line.split(":", 1)[0]
        if head.endswith(("Error", "Exception")) and " " not in head.strip():
            counts[line[:200]] = counts.get(line[:200], 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1])[:limit])


def install_peer(folder: Path) -> Path:
    """Install pouchdb-server into ``folder`` (once) and return its executable.

    Install scripts are skipped: leveldown ships prebuilt binaries for Linux, and its build
    script would otherwise try to compile from source.
    """
    binary = folder / "node_modules" / ".bin" / "pouchdb-server"
    if binary.exists():
        return binary
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed to install the peer (pouchdb-server); install Node.js")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text('{"name": "bench-peer", "private": true}\n')
    subprocess.run(  # noqa: S603
        [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", PEER_PACKAGE],
        cwd=folder,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return binary


@contextlib.contextmanager
def peer(binary: Path, scratch: Path) -> Iterator[Running]:
    """pouchdb-server on loopback, LevelDB files under ``scratch`` (durable, not in memory)."""
    data = scratch / "peer-data"
    data.mkdir(parents=True, exist_ok=True)
    port = free_port()
    log_path = scratch / "peer.log"
    command = [
        str(binary),
        "--port",
        str(port),
        "--host",
        "127.0.0.1",
        "--dir",
        str(data),
        "--config",
        str(scratch / "peer-config.json"),
        "--no-stdout-logs",
    ]
    with log_path.open("wb") as log:
        proc = subprocess.Popen(command, cwd=scratch, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        try:
            base_url = f"http://127.0.0.1:{port}"
            _wait_ready(base_url + "/", proc, log_path)
            yield Running(name="peer", base_url=base_url, pid=proc.pid)
        finally:
            _stop(proc)
