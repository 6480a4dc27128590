"""A teacher lists the class's objectives (one typed, the rest from a CSV file) and marks one
mastered from the class overview on a laptop; the student's goal counted in objectives moves,
and the student sees the objective mastered on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import (
    TIMEOUT_MS,
    serious_axe_violations,
    sign_in,
    small_touch_targets,
    wait_until_synced,
)
from tests.e2e.conftest import PHONE
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1280, "height": 800}
CSV = b"code,title\nA.2,Factor quadratics\nA.3,Sketch parabolas\n"


def test_a_teacher_marks_an_objective_mastered_and_the_student_sees_it(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)

    teacher = chromium.new_context(base_url=e2e_server.base_url, viewport=LAPTOP)
    try:
        page = teacher.new_page()
        sign_in(page, room.teacher.login, heading=f"Hello, {room.teacher.login.title()}")
        objectives = page.get_by_test_id("class-objectives")
        form = objectives.get_by_role("form", name="Add an objective")
        form.get_by_label("Code (optional)").fill("A.1")
        form.get_by_label("What students should be able to do").fill("Solve linear equations")
        form.get_by_role("button", name="Add an objective").click()
        objectives.get_by_text("Solve linear equations").wait_for(timeout=TIMEOUT_MS)
        objectives.get_by_label("Import from CSV").set_input_files(
            {"name": "objectives.csv", "mimeType": "text/csv", "buffer": CSV}
        )
        objectives.get_by_test_id("objectives-message").filter(has_text="2 added").wait_for(
            timeout=TIMEOUT_MS
        )
    finally:
        teacher.close()

    phone = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = phone.new_page()
        sign_in(page, student.login)
        page.get_by_test_id("privacy-notice").get_by_role("button", name="Got it").click()
        wait_until_synced(page)
        page.get_by_role("link", name="Goals").click()
        page.get_by_role("button", name="New goal").click()
        form = page.get_by_role("form", name="Add a goal")
        form.locator("select[name=unit] option[value=objectives]").wait_for(state="attached")
        form.get_by_label("What do you want to achieve?").fill("Quadratics unit")
        form.get_by_label("Unit", exact=True).select_option("objectives")
        picker = form.get_by_test_id("goal-objectives-picker")
        picker.get_by_label("A.2 Factor quadratics").check()
        picker.get_by_label("A.3 Sketch parabolas").check()
        assert form.get_by_label("Target", exact=True).input_value() == "2"
        form.get_by_label("Deadline").fill("2027-03-31")
        form.get_by_role("button", name="Add a goal").click()
        card = page.get_by_test_id("goal").filter(has_text="Quadratics unit")
        card.get_by_test_id("goal-progress").filter(has_text="0 of 2").wait_for()
        wait_until_synced(page)
    finally:
        phone.close()

    teacher = chromium.new_context(base_url=e2e_server.base_url, viewport=LAPTOP)
    try:
        page = teacher.new_page()
        sign_in(page, room.teacher.login, heading=f"Hello, {room.teacher.login.title()}")
        page.get_by_role("button", name=f"{student.login.title()}: details").click()
        marks = page.get_by_test_id("mastery-marks")
        marks.locator("summary").click()
        marks.get_by_label("Evidence (optional): A.2 Factor quadratics").fill("All six in the quiz")
        marks.get_by_role("button", name="Mark mastered: A.2 Factor quadratics").click()
        marks.locator("summary").filter(has_text="1 of 3 mastered").wait_for(timeout=TIMEOUT_MS)
        page.screenshot(path=str(artifacts / "objectives-teacher-laptop.png"), full_page=True)
        assert serious_axe_violations(page) == []
    finally:
        teacher.close()

    phone = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = phone.new_page()
        sign_in(page, student.login)
        wait_until_synced(page)
        page.get_by_role("link", name="Goals").click()
        card = page.get_by_test_id("goal").filter(has_text="Quadratics unit")
        card.get_by_test_id("goal-progress").filter(has_text="1 of 2").wait_for(timeout=TIMEOUT_MS)
        mastery = page.get_by_test_id("mastery")
        mastery.get_by_test_id("mastery-count").filter(has_text="1 of 3 mastered").wait_for()
        mastery.locator("summary").click()
        mastery.get_by_text("All six in the quiz").wait_for()
        page.screenshot(path=str(artifacts / "objectives-student-phone.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
    finally:
        phone.close()
