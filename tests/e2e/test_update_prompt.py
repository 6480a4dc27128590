"""A new version of the app waits until the person chooses to reload into it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import TIMEOUT_MS, sign_in, wait_until_offline_ready
from tests.e2e.conftest import PHONE, PWA_DIST
from tests.integration.people import classroom, student_in
from tests.integration.servers import running_server

pytestmark = pytest.mark.e2e


def test_a_waiting_version_is_offered_and_applied_on_reload(chromium: Any, tmp_path: Path) -> None:
    if not (PWA_DIST / "index.html").exists():
        pytest.skip("pwa/dist is not built (run `make pwa`)")
    dist = tmp_path / "dist"
    shutil.copytree(PWA_DIST, dist)
    with running_server("sqlite", tmp_path, extra_env={"WAYPOINT_PWA_DIST": str(dist)}) as server:
        student = student_in(server.base_url, classroom(server.base_url))
        context = chromium.new_context(base_url=server.base_url, viewport=PHONE)
        try:
            page = context.new_page()
            sign_in(page, student.login)
            wait_until_offline_ready(page)

            # Deploy a new version: any byte change of the worker makes it one.
            worker = dist / "sw.js"
            worker.write_text(worker.read_text() + "\n// next release\n")
            page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
            page.get_by_text("A new version of Waypoint is ready.").wait_for(timeout=TIMEOUT_MS)

            with page.expect_navigation(timeout=TIMEOUT_MS):
                page.get_by_role("button", name="Reload").click()
            page.get_by_role("heading", name="Today", exact=True).wait_for(timeout=TIMEOUT_MS)
            assert page.get_by_text("A new version of Waypoint is ready.").count() == 0
            # The new worker took over: nothing is left waiting.
            waiting = page.evaluate(
                "navigator.serviceWorker.getRegistration().then((r) => r.waiting === null)"
            )
            assert waiting is True
        finally:
            context.close()
