"""The goal card at phone size: a new goal is not started, milestones are checked and shown, and
the Time screen names its week and says what private means."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import (
    TIMEOUT_MS,
    serious_axe_violations,
    sign_in,
    small_touch_targets,
    wait_for_status,
    wait_until_synced,
)
from tests.e2e.conftest import PHONE
from tests.integration.people import classroom, register
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e

ZONE = "Asia/Almaty"


def _words(day: dt.date) -> str:
    """A day as every screen says it, day first: "21 December"."""
    return f"{day.day} {day.strftime('%B')}"


@pytest.fixture
def student_page(chromium: Any, e2e_server: Server) -> Any:
    room = classroom(e2e_server.base_url)
    # New goals start active, so the card shows their pace at once.
    policy = room.teacher.api.get(f"/api/classes/{room.class_id}/policy").json()
    room.teacher.api.put(
        f"/api/classes/{room.class_id}/policy", json={**policy, "approve_new_goals": False}
    )
    student = register(e2e_server.base_url, "student", join_code=room.join_code, time_zone=ZONE)
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    page = context.new_page()
    sign_in(page, student.login)
    wait_for_status(page, "Synced")
    yield page
    context.close()


def test_a_new_goal_is_not_started_and_shows_its_next_milestone(
    student_page: Any, artifacts: Path
) -> None:
    page = student_page
    today = dt.datetime.now(zoneinfo.ZoneInfo(ZONE)).date()
    deadline = today + dt.timedelta(days=30)
    due = today + dt.timedelta(days=10)

    page.get_by_role("link", name="Goals").click()
    page.get_by_role("button", name="New goal").click()
    page.get_by_label("What do you want to achieve?").fill("Read ten chapters")
    page.get_by_label("Target", exact=True).fill("10")
    page.get_by_label("Unit", exact=True).select_option("chapters")
    page.get_by_label("Deadline").fill(deadline.isoformat())
    page.get_by_role("button", name="Add a milestone").click()
    page.get_by_label("Milestone 1: name").fill("Half way")
    page.get_by_label("Milestone 1: amount reached").fill("5")
    page.get_by_label("Milestone 1: by (optional)").fill(due.isoformat())
    page.get_by_role("button", name="Add a milestone").click()
    page.get_by_label("Milestone 2: name").fill("Warm up")
    page.get_by_label("Milestone 2: amount reached").fill("3")
    assert serious_axe_violations(page) + small_touch_targets(page) == []
    rows = page.get_by_test_id("milestone-row")
    rows.nth(1).screenshot(path=str(artifacts / "milestone-row.png"))
    page.get_by_role("button", name="Add a goal").click()

    # A milestone asking for less than the one before is explained, and nothing is sent.
    refused = "Milestone 2 (“Warm up”): each milestone must ask for more than the one before (5)."
    page.get_by_role("alert").filter(has_text=refused).wait_for()
    assert page.get_by_test_id("goal").count() == 0
    page.get_by_label("Milestone 2: name").fill("The end")
    page.get_by_label("Milestone 2: amount reached").fill("10")
    page.get_by_role("button", name="Add a goal").click()

    card = page.get_by_test_id("goal").filter(has_text="Read ten chapters")
    card.wait_for()
    pace = card.get_by_test_id("goal-pace")
    pace.filter(has_text="Not started").wait_for()
    assert "On track" not in card.inner_text()
    card.get_by_text("Log progress to see your pace.").wait_for()
    card.get_by_test_id("goal-milestone").filter(
        has_text=f"Next: Half way · 5 chapters by {_words(due)}"
    ).wait_for()
    wait_until_synced(page)
    card.screenshot(path=str(artifacts / "goal-card-not-started.png"))

    card.get_by_role("button", name="Add 5 chapters to Read ten chapters").click()
    card.get_by_test_id("goal-progress").filter(has_text="5 of 10 chapters").wait_for()
    card.get_by_test_id("goal-milestone").filter(has_text="Next: The end · 10 chapters").wait_for()
    assert "Not started" not in pace.inner_text()
    wait_until_synced(page)
    card.screenshot(path=str(artifacts / "goal-card-half-way.png"))
    page.screenshot(path=str(artifacts / "goals.png"))


def test_the_time_screen_names_its_week_and_says_what_private_means(
    student_page: Any, artifacts: Path
) -> None:
    page = student_page
    page.get_by_role("link", name="Time").click()
    page.get_by_role("button", name="Log time").click()
    page.get_by_text("Private or a note").click()
    page.get_by_text(
        "Private hides the category, note and goal from your parents and teachers. The minutes "
        "still count toward your totals and your goal progress, for everyone who sees them."
    ).wait_for()
    # The sheet proposes time that ended just now: 20 minutes, all passed.
    page.get_by_label("Minutes").fill("20")
    page.get_by_label("Private", exact=True).check()
    page.get_by_role("button", name="Log it").click()
    page.get_by_test_id("time-entry").filter(has_text="20 min").wait_for(timeout=TIMEOUT_MS)
    page.get_by_role("heading", name="This week, since Monday").wait_for()
    now = dt.datetime.now(zoneinfo.ZoneInfo(ZONE))
    monday = dt.datetime.combine(
        now.date() - dt.timedelta(days=now.weekday()), dt.time(), tzinfo=now.tzinfo
    )
    if now - monday > dt.timedelta(minutes=35):  # else the entry began last week
        page.get_by_test_id("week-summary").filter(
            has_text="20 min of study and 0 min of free time so far."
        ).wait_for()
    page.screenshot(path=str(artifacts / "time.png"))
    page.screenshot(path=str(artifacts / "time-full.png"), full_page=True)
