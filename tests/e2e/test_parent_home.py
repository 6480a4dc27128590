"""A parent sees each child's week and goals, and private time only as time."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import TIMEOUT_MS, serious_axe_violations, sign_in
from tests.e2e.conftest import PHONE
from tests.integration.people import classroom, parent_of, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


def _push(api: Any, client_id: str, mutations: list[tuple[str, dict[str, Any]]]) -> None:
    now = int(time.time() * 1000)
    body = {
        "protocol_version": 1,
        "client_id": client_id,
        "mutations": [
            {"mutation_id": i, "name": name, "args": args, "hlc": f"{now}-{i:06d}-{client_id}"}
            for i, (name, args) in enumerate(mutations, start=1)
        ],
    }
    response = api.post("/api/sync/push", json=body)
    assert response.status_code == 200, response.text
    outcomes = [r["outcome"] for r in response.json()["results"]]
    assert outcomes == ["applied"] * len(mutations), response.text


def test_parent_home_shows_the_childs_week_and_goals(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    student = student_in(e2e_server.base_url, classroom(e2e_server.base_url))
    parent, _ = parent_of(e2e_server.base_url, student)
    goal_id = str(uuid.uuid4())
    started = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).isoformat()
    deadline = (dt.datetime.now(dt.UTC).date() + dt.timedelta(days=30)).isoformat()
    _push(
        student.api,
        uuid.uuid4().hex,
        [
            (
                "goal.create",
                {
                    "id": goal_id,
                    "title": "Geometry",
                    "target": 10,
                    "unit": "lessons",
                    "deadline": deadline,
                },
            ),
            (
                "progress.add",
                {"id": str(uuid.uuid4()), "goal_id": goal_id, "amount": 2, "occurred_at": started},
            ),
            (
                "time.log",
                {"id": str(uuid.uuid4()), "kind": "study", "started_at": started, "minutes": 40},
            ),
            (
                "time.log",
                {
                    "id": str(uuid.uuid4()),
                    "kind": "free",
                    "category": "friends",
                    "started_at": started,
                    "minutes": 30,
                    "private": True,
                    "note": "cinema",
                },
            ),
        ],
    )
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        sign_in(page, parent.login, heading=f"Hello, {parent.login.title()}")
        child = (
            page.get_by_test_id("students")
            .get_by_role("listitem")
            .filter(has_text=student.login)
            .first
        )
        child.get_by_text("Geometry: 2 of 10 lessons").wait_for(timeout=TIMEOUT_MS)
        # The child's week runs from Monday 00:00 in their zone (UTC here), so an entry from two
        # hours ago counts whole unless this week began since.
        now = dt.datetime.now(dt.UTC)
        monday = dt.datetime.combine(
            now.date() - dt.timedelta(days=now.weekday()), dt.time(), tzinfo=dt.UTC
        )
        week_line = child.get_by_text("This week, since Monday:")
        week_line.wait_for(timeout=TIMEOUT_MS)
        if now - monday > dt.timedelta(hours=2, minutes=5):
            # Durations keep their number and unit together (a no-break space).
            words = week_line.inner_text().replace("\xa0", " ")
            assert "40 min of study and 30 min of free time" in words
        assert "cinema" not in page.content()
        page.get_by_label("How often").select_option("weekly")
        page.get_by_label("On", exact=True).select_option("5")
        page.get_by_role("button", name="Save").click()
        page.get_by_text("Saved.").wait_for(timeout=TIMEOUT_MS)
        page.screenshot(path=str(artifacts / "parent-home.png"), full_page=True)
        assert serious_axe_violations(page) == []
        saved = parent.api.get("/api/push/preferences").json()
        assert (saved["frequency"], saved["weekday"]) == ("weekly", 5)
    finally:
        context.close()
