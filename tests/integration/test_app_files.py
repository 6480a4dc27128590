"""The built app over HTTP: the pre-compressed copy the client accepts, and cache lifetimes.

The server sends the `.br` / `.gz` copies the build wrote, as they are: the copies here hold
distinct bytes, so each test sees which file came back. Files are served the same way on both
engines (no database is involved), so one SQLite server serves them.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.integration.servers import running_server

ASSET = "assets/index-Ccd1KzaW.js"
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class App:
    base_url: str
    dist: Path


def _write(dist: Path, name: str, text: str, *, copies: bool = True) -> None:
    path = dist / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if copies:
        # A stand-in for brotli output: what matters is that exactly these bytes are sent.
        (dist / f"{name}.br").write_bytes(b"br:" + name.encode())
        (dist / f"{name}.gz").write_bytes(gzip.compress(text.encode()))


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    tmp = tmp_path_factory.mktemp("app-files")
    dist = tmp / "dist"
    _write(dist, "index.html", "<!doctype html><title>Waypoint</title>" * 40)
    _write(dist, "404.html", "<!doctype html><title>Waypoint</title><!-- 404 -->" * 40)
    _write(dist, "sw.js", "self.addEventListener('install', () => {});\n" * 40)
    _write(dist, ASSET, "export const answer = 42;\n" * 200)
    _write(dist, "icons/icon-192.png", "not really a png", copies=False)
    _write(dist, ".vite/manifest.json", "{}", copies=False)
    with running_server("sqlite", tmp, {"WAYPOINT_PWA_DIST": str(dist)}) as server:
        yield App(server.base_url, dist)


def _get(app: App, path: str, accept_encoding: str | None) -> tuple[httpx.Response, bytes]:
    """The response and its body exactly as sent (httpx would undo the gzip otherwise)."""
    headers = {"Accept-Encoding": accept_encoding or "identity"}
    with (
        httpx.Client(base_url=app.base_url) as client,
        client.stream("GET", path, headers=headers) as r,
    ):
        return r, b"".join(r.iter_raw())


def test_a_hashed_asset_is_sent_brotli_compressed_and_cached_for_a_year(app: App) -> None:
    response, body = _get(app, f"/{ASSET}", "gzip, deflate, br, zstd")
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "br"
    assert body == (app.dist / f"{ASSET}.br").read_bytes()
    assert response.headers["content-length"] == str(len(body))
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == IMMUTABLE
    assert response.headers["vary"] == "Accept-Encoding"


def test_a_client_without_brotli_gets_gzip_that_decodes_to_the_file(app: App) -> None:
    for accept in ("gzip", "br;q=0, gzip;q=0.8", "gzip;q=1, br;q=0.5"):
        response, body = _get(app, f"/{ASSET}", accept)
        assert response.headers["content-encoding"] == "gzip", accept
        assert gzip.decompress(body) == (app.dist / ASSET).read_bytes()


def test_a_client_that_takes_no_compression_gets_the_file_itself(app: App) -> None:
    for accept in (None, "deflate", "br;q=0, gzip;q=0", "*;q=0"):
        response, body = _get(app, f"/{ASSET}", accept)
        assert "content-encoding" not in response.headers, accept
        assert body == (app.dist / ASSET).read_bytes()
        # A cache must not hand this copy to a client that takes brotli, nor the other way round.
        assert response.headers["vary"] == "Accept-Encoding"


def test_a_wildcard_accepts_the_smallest_copy(app: App) -> None:
    response, _ = _get(app, f"/{ASSET}", "*")
    assert response.headers["content-encoding"] == "br"


def test_the_entry_points_are_compressed_but_always_revalidated(app: App) -> None:
    for path, file in (("/", "index.html"), ("/index.html", "index.html"), ("/sw.js", "sw.js")):
        response, body = _get(app, path, "br, gzip")
        assert response.status_code == 200, path
        assert response.headers["cache-control"] == "no-cache", path
        assert response.headers["content-encoding"] == "br", path
        assert body == (app.dist / f"{file}.br").read_bytes(), path
        assert "etag" in response.headers, path


def test_an_unknown_path_gets_the_app_with_404(app: App) -> None:
    for path in ("/digests/12", "/.vite/manifest.json", "/assets/%2e%2e/%2e%2e/server.log"):
        response, body = _get(app, path, "gzip")
        assert response.status_code == 404, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert response.headers["cache-control"] == "no-cache", path
        assert gzip.decompress(body) == (app.dist / "404.html").read_bytes(), path


def test_a_file_without_copies_is_sent_as_it_is(app: App) -> None:
    response, body = _get(app, "/icons/icon-192.png", "br, gzip")
    assert response.status_code == 200
    assert "content-encoding" not in response.headers
    assert "vary" not in response.headers
    assert response.headers["content-type"] == "image/png"
    assert body == b"not really a png"


def test_a_file_replaced_after_the_build_is_not_shadowed_by_its_stale_copies(app: App) -> None:
    name = "assets/patched-B2x9Qk1a.js"
    _write(app.dist, name, "export const version = 1;\n" * 100)
    patched = app.dist / name
    patched.write_text("export const version = 2;\n" * 100)
    # Newer than both copies, as when a deploy replaces one file after the build.
    later = patched.stat().st_mtime_ns + 5_000_000_000
    os.utime(patched, ns=(later, later))
    response, body = _get(app, f"/{name}", "br, gzip")
    assert "content-encoding" not in response.headers
    assert body == patched.read_bytes()


def test_head_answers_the_headers_of_the_copy_without_a_body(app: App) -> None:
    with httpx.Client(base_url=app.base_url) as client:
        response = client.head(f"/{ASSET}", headers={"Accept-Encoding": "br"})
    assert response.status_code == 200
    assert response.headers["content-encoding"] == "br"
    assert response.headers["content-length"] == str((app.dist / f"{ASSET}.br").stat().st_size)
    assert response.content == b""
