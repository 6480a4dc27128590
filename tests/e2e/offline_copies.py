"""Screens that keep the last copy the server gave them: going offline, and what the device kept."""

from __future__ import annotations

from typing import Any

from tests.e2e.browser import TIMEOUT_MS, wait_until_offline_ready

SAVED_COPY = "This is the copy saved on this device, fetched today at"


def reload_offline(context: Any, page: Any) -> None:
    """Cut the network and reopen the page, which the service worker then serves."""
    wait_until_offline_ready(page)
    context.set_offline(True)
    page.reload()


def back_online(context: Any, page: Any) -> None:
    """Restore the network; the browser's `online` event makes screens ask the server again."""
    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")


def saved_copy_line(scope: Any) -> Any:
    """The line saying a screen shows its saved copy, once it is there."""
    line = scope.get_by_test_id("saved-copy").filter(has_text=SAVED_COPY)
    line.wait_for(timeout=TIMEOUT_MS)
    return line


def kept_copy_keys(page: Any) -> list[str]:
    """The API paths this browser profile keeps a copy of, from the app's IndexedDB."""
    return list(
        page.evaluate(
            """() => new Promise((resolve, reject) => {
                const open = indexedDB.open("waypoint");
                open.onerror = () => reject(open.error);
                open.onsuccess = () => {
                    const all = open.result.transaction("copies").objectStore("copies").getAll();
                    all.onsuccess = () => resolve(all.result.map((c) => c.key));
                    all.onerror = () => reject(all.error);
                };
            })"""
        )
    )
