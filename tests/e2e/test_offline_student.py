"""A student works offline in the browser, reloads with no network, and the server gets it all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import (
    TIMEOUT_MS,
    add_goal,
    client_id_of,
    pull_everything,
    sign_in,
    wait_for_status,
    wait_until_offline_ready,
    wait_until_synced,
)
from tests.e2e.conftest import PHONE
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


def test_offline_goal_and_time_survive_reload_and_reach_the_server(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, student.login)
        wait_until_offline_ready(page)
        wait_for_status(page, "Synced")

        context.set_offline(True)
        add_goal(page, "Finish the algebra unit", 12, "lessons", "2026-12-20")

        page.get_by_role("link", name="Time").click()
        page.get_by_role("button", name="Log time").click()
        page.get_by_label("Free time", exact=True).check()
        page.get_by_label("Sport", exact=True).check()
        page.get_by_label("45 min", exact=True).check()
        page.get_by_role("button", name="Log it").click()
        page.get_by_test_id("time-entry").filter(has_text="45 min").wait_for()
        wait_for_status(page, "2 changes waiting")
        assert "Offline" in page.get_by_test_id("sync-status").inner_text()

        # With no network at all, the service worker serves the app and IndexedDB the data.
        page.reload()
        page.get_by_test_id("time-entry").filter(has_text="45 min").wait_for(timeout=TIMEOUT_MS)
        page.get_by_role("link", name="Goals").click()
        page.get_by_test_id("goal").filter(has_text="Finish the algebra unit").wait_for()
        wait_for_status(page, "2 changes waiting")
        page.screenshot(path=str(artifacts / "goals-offline.png"))

        context.set_offline(False)
        wait_until_synced(page)
        client_id = client_id_of(page)
    finally:
        context.close()

    records = pull_everything(student.api, client_id)
    goals = [r for r in records if r["kind"] == "goal" and not r["deleted"]]
    times = [r for r in records if r["kind"] == "time_entry" and not r["deleted"]]
    assert [g["fields"]["title"] for g in goals] == ["Finish the algebra unit"]
    assert goals[0]["fields"]["target"] == 12
    assert goals[0]["fields"]["unit"] == "lessons"
    assert len(times) == 1
    assert times[0]["fields"]["kind"] == "free"
    assert times[0]["fields"]["category"] == "sport"
    assert times[0]["fields"]["minutes"] == 45


def test_an_offline_deadline_shift_the_policy_allows_is_not_shown_as_waiting(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    # Deadlines may move up to 3 days without the teacher; new goals need nobody either.
    policy = {
        "approve_new_goals": False,
        "approve_target_decrease": True,
        "approve_abandon": False,
        "deadline_shift_free_days": 3,
    }
    saved = room.teacher.api.put(f"/api/classes/{room.class_id}/policy", json=policy)
    assert saved.status_code == 200, saved.text
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, student.login)
        wait_until_offline_ready(page)
        card = add_goal(page, "Read the novel", 10, "chapters", "2027-01-10", class_name="Algebra")
        wait_until_synced(page)
        card.get_by_text("Approved").wait_for(timeout=TIMEOUT_MS)

        context.set_offline(True)
        card.get_by_text("More", exact=True).click()
        card.get_by_role("button", name="Edit: Read the novel").click()
        card.get_by_label("Deadline").fill("2027-01-12")
        card.get_by_role("button", name="Save").click()
        wait_for_status(page, "1 change waiting")
        card.get_by_role("link", name="Details: Read the novel").wait_for()
        assert card.get_by_text("Change waiting for teacher").count() == 0
        assert card.get_by_text("Approved").count() == 1
        page.screenshot(path=str(artifacts / "goal-shifted-offline.png"))

        context.set_offline(False)
        wait_until_synced(page)
        assert card.get_by_text("Change waiting for teacher").count() == 0
        client_id = client_id_of(page)
    finally:
        context.close()

    records = pull_everything(student.api, client_id)
    [goal] = [r for r in records if r["kind"] == "goal" and not r["deleted"]]
    assert goal["fields"]["deadline"] == "2027-01-12"
    assert [r for r in records if r["kind"] == "change_request"] == []
