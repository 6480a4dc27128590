"""A student's settings: what their parents see, planned rest and study preferences offline."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest

from sync.records import check_in_id
from tests.e2e.browser import (
    TIMEOUT_MS,
    client_id_of,
    pull_everything,
    serious_axe_violations,
    sign_in,
    small_touch_targets,
    wait_for_status,
    wait_until_offline_ready,
    wait_until_synced,
)
from tests.e2e.conftest import PHONE
from tests.e2e.offline_copies import reload_offline, saved_copy_line
from tests.integration.people import classroom, parent_of, student_in
from tests.integration.servers import Server
from tests.integration.syncing import new_client_id, push

pytestmark = pytest.mark.e2e

PREFERENCES_NAMESPACE = uuid.UUID("0b6f3c1e-5a2d-4e8f-9b7c-3d1e2f4a5b6c")


def test_the_student_sees_what_their_parents_receive(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    student = student_in(e2e_server.base_url, classroom(e2e_server.base_url))
    parent, _ = parent_of(e2e_server.base_url, student)
    chosen = parent.api.put("/api/push/preferences", json={"frequency": "weekly"})
    assert chosen.status_code == 200, chosen.text
    started = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=3)).isoformat()
    response = push(
        student.api,
        new_client_id(),
        (
            1,
            "time.log",
            {"id": str(uuid.uuid4()), "kind": "study", "started_at": started, "minutes": 45},
        ),
        (
            2,
            "time.log",
            {
                "id": str(uuid.uuid4()),
                "kind": "free",
                "category": "friends",
                "started_at": started,
                "minutes": 30,
                "private": True,
                "note": "secret party",
            },
        ),
    )
    assert all(r["outcome"] == "applied" for r in response.json()["results"]), response.text
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, student.login)
        page.get_by_role("link", name="Settings").click()
        preview = page.get_by_test_id("parents-preview")
        preview.get_by_test_id("recipients").filter(
            has_text=f"{parent.login.title()}: once a week"
        ).wait_for(timeout=TIMEOUT_MS)
        preview.get_by_text("Your weekly Waypoint summary").wait_for()
        section = preview.get_by_test_id("digest-child")
        section.get_by_text("Study 45 min").wait_for()
        section.get_by_text("free time 30 min").wait_for()
        assert "secret party" not in preview.inner_text()
        assert "Friends" not in section.inner_text()
        preview.get_by_label("Daily").check()
        preview.get_by_text("Your daily Waypoint summary").wait_for(timeout=TIMEOUT_MS)
        page.screenshot(path=str(artifacts / "student-parents-preview.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
    finally:
        context.close()


def test_a_check_in_shared_with_parents_is_in_the_preview_of_their_summary(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    student = student_in(e2e_server.base_url, classroom(e2e_server.base_url))
    parent_of(e2e_server.base_url, student)
    year, number, _ = dt.datetime.now(dt.UTC).date().isocalendar()
    week = f"{year}-W{number:02d}"
    answers = {"week": week, "energy": 4, "stress": 2, "sleep": 3, "note": "Exams all week"}
    response = push(
        student.api,
        new_client_id(),
        (
            1,
            "checkin.set",
            {"id": check_in_id(student.id, week), **answers, "shared_with_parents": True},
        ),
    )
    assert response.json()["results"][0]["outcome"] == "applied", response.text
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, student.login)
        page.get_by_role("link", name="Settings").click()
        shared = page.get_by_test_id("parents-preview").get_by_test_id("digest-check-in")
        shared.get_by_text(
            "Energy: good (4/5) · stress: a little (2/5) · sleep: ok (3/5)"
        ).wait_for(timeout=TIMEOUT_MS)
        shared.get_by_text("Exams all week").wait_for()
        page.screenshot(path=str(artifacts / "student-preview-check-in.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []
    finally:
        context.close()


def test_the_preview_opened_once_is_shown_offline_with_when_it_was_fetched(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    student = student_in(e2e_server.base_url, classroom(e2e_server.base_url))
    parent, _ = parent_of(e2e_server.base_url, student)
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, student.login)
        page.get_by_role("link", name="Settings").click()
        preview = page.get_by_test_id("parents-preview")
        preview.get_by_text("Your weekly Waypoint summary").wait_for(timeout=TIMEOUT_MS)

        reload_offline(context, page)
        saved_copy_line(preview)
        preview.get_by_test_id("recipients").filter(has_text=parent.login.title()).wait_for()
        preview.get_by_text("Your weekly Waypoint summary").wait_for()
        page.screenshot(path=str(artifacts / "student-parents-preview-offline.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []

        # The daily preview was never opened on this device, so there is nothing to show.
        preview.get_by_label("Daily").check()
        preview.get_by_text("This preview has not been opened on this device yet").wait_for(
            timeout=TIMEOUT_MS
        )
        assert preview.get_by_test_id("recipients").count() == 0
    finally:
        context.close()


def test_rest_and_preferences_set_offline_reach_the_server(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    student = student_in(e2e_server.base_url, classroom(e2e_server.base_url))
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, student.login)
        wait_until_offline_ready(page)
        page.get_by_role("link", name="Settings").click()
        page.get_by_role("heading", name="Planned rest").wait_for()
        context.set_offline(True)

        page.get_by_label("From").first.fill("2026-12-28")
        page.get_by_label("To", exact=True).first.fill("2027-01-03")
        page.get_by_label("Reason").select_option("holiday")
        page.get_by_label("Note (optional)").fill("Winter break")
        page.get_by_role("button", name="Add rest").click()
        page.get_by_test_id("rest").filter(has_text="7 days").wait_for()

        page.get_by_label("Hours of study you can do in a week").fill("6")
        quiet = page.get_by_role("group", name="Quiet hours (no nudges)")
        quiet.get_by_label("From").fill("21:30")
        quiet.get_by_label("Until").fill("07:00")
        page.get_by_role("button", name="Save preferences").click()
        page.get_by_text("Saved.", exact=True).wait_for()
        wait_for_status(page, "2 changes waiting")
        page.screenshot(path=str(artifacts / "student-settings-offline.png"), full_page=True)
        assert serious_axe_violations(page) + small_touch_targets(page) == []

        page.reload()
        page.get_by_test_id("rest").filter(has_text="Winter break").wait_for(timeout=TIMEOUT_MS)
        context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        wait_until_synced(page)
        client_id = client_id_of(page)
    finally:
        context.close()
    records = pull_everything(student.api, client_id + "x")
    rest = [r["fields"] for r in records if r["kind"] == "rest" and not r["deleted"]]
    assert rest == [
        {
            "start_date": "2026-12-28",
            "end_date": "2027-01-03",
            "reason": "holiday",
            "note": "Winter break",
        }
    ]
    [prefs] = [r for r in records if r["kind"] == "preferences"]
    assert prefs["id"] == str(uuid.uuid5(PREFERENCES_NAMESPACE, f"preferences:{student.id}"))
    assert prefs["fields"]["weekly_study_hours"] == 6
    assert (prefs["fields"]["quiet_start"], prefs["fields"]["quiet_end"]) == ("21:30", "07:00")
