"""Waypoint installs as an app: Chromium finds nothing missing, and every image it names exists."""

from __future__ import annotations

import struct
from typing import Any

import httpx
import pytest

from tests.e2e.browser import TIMEOUT_MS, wait_until_offline_ready
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


def _png_size(content: bytes) -> str:
    """ "WxH" from a PNG's header chunk."""
    assert content[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", content[16:24])
    return f"{width}x{height}"


def test_chromium_finds_the_app_installable(chromium_profile: Any) -> None:
    page = chromium_profile.pages[0] if chromium_profile.pages else chromium_profile.new_page()
    page.goto("/")
    page.get_by_label("Login").wait_for(timeout=TIMEOUT_MS)
    wait_until_offline_ready(page)
    cdp = chromium_profile.new_cdp_session(page)
    assert cdp.send("Page.getAppManifest")["errors"] == []
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []


def test_the_manifest_is_complete_and_its_images_exist(e2e_server: Server) -> None:
    with httpx.Client(base_url=e2e_server.base_url, timeout=10) as http:
        manifest = http.get("/manifest.webmanifest").json()
        for key in ("id", "name", "short_name", "start_url", "scope", "theme_color"):
            assert manifest.get(key), f"manifest has no {key}"
        assert manifest["display"] == "standalone"
        assert manifest["background_color"]
        icons = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
        assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= icons
        assert {shot["form_factor"] for shot in manifest["screenshots"]} == {"narrow", "wide"}
        for image in [*manifest["icons"], *manifest["screenshots"]]:
            response = http.get(image["src"])
            assert response.status_code == 200, image["src"]
            assert response.headers["content-type"] == image["type"]
            assert _png_size(response.content) == image["sizes"], image["src"]
