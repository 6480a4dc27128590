"""A nudge's "Adjust my goal" opens the goal's edit form; the change goes to the teacher."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.browser import (
    TIMEOUT_MS,
    client_id_of,
    pull_everything,
    serious_axe_violations,
    sign_in,
    small_touch_targets,
)
from tests.e2e.conftest import PHONE
from tests.integration.commands import waypoint
from tests.integration.people import classroom, register
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, push

pytestmark = pytest.mark.e2e

ALMATY = ZoneInfo("Asia/Almaty")


def test_adjust_my_goal_from_a_nudge_becomes_a_change_request(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    policy = room.teacher.api.get(f"/api/classes/{room.class_id}/policy").json()
    room.teacher.api.put(
        f"/api/classes/{room.class_id}/policy", json={**policy, "approve_new_goals": False}
    )
    student = register(
        e2e_server.base_url, "student", join_code=room.join_code, time_zone="Asia/Almaty"
    )
    today = datetime.now(ALMATY).date()
    goal_id = str(uuid.uuid4())
    response = push(
        student.api,
        new_client_id(),
        (
            1,
            "goal.create",
            goal_args(
                goal_id,
                title="Physics problems",
                unit="pages",
                target=120,
                start_date=(today - timedelta(days=20)).isoformat(),
                deadline=(today + timedelta(days=6)).isoformat(),
                class_id=student.class_id,
            ),
        ),
    )
    assert response.json()["results"][0]["outcome"] == "applied", response.text
    five_pm = datetime.combine(today, datetime.min.time(), ALMATY).replace(hour=17)
    waypoint(e2e_server, "nudges", "--now", five_pm.isoformat())
    later = (today + timedelta(days=40)).isoformat()

    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, student.login)
        nudge = page.get_by_test_id("nudge").filter(has_text="Physics problems").first
        nudge.get_by_role("button", name="Adjust my goal").click(timeout=TIMEOUT_MS)
        card = page.get_by_test_id("goal").filter(has_text="Physics problems")
        heading = card.get_by_role("heading", name="Adjust this goal")
        heading.wait_for()
        assert heading.evaluate("(el) => el === document.activeElement")
        card.get_by_label("Deadline").fill(later)
        card.get_by_label("Why are you changing it?").fill("I was ill for two weeks")
        page.screenshot(path=str(artifacts / "student-adjust-goal.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
        card.get_by_role("button", name="Save").click()
        page.get_by_text("Your change (goal) was sent to your teacher for approval.").wait_for(
            timeout=TIMEOUT_MS
        )
        card.get_by_text("Change waiting for teacher").wait_for(timeout=TIMEOUT_MS)
        client_id = client_id_of(page)
    finally:
        context.close()
    records = pull_everything(student.api, client_id + "x")
    [request] = [r for r in records if r["kind"] == "change_request"]
    assert request["fields"]["proposed"] == {"deadline": later}
    assert request["fields"]["reason"] == "I was ill for two weeks"
    acted = [r["fields"]["acted"] for r in records if r["kind"] == "nudge"]
    assert "adjust_goal" in acted
