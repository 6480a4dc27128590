"""The everyday student tasks, at 360x640 and 1280x800: a goal with a quick deadline in one
sheet, +1 from Today, and "adjust my goal" from a nudge with its suggestion filled in. Nothing
on these screens jumps while it loads (CLS under 0.1)."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import (
    TIMEOUT_MS,
    serious_axe_violations,
    sign_in,
    small_touch_targets,
    wait_until_synced,
)
from tests.e2e.conftest import PHONE
from tests.e2e.layout_shift import layout_shift, watch_layout_shift
from tests.integration.commands import waypoint
from tests.integration.people import Person, classroom, register
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, push

pytestmark = pytest.mark.e2e

ALMATY = ZoneInfo("Asia/Almaty")
LAPTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "laptop": LAPTOP}
GOOD_CLS = 0.1


def _end_of_month(today: date) -> date:
    first_of_next = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first_of_next - timedelta(days=1)


def _words(day: date) -> str:
    return f"{day.day} {day.strftime('%B')}"


# What Chromium hands the page when the app can be installed; a test cannot make the browser
# decide that, so it hands the page the same event.
OFFER_INSTALL = """() => {
  const offer = new Event("beforeinstallprompt", { cancelable: true });
  offer.prompt = () => { window.__installPrompted = true; return Promise.resolve(); };
  offer.userChoice = Promise.resolve({ outcome: "accepted" });
  window.dispatchEvent(offer);
}"""


def _student(server: Server) -> Person:
    room = classroom(server.base_url)
    return register(server.base_url, "student", join_code=room.join_code, time_zone="Asia/Almaty")


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_a_goal_with_a_quick_deadline_then_one_tap_progress_from_today(
    chromium: Any, e2e_server: Server, artifacts: Path, size: str
) -> None:
    student = _student(e2e_server)
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=VIEWPORTS[size])
    watch_layout_shift(context)
    try:
        page = context.new_page()
        sign_in(page, student.login)
        page.get_by_test_id("privacy-notice").get_by_role("button", name="Got it").click()
        wait_until_synced(page)
        page.evaluate(OFFER_INSTALL)
        page.screenshot(path=str(artifacts / f"today-empty-{size}.png"), full_page=True)
        assert layout_shift(page) < GOOD_CLS
        # Before there is anything to come back to, the app does not ask to be installed.
        assert page.get_by_test_id("install-offer").count() == 0

        # Taps: Goals, New goal, title, target, End of month, Add a goal.
        page.get_by_role("link", name="Goals").click()
        page.get_by_role("button", name="New goal").click()
        sheet = page.get_by_role("dialog", name="Add a goal")
        sheet.get_by_label("What do you want to achieve?").fill("Read the novel")
        sheet.get_by_label("Target", exact=True).fill("10")
        sheet.get_by_role("button", name="End of month").click()
        today = datetime.now(ALMATY).date()
        assert sheet.get_by_label("Deadline").input_value() == _end_of_month(today).isoformat()
        page.screenshot(path=str(artifacts / f"goal-sheet-{size}.png"))
        assert serious_axe_violations(page) + small_touch_targets(page) == []
        sheet.get_by_role("button", name="Add a goal").click()
        page.get_by_test_id("goal-added").filter(has_text="Goal added: Read the novel").wait_for()
        card = page.get_by_test_id("goal").filter(has_text="Read the novel")
        # The new goal is brought into view wherever it lands in the list.
        expect(card.get_by_role("heading", name="Read the novel")).to_be_in_viewport()
        card.get_by_text(f"deadline {_words(_end_of_month(today))}").wait_for()
        page.screenshot(path=str(artifacts / f"goals-{size}.png"), full_page=True)
        assert layout_shift(page) < GOOD_CLS

        # Taps: Today, +1.
        page.get_by_role("link", name="Today").click()
        goal = page.get_by_test_id("today-goal").filter(has_text="Read the novel")
        goal.get_by_role("button", name="Add 1 lesson to Read the novel").click()
        goal.get_by_test_id("today-goal-progress").filter(has_text="1 of 10").wait_for()
        wait_until_synced(page)
        page.screenshot(path=str(artifacts / f"today-{size}.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
        assert layout_shift(page) < GOOD_CLS
        # With a first goal, it does, once.
        page.get_by_test_id("install-offer").get_by_role("button", name="Install").click()
        assert page.evaluate("() => window.__installPrompted === true")
        page.get_by_test_id("install-offer").wait_for(state="detached")
    finally:
        context.close()
    changes = student.api.post(
        "/api/sync/pull", json={"protocol_version": 1, "client_id": new_client_id()}
    ).json()["changes"]
    assert [c["fields"]["amount"] for c in changes if c["kind"] == "progress"] == [1]


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_adjust_from_a_nudge_opens_the_change_filled_with_its_suggestion(
    chromium: Any, e2e_server: Server, artifacts: Path, size: str
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
    deadline = today + timedelta(days=6)
    # A page a day for the last two weeks: at that pace the goal finishes weeks late.
    progress = [
        (
            n + 2,
            "progress.add",
            {
                "id": str(uuid.uuid4()),
                "goal_id": goal_id,
                "amount": 1,
                "occurred_at": datetime.combine(
                    today - timedelta(days=n + 1), datetime.min.time(), ALMATY
                )
                .replace(hour=16)
                .isoformat(),
            },
        )
        for n in range(14)
    ]
    response = push(
        student.api,
        new_client_id(),
        (
            1,
            "goal.create",
            goal_args(
                goal_id,
                title="Physics reading",
                unit="pages",
                target=60,
                start_date=(today - timedelta(days=20)).isoformat(),
                deadline=deadline.isoformat(),
                class_id=student.class_id,
            ),
        ),
        *progress,
    )
    assert all(r["outcome"] == "applied" for r in response.json()["results"]), response.text
    five_pm = datetime.combine(today, datetime.min.time(), ALMATY).replace(hour=17)
    waypoint(e2e_server, "nudges", "--now", five_pm.isoformat())

    context = chromium.new_context(base_url=e2e_server.base_url, viewport=VIEWPORTS[size])
    watch_layout_shift(context)
    try:
        page = context.new_page()
        sign_in(page, student.login)
        page.get_by_test_id("privacy-notice").get_by_role("button", name="Got it").click()
        first = page.get_by_role("list", name="What to do next").get_by_test_id("nudge")
        first.filter(has_text="Physics reading").wait_for(timeout=TIMEOUT_MS)
        # One tap: the suggestion itself, naming the day and who decides.
        suggestion = first.get_by_role("button", name="ask your teacher")
        label = suggestion.inner_text()
        assert label.startswith("Move to "), label
        page.screenshot(path=str(artifacts / f"today-nudge-{size}.png"), full_page=True)
        assert layout_shift(page) < GOOD_CLS
        suggestion.click()
        card = page.get_by_test_id("goal").filter(has_text="Physics reading")
        card.get_by_role("heading", name="Adjust this goal").wait_for()
        suggested = card.get_by_label("Deadline").input_value()
        assert suggested > deadline.isoformat()
        assert _words(date.fromisoformat(suggested)) in label
        reason = card.get_by_label("Why are you changing it?").input_value()
        assert reason.startswith("At my recent pace I finish on"), reason
        page.screenshot(path=str(artifacts / f"adjust-filled-{size}.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
        card.get_by_role("button", name="Save").click()
        card.get_by_text("Change waiting for teacher").wait_for(timeout=TIMEOUT_MS)
        page.locator(".syncbar .note").filter(has_text="sent to your teacher").wait_for()
    finally:
        context.close()
    [item] = [i for i in room.teacher.api.get("/api/approvals").json() if i["goal_id"] == goal_id]
    assert item["proposed"]["deadline"] == suggested
    assert item["reason"].startswith("At my recent pace I finish on")
