"""A student answers the weekly check-in and writes "About me" offline on a phone; both reach
the mentor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import (
    TIMEOUT_MS,
    serious_axe_violations,
    sign_in,
    small_touch_targets,
    wait_for_status,
    wait_until_offline_ready,
    wait_until_synced,
)
from tests.e2e.conftest import PHONE
from tests.integration.people import administrator, classroom, register, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


def test_an_offline_check_in_reaches_the_mentor(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    student = student_in(e2e_server.base_url, classroom(e2e_server.base_url))
    mentor = register(e2e_server.base_url, "teacher")
    assigned = administrator(e2e_server.base_url).api.put(
        f"/api/students/{student.id}/mentor", json={"mentor_id": mentor.id}
    )
    assert assigned.status_code == 200, assigned.text
    on_track = administrator(e2e_server.base_url).api.put(
        f"/api/school/accounts/{student.id}/track", json={"track": "accelerated"}
    )
    assert on_track.status_code == 200, on_track.text
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, student.login)
        page.get_by_test_id("privacy-notice").get_by_role("button", name="Got it").click()
        wait_until_offline_ready(page)
        wait_for_status(page, "Synced")
        # The first screen says what the accelerated track means for the student's weeks.
        page.get_by_test_id("track").get_by_text("three grades in two").wait_for()

        context.set_offline(True)
        form = page.get_by_test_id("check-in")
        form.locator("fieldset", has_text="Energy").get_by_text("Low", exact=True).click()
        form.locator("fieldset", has_text="Stress").get_by_text("A lot", exact=True).click()
        form.locator("fieldset", has_text="Sleep").get_by_text("Poorly", exact=True).click()
        form.get_by_label("Anything else? (optional)").fill("Three tests this week")
        page.screenshot(path=str(artifacts / "check-in-phone.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
        form.get_by_role("button", name="Save").click()
        page.get_by_test_id("check-in-done").wait_for(timeout=TIMEOUT_MS)
        wait_for_status(page, "1 change waiting")

        # Still offline: "About me" in Settings, which the mentor reads too.
        page.get_by_role("link", name="Settings").click()
        about = page.get_by_role("form", name="About me")
        about.get_by_label("What I am good at").fill("Explaining maths to friends")
        about.get_by_label("Tags (separated by commas)").fill("maths, chess, maths")
        about.get_by_role("button", name="Save").click()
        wait_for_status(page, "2 changes waiting")

        context.set_offline(False)
        wait_until_synced(page)
    finally:
        context.close()
    view = mentor.api.get(f"/api/mentees/{student.id}").json()
    [answer] = view["check_ins"]
    assert (answer["energy"], answer["stress"], answer["sleep"], answer["note"]) == (
        2,
        4,
        2,
        "Three tests this week",
    )
    assert view["profile"]["strengths"] == "Explaining maths to friends"
    assert view["profile"]["tags"] == ["maths", "chess"]
