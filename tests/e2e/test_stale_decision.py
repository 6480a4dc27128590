"""A decision on a goal that changed after the teacher looked is not applied, and says so."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.e2e.browser import TIMEOUT_MS, sign_in
from tests.e2e.conftest import PHONE
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, push

pytestmark = pytest.mark.e2e


def test_approving_a_goal_edited_meanwhile_reports_it_in_plain_words(
    chromium: Any, e2e_server: Server
) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    goal_id = str(uuid.uuid4())
    device = new_client_id()
    created = push(
        student.api,
        device,
        (1, "goal.create", goal_args(goal_id, title="Essays", class_id=room.class_id)),
    )
    assert created.json()["results"][0]["outcome"] == "applied", created.text
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, room.teacher.login, heading=f"Hello, {room.teacher.login.title()}")
        row = page.get_by_test_id("roster-row").filter(has_text="Essays")
        row.wait_for(timeout=TIMEOUT_MS)
        # The student edits the draft while the teacher is looking at it; the teacher's screen
        # keeps what it showed (its reload on the server's poke is held back).
        page.route("**/api/approvals", lambda route: route.abort())
        edited = push(student.api, device, (2, "goal.update", {"id": goal_id, "target": 12}))
        assert edited.json()["results"][0]["outcome"] == "applied", edited.text
        page.get_by_role("button", name=f"Approve {student.login.title()}'s request").click()
        report = row.get_by_test_id("decision-report")
        report.filter(has_text="Not applied: the goal changed after you looked at it.").wait_for(
            timeout=TIMEOUT_MS
        )
        assert "Essays" in report.inner_text()
    finally:
        context.close()
