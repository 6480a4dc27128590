"""Two devices of one student edit the same goal offline, reconnect, converge, and say so."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import TIMEOUT_MS, add_goal, sign_in, wait_for_status, wait_until_synced
from tests.e2e.conftest import PHONE
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


def _rename_goal(page: Any, new_title: str) -> None:
    card = page.get_by_test_id("goal")
    card.get_by_text("More", exact=True).click()
    card.get_by_role("button", name="Edit", exact=False).click()
    card.get_by_label("What do you want to achieve?").fill(new_title)
    card.get_by_role("button", name="Save").click()
    card.get_by_role("heading", name=new_title).wait_for()


def test_concurrent_offline_edits_converge_with_a_notice(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    phone = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    tablet = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        on_phone = phone.new_page()
        on_tablet = tablet.new_page()
        sign_in(on_phone, student.login)
        sign_in(on_tablet, student.login)

        add_goal(on_phone, "Read", 10)
        wait_until_synced(on_phone)
        # The tablet hears of the new goal through the server's poke, without a reload.
        on_tablet.get_by_role("link", name="Goals").click()
        on_tablet.get_by_test_id("goal").get_by_role("heading", name="Read").wait_for(
            timeout=TIMEOUT_MS
        )
        wait_until_synced(on_tablet)

        phone.set_offline(True)
        tablet.set_offline(True)
        _rename_goal(on_phone, "Read on the phone")
        on_phone.wait_for_timeout(20)
        _rename_goal(on_tablet, "Read on the tablet")
        wait_for_status(on_phone, "1 change waiting")
        wait_for_status(on_tablet, "1 change waiting")

        phone.set_offline(False)
        wait_until_synced(on_phone)
        tablet.set_offline(False)
        wait_until_synced(on_tablet)

        # The later edit wins on both devices, and the replaced value is reported on both.
        for page in (on_phone, on_tablet):
            page.get_by_test_id("goal").get_by_role("heading", name="Read on the tablet").wait_for(
                timeout=TIMEOUT_MS
            )
            notice = page.get_by_test_id("conflict-notice")
            notice.wait_for(timeout=TIMEOUT_MS)
            assert "Read on the phone" in notice.inner_text()
        on_phone.screenshot(path=str(artifacts / "phone-after-conflict.png"), full_page=True)

        on_phone.get_by_role("button", name="Got it").click()
        on_phone.get_by_test_id("conflict-notice").wait_for(state="detached")
    finally:
        phone.close()
        tablet.close()
