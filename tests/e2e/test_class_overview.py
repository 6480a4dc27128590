"""The table of students puts the student who has been behind for a week first, flagged, and
opens her overview under her row, also offline."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.browser import TIMEOUT_MS, serious_axe_violations, sign_in, small_touch_targets
from tests.e2e.conftest import PHONE
from tests.e2e.offline_copies import reload_offline, saved_copy_line
from tests.integration.people import Person, classroom, register
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, push

pytestmark = pytest.mark.e2e

ALMATY = ZoneInfo("Asia/Almaty")


def _goal_with_progress(student: Person, *, start: date, deadline: date, done: float) -> None:
    goal_id = str(uuid.uuid4())
    occurred = datetime.combine(start, datetime.min.time(), ALMATY).isoformat()
    response = push(
        student.api,
        new_client_id(),
        (
            1,
            "goal.create",
            goal_args(
                goal_id,
                title="Biology reading",
                unit="pages",
                target=60,
                start_date=start.isoformat(),
                deadline=deadline.isoformat(),
                class_id=student.class_id,
            ),
        ),
        (
            2,
            "progress.add",
            {"id": str(uuid.uuid4()), "goal_id": goal_id, "amount": done, "occurred_at": occurred},
        ),
    )
    assert all(r["outcome"] == "applied" for r in response.json()["results"]), response.text


def test_the_persistently_behind_student_comes_first_and_is_flagged(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    policy = room.teacher.api.get(f"/api/classes/{room.class_id}/policy").json()
    room.teacher.api.put(
        f"/api/classes/{room.class_id}/policy", json={**policy, "approve_new_goals": False}
    )
    steady = register(
        e2e_server.base_url,
        "student",
        join_code=room.join_code,
        time_zone="Asia/Almaty",
        display_name="Aigerim Steady",
    )
    struggling = register(
        e2e_server.base_url,
        "student",
        join_code=room.join_code,
        time_zone="Asia/Almaty",
        display_name="Zarina Struggling",
    )
    today = datetime.now(ALMATY).date()
    start, deadline = today - timedelta(days=21), today + timedelta(days=21)
    _goal_with_progress(struggling, start=start, deadline=deadline, done=1)
    _goal_with_progress(steady, start=start, deadline=deadline, done=60)

    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, room.teacher.login, heading=f"Hello, {room.teacher.login.title()}")
        rows = page.get_by_test_id("roster-row")
        page.get_by_text("Showing all 2").wait_for(timeout=TIMEOUT_MS)
        assert rows.count() == 2
        first = rows.nth(0)
        assert first.get_attribute("data-student") == "Zarina Struggling"
        first.get_by_text("behind for a week").wait_for()
        assert rows.nth(1).get_by_text("behind for a week").count() == 0
        page.get_by_text("1 student behind every day for a week").wait_for()
        # Her whole overview opens under her row.
        page.get_by_role("button", name="Zarina Struggling: details").click()
        detail = page.get_by_test_id("overview-student")
        detail.get_by_text("Behind every day for a week").wait_for()
        detail.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "teacher-overview.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []

        # On a train: the overview opened before is still there, and says from when.
        reload_offline(context, page)
        saved_copy_line(page.get_by_test_id("roster"))
        page.get_by_text("Showing all 2").wait_for()
        assert rows.count() == 2
        assert rows.nth(0).get_attribute("data-student") == "Zarina Struggling"
        rows.nth(0).get_by_text("behind for a week").wait_for()
        page.screenshot(path=str(artifacts / "teacher-overview-offline.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
    finally:
        context.close()
