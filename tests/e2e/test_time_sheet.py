"""Time on a phone and a laptop: study and free time logged in one sheet, an entry edited, an
overlap flagged, and a 25-minute focus round with a pause that logs only what ran. Each walk keeps
its screenshots, measures layout shift and finds no axe violations."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import (
    AXE,
    TIMEOUT_MS,
    client_id_of,
    pull_everything,
    sign_in,
    small_touch_targets,
    wait_for_status,
    wait_until_synced,
)
from tests.e2e.conftest import PHONE
from tests.integration.people import Person, classroom, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e

LAPTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "laptop": LAPTOP}

# Every document sums its layout shifts that no input caused, as CLS counts them.
CLS_OBSERVER = """
window.__cls = 0;
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@dataclass
class Walk:
    page: Any
    person: Person
    size: str


@pytest.fixture(params=sorted(VIEWPORTS))
def walk(
    request: pytest.FixtureRequest, chromium: Any, e2e_server: Server, artifacts: Path
) -> Iterator[Walk]:
    """A signed-in student's page at phone or laptop size, its clock under the test's control."""
    (artifacts / f"layout-shift-{request.param}.txt").unlink(missing_ok=True)
    room = classroom(e2e_server.base_url)
    person = student_in(e2e_server.base_url, room)
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=VIEWPORTS[request.param])
    context.add_init_script(CLS_OBSERVER)
    page = context.new_page()
    page.clock.install()
    sign_in(page, person.login)
    wait_for_status(page, "Synced")
    yield Walk(page, person, request.param)
    context.close()


def axe_violations(page: Any) -> list[str]:
    """Every axe-core WCAG 2.x A/AA finding on the page, whatever its impact."""
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
        })"""
    )
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
    ]


def layout_shift(page: Any) -> float:
    return float(page.evaluate("window.__cls"))


def check(walk: Walk, artifacts: Path, name: str, show: str | None = None) -> None:
    """A screenshot for the record (scrolled to the heading `show`), then the screen as it is
    must pass axe and keep its touch targets."""
    page = walk.page
    if show is not None:
        page.get_by_role("heading", name=show).evaluate("e => e.scrollIntoView()")
    page.screenshot(path=str(artifacts / f"{name}-{walk.size}.png"))
    with (artifacts / f"layout-shift-{walk.size}.txt").open("a") as record:
        record.write(f"{name}: {layout_shift(page):.4f}\n")
    # From the top: axe counts a control scrolled under the sticky tab bar as too small a target.
    page.evaluate("window.scrollTo(0, 0)")
    assert axe_violations(page) == []
    assert small_touch_targets(page) == []


def until(condition: Callable[[], bool], page: Any) -> None:
    """Wait, checking now and then, until `condition` holds."""
    for _ in range(TIMEOUT_MS // 100):
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError("still not so after the test's timeout")


def time_entries(walk: Walk) -> list[dict[str, Any]]:
    """The student's time entries on the server once this device has synced, oldest first."""
    wait_until_synced(walk.page)
    records = pull_everything(walk.person.api, client_id_of(walk.page))
    entries = [r["fields"] for r in records if r["kind"] == "time_entry" and not r["deleted"]]
    return sorted(entries, key=lambda f: str(f["started_at"]))


def test_study_and_free_time_are_logged_in_one_sheet_and_an_entry_is_edited(
    walk: Walk, artifacts: Path
) -> None:
    page = walk.page
    page.get_by_role("link", name="Time").click()
    page.get_by_role("heading", name="Recent entries").wait_for()
    page.wait_for_timeout(500)  # let the first paint settle before the first measure
    assert layout_shift(page) < 0.1
    check(walk, artifacts, "time")

    page.get_by_role("button", name="Log time").click()
    sheet = page.get_by_role("dialog", name="Log time")
    sheet.get_by_label("45 min", exact=True).check()
    sheet.get_by_test_id("sheet-span").wait_for()
    check(walk, artifacts, "sheet-study")
    sheet.get_by_role("button", name="Save and add another").click()
    sheet.get_by_role("status").filter(has_text="Logged 45 min study").wait_for()

    # The next entry ends when the study began, so the two do not overlap.
    sheet.get_by_label("Free time", exact=True).check()
    sheet.get_by_label("Sport", exact=True).check()
    sheet.get_by_label("30 min", exact=True).check()
    assert sheet.get_by_label(re.compile(r"^Ended when the study began")).is_checked()
    assert sheet.get_by_test_id("overlap-warning").count() == 0
    check(walk, artifacts, "sheet-free")
    sheet.get_by_role("button", name="Log it", exact=True).click()
    sheet.wait_for(state="hidden")
    entries = page.get_by_test_id("time-entry")
    entries.filter(has_text="Study · 45 min").wait_for()
    entries.filter(has_text="Free time: Sport · 30 min").wait_for()
    assert page.get_by_text("overlaps another entry").count() == 0

    # Ended just now, 30 minutes overlap the study: the sheet says so and still saves it.
    page.get_by_role("button", name="Log time").click()
    warning = sheet.get_by_test_id("overlap-warning")
    warning.filter(has_text="This overlaps study").wait_for()
    check(walk, artifacts, "sheet-overlap")
    sheet.get_by_role("button", name="Log it anyway").click()
    sheet.wait_for(state="hidden")
    page.get_by_test_id("time-entry").filter(has_text="overlaps another entry").first.wait_for()
    assert page.get_by_test_id("time-entry").filter(has_text="overlaps another entry").count() == 2

    # The overlapping entry becomes an hour of rest before everything else.
    page.get_by_test_id("time-entry").filter(has_text="overlaps another entry").filter(
        has_not_text="45 min"
    ).get_by_role("button", name="Edit").click()
    edit = page.get_by_role("dialog", name="Edit entry")
    edit.get_by_label("Free time", exact=True).check()
    edit.get_by_label("Rest", exact=True).check()
    edit.get_by_label("1 h", exact=True).check()
    three_hours_ago = page.evaluate(
        "new Date(Date.now() - 3 * 3600e3 - new Date().getTimezoneOffset() * 60e3)"
        ".toISOString().slice(0, 16)"
    )
    edit.get_by_label("Started at").fill(three_hours_ago)
    edit.get_by_role("button", name="Save changes").click()
    edit.wait_for(state="hidden")
    page.get_by_test_id("time-entry").filter(has_text="Free time: Rest").wait_for()
    page.get_by_test_id("time-entry").filter(has_text="overlaps another entry").wait_for(
        state="detached"
    )
    assert layout_shift(page) < 0.1
    check(walk, artifacts, "time-logged")

    logged = time_entries(walk)
    assert [(f["kind"], f["category"], f["minutes"]) for f in logged] == [
        ("free", "rest", 60),
        ("free", "sport", 30),
        ("study", None, 45),
    ]


def test_a_25_minute_focus_round_with_a_pause_logs_what_ran_and_then_a_break(
    walk: Walk, artifacts: Path
) -> None:
    page = walk.page
    timer = page.get_by_test_id("timer")
    assert page.get_by_label("25 min + 5 min break").is_checked()
    page.get_by_role("button", name="Start focus").click()
    timer.filter(has_text=re.compile(r"^2[45]:")).wait_for()
    check(walk, artifacts, "focus-running", "Focus timer")

    page.clock.fast_forward("05:00")
    timer.filter(has_text=re.compile(r"^(19|20):")).wait_for()
    page.get_by_role("button", name="Pause").click()
    # Paused for ten minutes: none of them counts.
    page.clock.fast_forward("10:00")
    timer.filter(has_text=re.compile(r"^(19|20):")).wait_for()
    page.get_by_text("Paused").wait_for()
    check(walk, artifacts, "focus-paused", "Focus timer")
    page.get_by_role("button", name="Resume").click()
    # The status line says "Synced" until the click's change is stored, so what is waited for is
    # the resumed run on the server: by then the device has stored the timer too.
    page.get_by_role("button", name="Pause").wait_for()
    until(lambda: any(f["running"] for f in time_entries(walk)), page)

    # The phone sleeps through the end of the focus: it ended on time all the same.
    page.reload()
    page.get_by_role("button", name="Pause").wait_for(timeout=TIMEOUT_MS)
    page.clock.fast_forward("22:00")
    page.get_by_test_id("break-timer").filter(has_text=re.compile(r"^0[23]:")).wait_for()
    page.get_by_text("25 min of study logged").wait_for()
    assert layout_shift(page) < 0.1
    check(walk, artifacts, "focus-break", "Focus timer")

    page.clock.fast_forward("05:00")
    page.get_by_role("status").filter(has_text="Break over").wait_for()
    page.get_by_role("button", name="Start focus").wait_for()
    check(walk, artifacts, "focus-done", "Focus timer")
    assert layout_shift(page) < 0.1

    logged = time_entries(walk)
    assert [(f["kind"], f["minutes"], f["running"]) for f in logged] == [
        ("study", 5, False),
        ("study", 20, False),
    ]


def test_a_three_second_focus_run_logs_nothing(walk: Walk) -> None:
    page = walk.page
    page.get_by_role("button", name="Start focus").click()
    page.clock.fast_forward("00:03")
    page.get_by_role("button", name="Stop").click()
    page.get_by_role("status").filter(has_text="nothing was logged").wait_for()
    assert time_entries(walk) == []
