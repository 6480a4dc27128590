"""A push message delivered to the service worker shows a notification."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

from tests.e2e.browser import TIMEOUT_MS, sign_in, wait_until_offline_ready
from tests.e2e.conftest import PHONE
from tests.integration.people import classroom, student_in
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


def _registration_id(page: Any, cdp: Any) -> str:
    found: list[str] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: found.extend(
            r["registrationId"] for r in event["registrations"] if not r["isDeleted"]
        ),
    )
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not found and time.monotonic() < deadline:
        page.wait_for_timeout(50)  # lets Playwright deliver the CDP events
    assert found, "no service worker registration reported"
    return found[0]


def _notifications(page: Any) -> list[dict[str, Any]]:
    """The notifications the service worker shows, once there is at least one.

    Polled from Python: `wait_for_function` does not wait for an async predicate's promise.
    """
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while True:
        shown: list[dict[str, Any]] = page.evaluate(
            """async () => {
                const reg = await navigator.serviceWorker.ready;
                return (await reg.getNotifications()).map(
                    (n) => ({title: n.title, body: n.body, url: n.data && n.data.url}));
            }"""
        )
        if shown or time.monotonic() > deadline:
            return shown
        page.wait_for_timeout(100)


def test_a_push_message_shows_a_notification(chromium: Any, e2e_server: Server) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    context = chromium.new_context(base_url=e2e_server.base_url, viewport=PHONE)
    try:
        context.grant_permissions(["notifications"], origin=e2e_server.base_url)
        page = context.new_page()
        sign_in(page, student.login)
        wait_until_offline_ready(page)
        cdp = context.new_cdp_session(page)
        payload = {"title": "Weekly summary", "body": "Amir: 2 goals on track", "url": "/#/today"}
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {
                "origin": e2e_server.base_url,
                "registrationId": _registration_id(page, cdp),
                "data": json.dumps(payload),
            },
        )
        shown = _notifications(page)
        assert shown == [payload]
    finally:
        context.close()
