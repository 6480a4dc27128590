"""A teacher approves a student's new goal; the student's open app shows it without a reload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import (
    TIMEOUT_MS,
    serious_axe_violations,
    sign_in,
    wait_until_synced,
)
from tests.e2e.conftest import PHONE
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


def test_an_approval_reaches_the_students_open_app(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    student_context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    teacher_context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        on_phone = student_context.new_page()
        sign_in(on_phone, student.login)
        on_phone.get_by_role("link", name="Goals").click()
        on_phone.get_by_label("What do you want to achieve?").fill("Master fractions")
        on_phone.get_by_label("Target", exact=True).fill("20")
        on_phone.get_by_label("Unit", exact=True).select_option("problems")
        on_phone.get_by_label("Deadline").fill("2026-12-31")
        on_phone.get_by_role("button", name="Add a goal").click()
        wait_until_synced(on_phone)
        card = on_phone.get_by_test_id("goal")
        card.get_by_text("Waiting for approval").wait_for()

        teacher = teacher_context.new_page()
        sign_in(teacher, room.teacher.login, heading=f"Hello, {room.teacher.login.title()}")
        queue = teacher.get_by_test_id("approvals")
        queue.filter(has_text="Master fractions").wait_for(timeout=TIMEOUT_MS)
        teacher.screenshot(path=str(artifacts / "teacher-queue.png"), full_page=True)
        assert serious_axe_violations(teacher) == []
        teacher.get_by_label("Select all 1").check()
        teacher.get_by_role("button", name="Approve 1").click()
        teacher.get_by_text("Nothing is waiting for you.").wait_for(timeout=TIMEOUT_MS)

        # No reload: the server's poke makes the student's app pull the decision.
        card.get_by_text("Approved", exact=True).wait_for(timeout=TIMEOUT_MS)
        on_phone.screenshot(path=str(artifacts / "student-approved.png"), full_page=True)
    finally:
        student_context.close()
        teacher_context.close()
