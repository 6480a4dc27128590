"""Nothing jumps while a screen loads: every screen of every role, opened afresh at 360x640 and
1280x800, keeps its cumulative layout shift under 0.1 (Lighthouse's "good")."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.e2e.browser import TIMEOUT_MS, sign_in, wait_for_status
from tests.e2e.conftest import PHONE
from tests.e2e.layout_shift import layout_shift, watch_layout_shift, what_moved
from tests.integration.people import (
    Person,
    administrator,
    classroom,
    parent_of,
    register,
)
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, push

pytestmark = pytest.mark.e2e

ALMATY = ZoneInfo("Asia/Almaty")
LAPTOP = {"width": 1280, "height": 800}
GOOD_CLS = 0.1
SETTLE_MS = 2500


@dataclass
class School:
    student: Person
    teacher: Person
    parent: Person
    mentor: Person
    admin: Person


@pytest.fixture(scope="module")
def school(e2e_server: Server) -> School:
    room = classroom(e2e_server.base_url)
    student = register(
        e2e_server.base_url, "student", join_code=room.join_code, time_zone="Asia/Almaty"
    )
    today = datetime.now(ALMATY).date()
    goal_id = str(uuid.uuid4())
    pushed = push(
        student.api,
        new_client_id(),
        (
            1,
            "goal.create",
            goal_args(
                goal_id,
                title="Read the novel",
                target=12,
                start_date=(today - timedelta(days=10)).isoformat(),
                deadline=(today + timedelta(days=20)).isoformat(),
                class_id=room.class_id,
            ),
        ),
        (
            2,
            "progress.add",
            {
                "id": str(uuid.uuid4()),
                "goal_id": goal_id,
                "amount": 3,
                "occurred_at": (datetime.now(ALMATY) - timedelta(days=2)).isoformat(),
            },
        ),
    )
    assert pushed.is_success, pushed.text
    parent, _ = parent_of(e2e_server.base_url, student)
    mentor = register(e2e_server.base_url, "teacher")
    admin = administrator(e2e_server.base_url)
    assigned = admin.api.put(f"/api/students/{student.id}/mentor", json={"mentor_id": mentor.id})
    assert assigned.is_success, assigned.text
    return School(student, room.teacher, parent, mentor, admin)


# (who, hash, what shows once the screen has loaded)
SCREENS = {
    "student-today": ("student", "#/today", "Your goals"),
    "student-goals": ("student", "#/goals", "Read the novel"),
    "student-time": ("student", "#/time", "Your last six weeks"),
    "student-settings": ("student", "#/settings", "Plan my weeks"),
    "teacher-home": ("teacher", "#/", "Your students"),
    "mentor-home": ("mentor", "#/", "Read the novel"),
    "parent-home": ("parent", "#/", "Summaries"),
    "admin-home": ("admin", "#/", "Invite a teacher"),
}


def _first_heading(who: str, person: Person) -> str:
    if who == "student":
        return "Today"
    # Registered people are named after their login; the school's administrator is not.
    return f"Hello, {person.login if who == 'admin' else person.login.title()}"


@pytest.mark.parametrize("size", ["phone", "laptop"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_screen_opens_without_jumping(
    chromium: Any,
    e2e_server: Server,
    school: School,
    artifacts: Path,
    screen: str,
    size: str,
) -> None:
    who, hash_, shown = SCREENS[screen]
    person: Person = getattr(school, who)
    viewport = PHONE if size == "phone" else LAPTOP
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=viewport)
    watch_layout_shift(context)
    try:
        page = context.new_page()
        sign_in(page, person.login, heading=_first_heading(who, person))
        if who == "mentor":
            page.get_by_role("link", name=school.student.login, exact=False).first.click()
            hash_ = f"#/mentees/{school.student.id}"
        notice = page.get_by_test_id("privacy-notice").get_by_role("button", name="Got it")
        if notice.count():
            notice.click()
        # The device holds its records, as it does every day after its very first sync.
        wait_for_status(page, "Synced")
        # Opened afresh at this screen in a new tab, as a person opens the app there from a link
        # or a push (a reload would also restore the old tab's scroll position).
        page.close()
        page = context.new_page()
        page.goto(f"/{hash_}")
        page.get_by_text(shown, exact=False).first.wait_for(timeout=TIMEOUT_MS)
        page.wait_for_timeout(SETTLE_MS)
        shift = layout_shift(page)
        page.screenshot(path=str(artifacts / f"{screen}-{size}.png"), full_page=True)
        assert shift < GOOD_CLS, f"{screen} at {size}: layout shift {shift:.3f}\n{what_moved(page)}"
    finally:
        context.close()
