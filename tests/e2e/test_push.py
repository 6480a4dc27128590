"""A parent's summary push: sent by the server, shown as a notification, opened by a tap.

The chain is real except for the last network hop: the server encrypts and sends the push to
the tests' local push service (which checks VAPID and decrypts it, as a real one would), and the
test hands the message the service received to Chromium's service worker through CDP, as the
browser's push service would. Chromium shows it through the desktop's notification server
(`desktop`), and the tap comes from there too.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import TIMEOUT_MS, sign_in, wait_until_offline_ready
from tests.e2e.desktop_notifications import DesktopNotifications, Shown
from tests.e2e.summaries import a_day_of_work, daily_summary
from tests.integration.people import Person, classroom, parent_of, student_in
from tests.integration.push_service import PushService
from tests.integration.pushing import settings_of
from tests.integration.servers import Server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def push_service() -> Iterator[PushService]:
    with PushService().running() as service:
        yield service


def _summary_pushed(server: Server, service: PushService) -> tuple[Person, Person, int, str]:
    """A parent subscribed to pushes gets the daily summary of a child's day.

    Returns the parent, the child, the summary's id and the push message as the push service
    received it.
    """
    student = student_in(server.base_url, classroom(server.base_url))
    parent, _ = parent_of(server.base_url, student)
    key = parent.api.get("/api/push/vapid-public-key").json()["public_key"]
    service.expect(key, settings_of(server).vapid_subject)
    device = service.device()
    subscribed = parent.api.post("/api/push/subscriptions", json=device.subscription())
    assert subscribed.status_code == 201, subscribed.text
    digest_id = daily_summary(server, parent, a_day_of_work(student))
    [message] = service.wait_for(device)
    assert message["digest_id"] == digest_id
    return parent, student, digest_id, json.dumps(message)


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


def _deliver(page: Any, base_url: str, message: str) -> None:
    """Hand `message` to the page's service worker as an incoming push."""
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": base_url, "registrationId": _registration_id(page, cdp), "data": message},
    )


def _open_as_parent(context: Any, parent: Person) -> Any:
    context.grant_permissions(["notifications"])
    page = context.pages[0] if context.pages else context.new_page()
    sign_in(page, parent.login, heading=f"Hello, {parent.login.title()}")
    wait_until_offline_ready(page)
    return page


@dataclass(frozen=True)
class SummaryNotification:
    """A parent's summary, pushed to their open app and shown on the desktop."""

    parent: Person
    child: Person
    digest_id: int
    page: Any
    shown: Shown


def _summary_notification(
    context: Any, desktop: DesktopNotifications, server: Server, service: PushService
) -> SummaryNotification:
    parent, child, digest_id, message = _summary_pushed(server, service)
    page = _open_as_parent(context, parent)
    before = len(desktop.shown())
    _deliver(page, server.base_url, message)
    shown = desktop.wait_for(before + 1)[-1]
    pushed = json.loads(message)
    assert shown.summary == pushed["title"]
    # Chromium puts the site above the body.
    assert shown.body.endswith(pushed["body"])
    # What a lock screen shows is the gist: the child's first name and a status word, never a
    # goal, a time or a note.
    assert shown.body.endswith(f"{child.login.title()}: on track")
    for detail in ("Geometry", "50 min", "Sport"):
        assert detail not in shown.summary + shown.body
    return SummaryNotification(parent, child, digest_id, page, shown)


def _wait_closed(desktop: DesktopNotifications, shown: Shown) -> None:
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not desktop.is_closed(shown):
        assert time.monotonic() < deadline, "the tapped notification stayed on screen"
        time.sleep(0.05)


def _shows_summary(page: Any, digest_id: int, child: Person) -> None:
    page.wait_for_url(f"**/digests/{digest_id}", timeout=TIMEOUT_MS)
    summary = page.get_by_test_id("digest-child").filter(has_text=child.login.title())
    picture = summary.get_by_test_id("digest-picture")
    picture.get_by_text("Geometry", exact=True).wait_for(timeout=TIMEOUT_MS)
    picture.get_by_role("img", name=re.compile("^Study 50 min")).wait_for()


def test_tapping_a_summary_notification_opens_the_summary_in_the_open_app(
    chromium_profile: Any,
    desktop: DesktopNotifications,
    e2e_server: Server,
    push_service: PushService,
    artifacts: Path,
) -> None:
    pushed = _summary_notification(chromium_profile, desktop, e2e_server, push_service)
    desktop.tap(pushed.shown)

    _shows_summary(pushed.page, pushed.digest_id, pushed.child)
    assert chromium_profile.pages == [pushed.page], "the open app should be reused"
    _wait_closed(desktop, pushed.shown)
    pushed.page.screenshot(path=str(artifacts / "summary-from-notification.png"), full_page=True)


def test_tapping_a_summary_notification_with_the_app_closed_opens_it(
    chromium_profile: Any,
    desktop: DesktopNotifications,
    e2e_server: Server,
    push_service: PushService,
) -> None:
    pushed = _summary_notification(chromium_profile, desktop, e2e_server, push_service)
    pushed.page.close()
    with chromium_profile.expect_page(timeout=TIMEOUT_MS) as opened:
        desktop.tap(pushed.shown)

    _shows_summary(opened.value, pushed.digest_id, pushed.child)
    _wait_closed(desktop, pushed.shown)
