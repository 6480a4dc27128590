"""A teacher's class policy decides whether a student's new goal waits for approval."""

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
    wait_until_synced,
)
from tests.e2e.conftest import PHONE
from tests.e2e.offline_copies import back_online, kept_copy_keys, reload_offline, saved_copy_line
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


def test_new_goals_start_active_once_the_teacher_lets_them(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    teacher_context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    student_context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        teacher = teacher_context.new_page()
        sign_in(teacher, room.teacher.login, heading=f"Hello, {room.teacher.login.title()}")
        policy = teacher.get_by_test_id("policy")
        new_goals = policy.get_by_label("New goals wait for my approval")
        new_goals.wait_for(timeout=TIMEOUT_MS)
        assert new_goals.is_checked()
        new_goals.uncheck()
        policy.get_by_label("Days a deadline may move later without approval").fill("10")
        policy.get_by_role("button", name="Save policy").click()
        policy.get_by_text("Saved.").wait_for(timeout=TIMEOUT_MS)
        saved = room.teacher.api.get(f"/api/classes/{room.class_id}/policy").json()
        assert (saved["approve_new_goals"], saved["deadline_shift_free_days"]) == (False, 10)
        teacher.screenshot(path=str(artifacts / "teacher-policy.png"), full_page=True)
        assert serious_axe_violations(teacher) + small_touch_targets(teacher) == []

        phone = student_context.new_page()
        sign_in(phone, student.login)
        card = add_goal(phone, "Read a novel", 12, class_name="Algebra")
        wait_until_synced(phone)
        card.get_by_text("Approved", exact=True).wait_for(timeout=TIMEOUT_MS)
        assert card.get_by_text("Waiting for approval").count() == 0
        assert teacher.locator("[data-testid=roster-row] td.pending li").count() == 0
    finally:
        teacher_context.close()
        student_context.close()


def test_the_policy_opened_once_shows_offline_and_waits_for_a_connection_to_change(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    current = room.teacher.api.get(f"/api/classes/{room.class_id}/policy").json()
    changed = room.teacher.api.put(
        f"/api/classes/{room.class_id}/policy",
        json={**current, "approve_abandon": False, "deadline_shift_free_days": 4},
    )
    assert changed.status_code == 200, changed.text
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, room.teacher.login, heading=f"Hello, {room.teacher.login.title()}")
        policy = page.get_by_test_id("policy")
        save = policy.get_by_role("button", name="Save policy")
        save.wait_for(timeout=TIMEOUT_MS)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=policy] button[type=submit]').disabled",
            timeout=TIMEOUT_MS,
        )

        reload_offline(context, page)
        saved_copy_line(policy)
        assert policy.get_by_text("You are offline.").count() == 1
        assert not policy.get_by_label("Stopping a goal waits for my approval").is_checked()
        free_days = policy.get_by_label("Days a deadline may move later without approval")
        assert free_days.input_value() == "4"
        assert free_days.is_disabled()
        assert save.is_disabled()
        policy.get_by_text("Changing the policy needs a connection.").wait_for()
        page.screenshot(path=str(artifacts / "teacher-policy-offline.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []

        back_online(context, page)
        page.wait_for_function(
            "() => !document.querySelector('[data-testid=policy] button[type=submit]').disabled",
            timeout=TIMEOUT_MS,
        )
        assert policy.get_by_test_id("saved-copy").count() == 0
        assert f"/api/classes/{room.class_id}/policy" in kept_copy_keys(page)
        page.get_by_role("button", name="Sign out", exact=True).click()
        page.get_by_role("button", name="Sign in").wait_for(timeout=TIMEOUT_MS)
        assert kept_copy_keys(page) == []
    finally:
        context.close()
