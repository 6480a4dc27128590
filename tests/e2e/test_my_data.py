"""A student takes their data, looks at who sees it, asks for erasure and cancels it by signing
in again."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import TIMEOUT_MS, serious_axe_violations, sign_in, small_touch_targets
from tests.e2e.conftest import PHONE
from tests.integration.database import query
from tests.integration.people import PASSWORD, classroom, parent_of, student_in
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, push

pytestmark = pytest.mark.e2e


def test_a_student_downloads_their_data_and_cancels_erasure_by_signing_in(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    student = student_in(e2e_server.base_url, classroom(e2e_server.base_url))
    parent_of(e2e_server.base_url, student)
    goal_id = str(uuid.uuid4())
    pushed = push(
        student.api, new_client_id(), (1, "goal.create", goal_args(goal_id, title="Read Abai"))
    )
    assert pushed.status_code == 200, pushed.text
    context = chromium.new_context(
        base_url=e2e_server.base_url, viewport=PHONE, accept_downloads=True
    )
    try:
        page = context.new_page()
        sign_in(page, student.login)
        # The first screen says, once, who sees what and where to change it.
        notice = page.get_by_test_id("privacy-notice")
        notice.get_by_text("Time you mark private shows only how long it was").wait_for()
        page.screenshot(path=str(artifacts / "privacy-notice.png"), full_page=False)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
        with page.expect_response("**/api/me/privacy-notice"):
            notice.get_by_role("button", name="Got it").click()
        page.reload()
        page.get_by_role("heading", name="Today", exact=True).wait_for(timeout=TIMEOUT_MS)
        assert page.get_by_test_id("privacy-notice").count() == 0
        page.get_by_role("link", name="Settings").click()
        # Who sees my data: the teacher of the class and the parent.
        viewers = page.get_by_test_id("viewers")
        viewers.get_by_text("teacher of Algebra").wait_for(timeout=TIMEOUT_MS)
        viewers.get_by_text("parent").first.wait_for()
        # And what they did: the parent's link is in the history.
        page.get_by_test_id("access-log").get_by_text("was linked to you as a parent").wait_for()

        section = page.get_by_role("region", name="My data", exact=True)
        section.get_by_label("Your password, to confirm").fill(PASSWORD)
        with page.expect_download(timeout=TIMEOUT_MS) as downloading:
            section.get_by_role("button", name="Download my data").click()
        saved = artifacts / "my-data.zip"
        downloading.value.save_as(saved)
        archive = zipfile.ZipFile(io.BytesIO(saved.read_bytes()))
        [goal] = json.loads(archive.read("records/goal.json"))
        assert (goal["id"], goal["fields"]["title"]) == (goal_id, "Read Abai")
        section.get_by_text("Your file is downloaded").wait_for()
        section.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "my-data.png"), full_page=False)
        assert serious_axe_violations(page) + small_touch_targets(page) == []

        section.get_by_label("Your password, to confirm").fill(PASSWORD)
        page.once("dialog", lambda dialog: dialog.accept())
        section.get_by_role("button", name="Erase my account").click()
        page.get_by_role("button", name="Sign in").wait_for(timeout=TIMEOUT_MS)
        [asked] = query(e2e_server, "SELECT erase_after FROM app_user WHERE id = $1", student.id)
        assert asked["erase_after"] is not None

        sign_in(page, student.login)
        [kept] = query(e2e_server, "SELECT erase_after FROM app_user WHERE id = $1", student.id)
        assert kept["erase_after"] is None
    finally:
        context.close()
