"""A teacher approves a student's new goal; the student's open app shows it without a reload."""

from __future__ import annotations

import uuid
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
from tests.e2e.offline_copies import back_online, reload_offline, saved_copy_line
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, push

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
        card = add_goal(on_phone, "Master fractions", 20, "problems", class_name="Algebra")
        wait_until_synced(on_phone)
        card.get_by_text("Waiting for approval").wait_for()

        teacher = teacher_context.new_page()
        sign_in(teacher, room.teacher.login, heading=f"Hello, {room.teacher.login.title()}")
        row = teacher.get_by_test_id("roster-row").filter(has_text="Master fractions")
        row.wait_for(timeout=TIMEOUT_MS)
        teacher.screenshot(path=str(artifacts / "teacher-queue.png"), full_page=True)
        assert serious_axe_violations(teacher) == []
        name = student.login.title()
        teacher.get_by_role("button", name=f"Approve {name}'s request").click()
        row.get_by_test_id("decision-report").filter(has_text="Approved.").wait_for(
            timeout=TIMEOUT_MS
        )

        # No reload: the server's poke makes the student's app pull the decision.
        card.get_by_text("Approved", exact=True).wait_for(timeout=TIMEOUT_MS)
        on_phone.screenshot(path=str(artifacts / "student-approved.png"), full_page=True)
    finally:
        student_context.close()
        teacher_context.close()


def test_the_queue_opened_once_shows_offline_and_decisions_wait_for_a_connection(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    goal = goal_args(
        str(uuid.uuid4()),
        title="Learn the periodic table",
        unit="lessons",
        target=10,
        start_date="2026-11-01",
        deadline="2026-12-31",
        class_id=room.class_id,
    )
    response = push(student.api, new_client_id(), (1, "goal.create", goal))
    assert response.json()["results"][0]["outcome"] == "applied", response.text
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, room.teacher.login, heading=f"Hello, {room.teacher.login.title()}")
        row = page.get_by_test_id("roster-row").filter(has_text="Learn the periodic table")
        row.wait_for(timeout=TIMEOUT_MS)

        reload_offline(context, page)
        section = page.get_by_test_id("roster")
        saved_copy_line(section)
        row.wait_for()
        name = student.login.title()
        page.get_by_label(f"Select {name}").check()
        approve = page.get_by_role("button", name="Approve selected (1)")
        assert approve.is_disabled()
        assert page.get_by_role("button", name="Return selected (1)").is_disabled()
        assert page.get_by_role("button", name=f"Approve {name}'s request").is_disabled()
        section.get_by_text("Approving and returning need a connection.").wait_for()
        page.screenshot(path=str(artifacts / "teacher-queue-offline.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []

        # The selection made offline is still there once the connection is back.
        back_online(context, page)
        page.wait_for_function(
            "() => [...document.querySelectorAll('button')].some("
            "(b) => b.textContent === 'Approve selected (1)' && !b.disabled)",
            timeout=TIMEOUT_MS,
        )
        approve.click()
        row.get_by_test_id("decision-report").filter(has_text="Approved.").wait_for(
            timeout=TIMEOUT_MS
        )
    finally:
        context.close()
