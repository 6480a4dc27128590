"""A teacher selects several students' new goals and returns them at once, each with the comment
written in its own row, and each open app shows its goal as returned with the teacher's words."""

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
    wait_until_synced,
)
from tests.e2e.conftest import PHONE
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, push

pytestmark = pytest.mark.e2e

COMMENT = "Aim for 12 by the end of term, then we can raise it."


def test_returning_goals_in_bulk_reaches_each_students_open_app(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    amir = student_in(e2e_server.base_url, room)
    dana = student_in(e2e_server.base_url, room)
    proposed = push(
        dana.api,
        new_client_id(),
        (
            1,
            "goal.create",
            goal_args(str(uuid.uuid4()), title="Forty essays", class_id=dana.class_id),
        ),
    )
    assert proposed.json()["results"][0]["outcome"] == "applied", proposed.text
    student_context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    teacher_context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        phone = student_context.new_page()
        sign_in(phone, amir.login)
        card = add_goal(phone, "Thirty novels", 30, class_name="Algebra")
        wait_until_synced(phone)
        card.get_by_text("Waiting for approval").wait_for()

        teacher = teacher_context.new_page()
        sign_in(teacher, room.teacher.login, heading=f"Hello, {room.teacher.login.title()}")
        rows = teacher.get_by_test_id("roster-row")
        rows.filter(has_text="Thirty novels").wait_for(timeout=TIMEOUT_MS)
        rows.filter(has_text="Forty essays").wait_for(timeout=TIMEOUT_MS)
        teacher.get_by_label("Select all 2 shown with decisions waiting").check()
        for student in (amir, dana):
            name = student.login.title()
            teacher.get_by_label(f"Comment for {name}", exact=False).fill(COMMENT)
        teacher.get_by_role("button", name="Return selected (2)").click()
        reports = teacher.get_by_test_id("decision-report")
        reports.filter(has_text="Thirty novels").filter(
            has_text="Returned to the student."
        ).wait_for(timeout=TIMEOUT_MS)
        reports.filter(has_text="Forty essays").filter(
            has_text="Returned to the student."
        ).wait_for()
        teacher.get_by_test_id("decision-summary").filter(has_text="2 returned.").wait_for()
        teacher.screenshot(path=str(artifacts / "teacher-returned.png"), full_page=True)
        assert serious_axe_violations(teacher) == []

        # No reload: the poke brings the decision and the comment to the student's open app.
        card.get_by_text("Returned by your teacher").wait_for(timeout=TIMEOUT_MS)
        card.get_by_text(f"Your teacher wrote: “{COMMENT}”").wait_for()
        phone.screenshot(path=str(artifacts / "student-returned.png"), full_page=True)

        # The other student's copy says the same, as the server reports it to her device.
        pulled = dana.api.post(
            "/api/sync/pull", json={"protocol_version": 1, "client_id": new_client_id()}
        ).json()
        goal = next(c for c in pulled["changes"] if c["fields"].get("title") == "Forty essays")
        assert goal["fields"]["status"] == "returned"
    finally:
        student_context.close()
        teacher_context.close()
