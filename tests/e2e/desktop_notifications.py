"""A desktop notification server on a private D-Bus session bus, for the browser tests.

On Linux, Chromium shows a web notification by asking the desktop's notification server
(`org.freedesktop.Notifications` on the session bus) to display it, and learns that a person
tapped it from that server's `ActionInvoked` signal. This server stands in for the desktop: it
records what Chromium asks it to show and, when a test says so, reports a tap the way a real one
does. Chromium then dispatches a trusted `notificationclick` to the service worker, with the
user activation that lets the worker focus or open a window.
"""

from __future__ import annotations

import asyncio
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from dbus_fast.aio import MessageBus
from dbus_fast.annotations import DBusSignature
from dbus_fast.service import ServiceInterface, method, signal

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
# The freedesktop spec's key for activating the notification itself rather than a button.
DEFAULT_ACTION = "default"

# A bus of our own with nothing to start on demand: Chromium asks for the accessibility bus,
# and a session bus with service directories would launch it and leave it running.
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@dataclass(frozen=True)
class Shown:
    """One notification as the desktop received it."""

    id: int
    summary: str
    body: str
    actions: tuple[str, ...]


class _Server(ServiceInterface):
    """The `org.freedesktop.Notifications` interface, as much of it as Chromium uses.

    Method names are the D-Bus member names, so they follow the spec's spelling.
    """

    def __init__(self) -> None:
        super().__init__(NAME)
        self.lock = threading.Lock()
        self.shown: list[Shown] = []
        self.closed: set[int] = set()
        self._next_id = 1

    @method()
    def GetCapabilities(self) -> Annotated[list[str], DBusSignature("as")]:
        return ["actions", "body"]

    @method()
    def GetServerInformation(
        self,
    ) -> Annotated[list[str], DBusSignature("ssss")]:
        return ["waypoint-tests", "waypoint", "1", "1.2"]

    @method()
    def Notify(
        self,
        app_name: Annotated[str, DBusSignature("s")],
        replaces_id: Annotated[int, DBusSignature("u")],
        app_icon: Annotated[str, DBusSignature("s")],
        summary: Annotated[str, DBusSignature("s")],
        body: Annotated[str, DBusSignature("s")],
        actions: Annotated[list[str], DBusSignature("as")],
        hints: Annotated[dict[str, Any], DBusSignature("a{sv}")],
        expire_timeout: Annotated[int, DBusSignature("i")],
    ) -> Annotated[int, DBusSignature("u")]:
        with self.lock:
            notification_id = replaces_id or self._next_id
            self._next_id = max(self._next_id, notification_id) + 1
            # `actions` alternates keys and labels: keep the keys.
            self.shown.append(Shown(notification_id, summary, body, tuple(actions[::2])))
            return notification_id

    @method()
    def CloseNotification(
        self, notification_id: Annotated[int, DBusSignature("u")]
    ) -> Annotated[None, DBusSignature("")]:
        with self.lock:
            self.closed.add(notification_id)

    @signal()
    def ActionInvoked(self, invoked: list[Any]) -> Annotated[list[Any], DBusSignature("us")]:
        return invoked


class DesktopNotifications:
    """The running server: what it was asked to show, and a way to tap a notification."""

    def __init__(self, address: str, server: _Server, loop: asyncio.AbstractEventLoop) -> None:
        self.address = address
        self._server = server
        self._loop = loop

    def shown(self) -> list[Shown]:
        with self._server.lock:
            return list(self._server.shown)

    def wait_for(self, count: int = 1, timeout_s: float = 20) -> list[Shown]:
        """The notifications shown, once there are at least `count`."""
        deadline = time.monotonic() + timeout_s
        while len(shown := self.shown()) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{count} notification(s) expected, {len(shown)} shown")
            time.sleep(0.05)
        return shown

    def is_closed(self, shown: Shown) -> bool:
        with self._server.lock:
            return shown.id in self._server.closed

    def tap(self, shown: Shown) -> None:
        """Report that a person tapped the body of `shown`."""
        assert DEFAULT_ACTION in shown.actions, f"{shown} cannot be tapped"
        self._loop.call_soon_threadsafe(self._server.ActionInvoked, [shown.id, DEFAULT_ACTION])


@contextmanager
def desktop_notifications(folder: Path) -> Iterator[DesktopNotifications]:
    """A private session bus in `folder` with the notification server on it."""
    config = folder / "bus.conf"
    config.write_text(_BUS_CONFIG.format(folder=folder))
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address, "dbus-daemon did not start"
        thread.start()
        server = _Server()

        async def serve() -> MessageBus:
            bus = await MessageBus(bus_address=address).connect()
            bus.export(PATH, server)
            await bus.request_name(NAME)
            return bus

        bus = asyncio.run_coroutine_threadsafe(serve(), loop).result(timeout=10)
        try:
            yield DesktopNotifications(address, server, loop)
        finally:
            loop.call_soon_threadsafe(bus.disconnect)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        if thread.is_alive():
            thread.join(timeout=5)
        loop.close()
        daemon.terminate()
        daemon.wait(timeout=5)
