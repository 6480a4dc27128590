"""The main screens at phone size: screenshots, accessibility, touch targets, a running timer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import (
    TIMEOUT_MS,
    add_goal,
    serious_axe_violations,
    sign_in,
    small_touch_targets,
    wait_for_status,
    wait_until_synced,
)
from tests.e2e.conftest import PHONE
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e

STUDENT_SCREENS = ("today", "goals", "time", "settings")


@pytest.fixture
def student_page(chromium: Any, e2e_server: Server) -> Any:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    page = context.new_page()
    sign_in(page, student.login)
    wait_for_status(page, "Synced")
    yield page
    context.close()


def _add_goal(page: Any) -> None:
    add_goal(page, "Read ten chapters", 10)
    page.get_by_role("button", name="Add 1 chapter to Read ten chapters").click()
    page.get_by_test_id("goal-progress").filter(has_text="1 of 10 chapters").wait_for()


def test_student_screens_are_accessible_at_phone_size(student_page: Any, artifacts: Path) -> None:
    page = student_page
    _add_goal(page)
    page.get_by_role("link", name="Time").click()
    page.get_by_role("button", name="Log time").click()
    page.get_by_label("Minutes").fill("40")
    page.get_by_role("button", name="Log it").click()
    page.get_by_test_id("time-entry").first.wait_for()
    problems: dict[str, list[str]] = {}
    for screen in STUDENT_SCREENS:
        page.goto(f"/#/{screen}")
        page.locator("main h1").wait_for()
        page.screenshot(path=str(artifacts / f"student-{screen}.png"), full_page=True)
        found = serious_axe_violations(page) + small_touch_targets(page)
        if found:
            problems[screen] = found
    assert problems == {}


def _left_s(page: Any) -> int:
    minutes, seconds = (int(part) for part in page.get_by_test_id("timer").inner_text().split(":"))
    return minutes * 60 + seconds


def test_a_running_focus_timer_survives_a_reload_a_closed_tab_and_sleep(student_page: Any) -> None:
    page = student_page
    context = page.context
    page.get_by_role("button", name="Start focus").click()
    page.get_by_test_id("timer").wait_for()
    page.wait_for_timeout(2100)
    wait_until_synced(page)
    page.reload()
    page.get_by_role("button", name="Pause").wait_for(timeout=TIMEOUT_MS)
    assert _left_s(page) <= 25 * 60 - 2

    page.close()
    page = context.new_page()
    # The phone then sleeps: no script runs while its clock moves on 25 minutes.
    page.clock.install()
    page.goto("/")
    page.get_by_role("button", name="Pause").wait_for(timeout=TIMEOUT_MS)
    assert _left_s(page) <= 25 * 60 - 2
    page.clock.fast_forward("25:00")
    # The 25 minutes ended while it slept: they are logged, and the break is on.
    page.get_by_test_id("break-timer").wait_for()
    page.get_by_role("button", name="End break").click()
    page.get_by_role("button", name="Start focus").wait_for()
    page.get_by_role("link", name="Time").click()
    page.get_by_test_id("time-entry").filter(has_text="25 min").wait_for()


def test_teacher_home_lists_the_class(chromium: Any, e2e_server: Server, artifacts: Path) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, room.teacher.login, heading=f"Hello, {room.teacher.login.title()}")
        page.get_by_test_id("roster-row").filter(has_text=student.login.title()).wait_for()
        page.get_by_test_id("roster-classes").filter(has_text="1 student in Algebra").wait_for()
        page.screenshot(path=str(artifacts / "teacher-home.png"), full_page=True)
        assert serious_axe_violations(page) == []
    finally:
        context.close()
