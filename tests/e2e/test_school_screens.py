"""The school in the app: an invited teacher registers, a student confirms a guardian link from
a teacher's invite, and an administrator sees the school's people and adjusts a track's
limits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import TIMEOUT_MS, serious_axe_violations, sign_in, small_touch_targets
from tests.e2e.conftest import PHONE
from tests.integration.people import (
    PASSWORD,
    administrator,
    classroom,
    register,
    school_admin,
    student_in,
    teacher_invite,
    unique_login,
)
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


def test_an_invited_teacher_creates_their_account_in_the_app(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    code = teacher_invite(administrator(e2e_server.base_url))
    login = unique_login("t")
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto("/")
        page.get_by_role("button", name="Create an account").click()
        page.get_by_label("a teacher (invited by my school)").check()
        page.get_by_label("Invitation code").fill(code)
        page.get_by_label("Your name").fill("Ms Aliya")
        page.get_by_label("Login").fill(login)
        page.get_by_label("New password").fill(PASSWORD)
        page.screenshot(path=str(artifacts / "register-teacher.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
        page.get_by_role("button", name="Create the account").click()
        page.get_by_role("heading", name="Hello, Ms Aliya").wait_for(timeout=TIMEOUT_MS)
        page.get_by_test_id("sessions").wait_for(timeout=TIMEOUT_MS)
    finally:
        context.close()


def test_a_student_confirms_a_link_from_a_teachers_invite(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    invite = room.teacher.api.post("/api/guardian-invites", json={"student_id": student.id})
    parent = register(e2e_server.base_url, "parent", display_name="Gulnara")
    assert parent.api.post("/api/guardian-links", json={"code": invite.json()["code"]}).is_success
    assert parent.api.get("/api/students").json() == []
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, student.login)
        page.get_by_role("link", name="Settings").click()
        viewers = page.get_by_test_id("viewers")
        viewers.get_by_text("asks to see your data").wait_for(timeout=TIMEOUT_MS)
        page.screenshot(path=str(artifacts / "student-pending-link.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
        viewers.get_by_label("Your password, to confirm").fill(PASSWORD)
        viewers.get_by_role("button", name="Confirm").click()
        viewers.get_by_role("button", name="Stop sharing").wait_for(timeout=TIMEOUT_MS)
        assert [s["id"] for s in parent.api.get("/api/students").json()] == [student.id]
    finally:
        context.close()


def test_the_administrator_sees_the_school_and_issues_a_reset_code(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    admin = administrator(e2e_server.base_url)
    student = student_in(e2e_server.base_url, classroom(e2e_server.base_url))
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, admin.login, heading=f"Hello, {admin.login}")
        people = page.get_by_test_id("school-people")
        row = people.locator("li").filter(has_text=student.login)
        row.get_by_role("button", name="Reset code").click()
        page.get_by_text(f"Reset code for {student.login}").wait_for(timeout=TIMEOUT_MS)
        page.screenshot(path=str(artifacts / "admin-school.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
    finally:
        context.close()


def test_the_administrator_adjusts_a_tracks_limits_in_hours(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    admin = school_admin(e2e_server.base_url)
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, admin.login, heading=f"Hello, {admin.login}")
        limits = page.get_by_test_id("track-limits")
        path = limits.locator("form").filter(has_text="Personal path")
        free = path.get_by_label("Hours of free time below which it is too little")
        assert free.input_value() == "3"
        free.fill("51")
        path.get_by_role("button", name="Save the personal path limits").click()
        limits.get_by_text("between 0 and 50").wait_for(timeout=TIMEOUT_MS)
        free.fill("1,5")
        path.get_by_role("button", name="Save the personal path limits").click()
        limits.get_by_text("its students have them now").wait_for(timeout=TIMEOUT_MS)
        path.get_by_text("set by the school").wait_for(timeout=TIMEOUT_MS)
        page.screenshot(path=str(artifacts / "admin-track-limits.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
    finally:
        context.close()
    saved = {t["track"]: t for t in admin.api.get("/api/school/tracks").json()}
    assert saved["personal_path"]["scarce_free_minutes"] == 90
    assert saved["personal_path"]["adjusted"] is True
