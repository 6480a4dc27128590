"""A client that sends its request too slowly is cut off; one that is merely slow to read is not."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.integration.people import register
from tests.integration.servers import Server, running_server

DEADLINE_S = 4


@pytest.fixture(scope="module")
def strict(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server on the same engine with short read deadlines."""
    env = {
        "WAYPOINT_HEADER_TIMEOUT_SECONDS": str(DEADLINE_S),
        "WAYPOINT_BODY_TIMEOUT_SECONDS": str(DEADLINE_S),
    }
    with running_server(server.engine, tmp_path_factory.mktemp("strict"), env) as srv:
        yield srv


def _connect(server: Server) -> socket.socket:
    host, port = server.base_url.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=1)


def _closed_within(sock: socket.socket, seconds: float, trickle: bytes | None) -> float | None:
    """Seconds until the server closes `sock` (sending `trickle` every 3 s), or None."""
    started = time.monotonic()
    last_sent = started
    while time.monotonic() - started < seconds:
        if trickle is not None and time.monotonic() - last_sent >= 3:
            try:
                sock.sendall(trickle)
            except OSError:
                return time.monotonic() - started
            last_sent = time.monotonic()
        try:
            if sock.recv(4096) == b"":
                return time.monotonic() - started
        except TimeoutError:
            continue
        except OSError:
            return time.monotonic() - started
    return None


def test_headers_trickled_one_line_every_3_seconds_are_cut_off(strict: Server) -> None:
    with _connect(strict) as sock:
        sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        closed = _closed_within(sock, DEADLINE_S + 10, trickle=b"X-Slow: yes\r\n")
    assert closed is not None, "the server kept a trickling client for good"
    assert closed <= DEADLINE_S + 4


def test_a_connection_that_never_sends_a_request_is_closed(strict: Server) -> None:
    with _connect(strict) as sock:
        closed = _closed_within(sock, DEADLINE_S + 10, trickle=None)
    assert closed is not None


def test_a_body_promised_and_stalled_is_cut_off(strict: Server) -> None:
    with _connect(strict) as sock:
        sock.sendall(
            b"POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 100\r\n\r\n{"login": '
        )
        closed = _closed_within(sock, DEADLINE_S + 10, trickle=None)
    assert closed is not None, "the server waited for good for a body that never came"


def test_a_stream_outlives_the_deadlines(strict: Server) -> None:
    person = register(strict.base_url, "parent")
    started = time.monotonic()
    lines = 0
    with person.api.http.stream("GET", "/api/sync/events", timeout=5) as response:
        assert response.status_code == 200
        for _ in response.iter_lines():
            lines += 1
            if time.monotonic() - started > DEADLINE_S * 2:
                break
    assert time.monotonic() - started > DEADLINE_S * 2
    # And an ordinary request on the same server is answered.
    assert httpx.get(strict.base_url + "/api/health").status_code == 200
