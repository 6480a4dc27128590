"""Opening the app on a device that remembers its person starts one sync, not one per copy of the
account: the remembered copy draws the first screen, the server's confirmation keeps it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.browser import sign_in, wait_for_status
from tests.e2e.conftest import PHONE
from tests.integration.people import classroom, register, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e

SETTLE_MS = 2500


def _opened_streams(context: Any, hash_: str) -> list[str]:
    """The sync event streams a new tab opens in its first seconds at `hash_`."""
    page = context.new_page()
    streams: list[str] = []
    page.on("request", lambda r: streams.append(r.url) if "/api/sync/events" in r.url else None)
    page.goto(f"/{hash_}")
    page.wait_for_timeout(SETTLE_MS)
    page.close()
    return streams


@pytest.mark.parametrize("role", ["student", "teacher"])
def test_an_app_opened_again_starts_one_sync(chromium: Any, e2e_server: Server, role: str) -> None:
    room = classroom(e2e_server.base_url)
    person = room.teacher if role == "teacher" else student_in(e2e_server.base_url, room)
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        heading = "Today" if role == "student" else f"Hello, {person.login.title()}"
        sign_in(page, person.login, heading=heading)
        wait_for_status(page, "Synced")
        page.close()
        assert len(_opened_streams(context, "#/")) == 1
    finally:
        context.close()


def test_a_person_signed_in_afresh_starts_one_sync(chromium: Any, e2e_server: Server) -> None:
    person = register(e2e_server.base_url, "teacher")
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        page = context.new_page()
        streams: list[str] = []
        page.on("request", lambda r: streams.append(r.url) if "/api/sync/events" in r.url else None)
        sign_in(page, person.login, heading=f"Hello, {person.login.title()}")
        wait_for_status(page, "Synced")
        page.wait_for_timeout(SETTLE_MS)
        assert len(streams) == 1
    finally:
        context.close()
