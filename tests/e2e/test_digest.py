"""The summary a push notification opens: read once online, then readable offline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import (
    TIMEOUT_MS,
    serious_axe_violations,
    sign_in,
    small_touch_targets,
    wait_until_offline_ready,
)
from tests.e2e.conftest import PHONE
from tests.e2e.summaries import a_day_of_work, daily_summary
from tests.integration.people import classroom, parent_of, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


def test_a_summary_opened_once_is_readable_offline_after_a_reload(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    student = student_in(e2e_server.base_url, classroom(e2e_server.base_url))
    parent, _ = parent_of(e2e_server.base_url, student)
    digest_id = daily_summary(e2e_server, parent, a_day_of_work(student))
    child_name = student.login.title()
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, parent.login, heading=f"Hello, {parent.login.title()}")
        wait_until_offline_ready(page)
        page.get_by_test_id("digest-list").get_by_role("link").first.wait_for(timeout=TIMEOUT_MS)
        page.screenshot(path=str(artifacts / "parent-home-summaries.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []

        page.goto(f"/digests/{digest_id}")
        summary = page.get_by_test_id("digest-child").filter(has_text=child_name)
        picture = summary.get_by_test_id("digest-picture")
        picture.get_by_text("Geometry", exact=True).wait_for(timeout=TIMEOUT_MS)
        picture.get_by_role("img", name=re.compile("^Study 50 min")).wait_for()
        page.screenshot(path=str(artifacts / "digest.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []

        context.set_offline(True)
        page.reload()
        page.get_by_text("This is the copy saved on this device").wait_for(timeout=TIMEOUT_MS)
        picture = summary.get_by_test_id("digest-picture")
        picture.get_by_text("Geometry", exact=True).wait_for(timeout=TIMEOUT_MS)
        picture.get_by_role("img", name=re.compile("^Study 50 min")).wait_for()
        assert page.get_by_role("heading", level=1).inner_text().startswith("Daily summary")
        page.screenshot(path=str(artifacts / "digest-offline.png"), full_page=True)
    finally:
        context.close()


def test_a_summary_of_another_family_is_not_shown(chromium: Any, e2e_server: Server) -> None:
    student = student_in(e2e_server.base_url, classroom(e2e_server.base_url))
    parent, _ = parent_of(e2e_server.base_url, student)
    other_parent, _ = parent_of(
        e2e_server.base_url, student_in(e2e_server.base_url, classroom(e2e_server.base_url))
    )
    digest_id = daily_summary(e2e_server, parent, a_day_of_work(student))
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, other_parent.login, heading=f"Hello, {other_parent.login.title()}")
        page.goto(f"/digests/{digest_id}")
        page.get_by_text("This summary is not available.").wait_for(timeout=TIMEOUT_MS)
        assert student.login.title() not in page.content()
    finally:
        context.close()
