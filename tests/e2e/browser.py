"""What the browser tests do in a page: sign in, wait for sync state, check accessibility."""

from __future__ import annotations

import re
from typing import Any

from tests.integration.people import PASSWORD
from tests.integration.servers import REPO

TIMEOUT_MS = 20_000
AXE = REPO / "pwa" / "node_modules" / "axe-core" / "axe.min.js"


def sign_in(page: Any, login: str, heading: str = "Today") -> None:
    """Sign in through the sign-in screen and wait for the first screen."""
    page.goto("/")
    page.get_by_label("Login").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=TIMEOUT_MS)


def add_goal(
    page: Any,
    title: str,
    target: int,
    unit: str = "chapters",
    deadline: str = "2026-12-31",
    class_name: str | None = None,
) -> Any:
    """Add a goal on the Goals screen, in `class_name` (else the form's choice); its card."""
    page.get_by_role("link", name="Goals").click()
    page.get_by_role("button", name="New goal").click()
    if class_name is not None:
        form = page.get_by_role("form", name="Add a goal")
        # The student's classes come with the first pull; wait for this one to be offered.
        form.locator("select[name=class_id] option", has_text=class_name).wait_for(state="attached")
        form.get_by_label("Class", exact=True).select_option(label=class_name)
    page.get_by_label("What do you want to achieve?").fill(title)
    page.get_by_label("Target", exact=True).fill(str(target))
    page.get_by_label("Unit", exact=True).select_option(unit)
    page.get_by_label("Deadline").fill(deadline)
    page.get_by_role("button", name="Add a goal").click()
    card = page.get_by_test_id("goal").filter(has_text=title)
    card.wait_for()
    return card


def status_text(text: str) -> re.Pattern[str]:
    """`text` as the sync state line says it, case and all, starting a part of the line.

    A plain string would match case-insensitively anywhere, so "Synced" would be found in
    "Not synced yet" and a test would go on before the device had pulled anything.
    """
    return re.compile(rf"(^|· ){re.escape(text)}")


def wait_for_status(page: Any, text: str) -> None:
    """Wait until the sync state line says `text`."""
    page.get_by_test_id("sync-status").filter(has_text=status_text(text)).wait_for(
        timeout=TIMEOUT_MS
    )


def wait_until_synced(page: Any) -> None:
    """Wait until nothing is waiting and the last sync succeeded; no change may be refused."""
    page.get_by_test_id("sync-status").filter(has_not_text="waiting").filter(
        has_text=status_text("Synced")
    ).wait_for(timeout=TIMEOUT_MS)
    refused = page.locator(".syncbar .note").all_inner_texts()
    assert refused == [], refused


def wait_until_offline_ready(page: Any) -> None:
    """The service worker holds the app shell and controls the page."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=TIMEOUT_MS)


def client_id_of(page: Any) -> str:
    """This browser profile's sync client id, from the app's IndexedDB."""
    return str(
        page.evaluate(
            """() => new Promise((resolve, reject) => {
                const open = indexedDB.open("waypoint");
                open.onerror = () => reject(open.error);
                open.onsuccess = () => {
                    const meta = open.result.transaction("meta").objectStore("meta");
                    const get = meta.get("client_id");
                    get.onsuccess = () => resolve(get.result);
                };
            })"""
        )
    )


def pull_everything(api: Any, client_id: str) -> list[dict[str, Any]]:
    """Every record the API's signed-in user may see, paging to the end."""
    changes: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = api.post(
            "/api/sync/pull",
            json={"protocol_version": 1, "client_id": client_id, "cursor": cursor},
        )
        assert response.status_code == 200, response.text
        page = response.json()
        changes.extend(page["changes"])
        cursor = page["cursor"]
        if not page["has_more"]:
            return changes


def serious_axe_violations(page: Any) -> list[str]:
    """axe-core's serious and critical WCAG 2.x A/AA findings on the current page."""
    # Evaluated, not added as a <script>: the app's CSP refuses inline scripts, as it should.
    page.evaluate(AXE.read_text())
    result = page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}
        })"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def small_touch_targets(page: Any) -> list[str]:
    """Visible buttons, links and fields smaller than 44x44 CSS pixels.

    Checkboxes and radio buttons count by their label, which is the real touch target.
    """
    return list(
        page.evaluate(
            """() => [...document.querySelectorAll('button, a[href], input, select, textarea')]
                .filter((el) => el.offsetParent !== null && !el.closest('.skip'))
                .map((el) => {
                    const box = ['checkbox', 'radio'].includes(el.type) && el.closest('label')
                        ? el.closest('label') : el;
                    const r = box.getBoundingClientRect();
                    return {name: el.outerHTML.slice(0, 80), w: r.width, h: r.height};
                })
                .filter((t) => t.w < 44 || t.h < 44)
                .map((t) => `${t.name} is ${Math.round(t.w)}x${Math.round(t.h)}`)"""
        )
    )
