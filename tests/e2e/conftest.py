"""Browser tests: Debian's Chromium driven by Playwright against a real Waypoint server.

They need the built app (`pwa/dist`, made by `make pwa`), the `playwright` package,
`/usr/bin/chromium` and, for notifications, `dbus-daemon`. Without one of those they are skipped
with the reason, unless `WAYPOINT_E2E_REQUIRED=1` (set in CI), where a missing piece fails the
run instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.desktop_notifications import DesktopNotifications, desktop_notifications
from tests.integration.servers import REPO, Server, running_server

CHROMIUM = Path(os.environ.get("WAYPOINT_CHROMIUM", "/usr/bin/chromium"))
PWA_DIST = REPO / "pwa" / "dist"
ARTIFACTS = REPO / "var" / "e2e-artifacts"
# Without the background-networking flags Chromium keeps dialling out on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 640}


def _missing(reason: str) -> None:
    if os.environ.get("WAYPOINT_E2E_REQUIRED") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def e2e_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A Waypoint on SQLite serving the built app."""
    if not (PWA_DIST / "index.html").exists():
        _missing("pwa/dist is not built (run `make pwa`)")
    with running_server(
        "sqlite",
        tmp_path_factory.mktemp("e2e-server"),
        extra_env={
            "WAYPOINT_PWA_DIST": str(PWA_DIST),
            # Summaries are pushed to the tests' own push service on a loopback port.
            "WAYPOINT_PUSH_ALLOW_HTTP_LOOPBACK": "true",
        },
    ) as server:
        yield server


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        _missing("the playwright package is not installed")
    if not CHROMIUM.exists() and shutil.which(str(CHROMIUM)) is None:
        _missing(f"{CHROMIUM} not found (apt-get install chromium)")
    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def chromium(playwright: Any) -> Iterator[Any]:
    """One Chromium for the session; each test opens its own contexts (fresh profiles)."""
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DesktopNotifications]:
    """The desktop's notification server that Chromium shows notifications through."""
    if shutil.which("dbus-daemon") is None:
        _missing("dbus-daemon not found (apt-get install dbus-daemon)")
    with desktop_notifications(tmp_path_factory.mktemp("session-bus")) as running:
        yield running


@pytest.fixture
def chromium_profile(
    playwright: Any, desktop: DesktopNotifications, e2e_server: Server, tmp_path: Path
) -> Iterator[Any]:
    """A Chromium of its own on its default profile, showing notifications through `desktop`.

    `browser.new_context()` makes off-the-record profiles, where some things a person's browser
    does cannot happen: apps are not installable, and a tapped notification is routed back to
    its profile by name, which those profiles do not have. A persistent context is the
    browser's default profile.
    """
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": desktop.address},
        base_url=e2e_server.base_url,
        viewport=PHONE,
    )
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Path:
    """A folder for this test's screenshots, kept after the run."""
    folder: Path = ARTIFACTS / str(request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
