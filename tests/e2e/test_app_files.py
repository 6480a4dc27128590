"""The built app reaches Chromium compressed: brotli copies made at build time, decoded by the
browser to exactly the built files, with hashed files cached for a year."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.e2e.browser import TIMEOUT_MS
from tests.e2e.conftest import PHONE, PWA_DIST
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


def _first_screen_script() -> str:
    manifest = json.loads((PWA_DIST / ".vite" / "manifest.json").read_text())
    [entry] = [chunk for chunk in manifest.values() if chunk.get("isEntry")]
    return str(entry["file"])


def test_the_build_writes_a_brotli_and_a_gzip_copy_of_each_text_file() -> None:
    for name in ("index.html", "404.html", "sw.js", _first_screen_script()):
        original = (PWA_DIST / name).stat().st_size
        for suffix in (".br", ".gz"):
            copy = PWA_DIST / f"{name}{suffix}"
            assert copy.exists(), f"{copy} is missing"
            assert copy.stat().st_size < original, f"{copy} is no smaller than {name}"


def test_chromium_gets_the_first_screen_brotli_compressed(
    chromium: Any, e2e_server: Server
) -> None:
    script = _first_screen_script()
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        with page.expect_response(lambda r: r.url.endswith(f"/{script}")) as loaded:
            page.goto("/")
        response = loaded.value
        page.get_by_label("Login").wait_for(timeout=TIMEOUT_MS)
        headers = response.all_headers()
        assert headers["content-encoding"] == "br"
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        # What the browser decoded is the built file, byte for byte.
        assert response.body() == (PWA_DIST / script).read_bytes()
        assert int(headers["content-length"]) == (PWA_DIST / f"{script}.br").stat().st_size

        # The page that names the hashed files is checked with the server on every visit.
        document = page.request.get("/")
        assert document.ok
        assert document.headers["cache-control"] == "no-cache"
    finally:
        context.close()
