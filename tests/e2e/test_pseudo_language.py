"""Layouts hold longer words: with every word of the app 40% longer (as Kazakh and Russian words
often are), no screen of any role at 360x640 is cut, spills off the screen or overlaps."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import TIMEOUT_MS, sign_in, wait_for_status
from tests.e2e.conftest import PHONE
from tests.e2e.layout_problems import layout_problems
from tests.e2e.test_layout_shift import SCREENS, School, _first_heading, school
from tests.integration.people import Person
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e
__all__ = ["school"]

SETTLE_MS = 800


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_screen_holds_words_40_percent_longer_at_phone_size(
    chromium: Any, e2e_server: Server, school: School, artifacts: Path, screen: str
) -> None:
    who, hash_, _ = SCREENS[screen]
    person: Person = getattr(school, who)
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, person.login, heading=_first_heading(who, person))
        if who == "mentor":
            hash_ = f"#/mentees/{school.student.id}"
        wait_for_status(page, "Synced")
        page.evaluate("() => localStorage.setItem('pseudo-language', '1')")
        page.goto(f"/{hash_}")
        page.reload()
        page.locator("main h1").first.wait_for(timeout=TIMEOUT_MS)
        page.get_by_text(re.compile("ё")).first.wait_for(timeout=TIMEOUT_MS)
        page.wait_for_timeout(SETTLE_MS)
        page.screenshot(path=str(artifacts / f"{screen}-pseudo.png"), full_page=True)
        problems = layout_problems(page)
        assert problems == [], "\n".join(problems)
    finally:
        context.close()
