"""Hybrid logical clock timestamps encoded as sortable strings.

An HLC is ``"<wall ms, 13 digits>-<counter, 6 digits>-<client id>"``. The first two parts are
fixed width, so comparing two encoded clocks as plain strings (Python ``<``, JavaScript ``<``)
orders them by wall time, then counter, then client id. That one property is what merge rules rely
on: the later clock wins, and two devices can never produce equal clocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WALL_DIGITS = 13
COUNTER_DIGITS = 6
MAX_COUNTER = 10**COUNTER_DIGITS - 1

MAX_DRIFT_MS = 60 * 60 * 1000
"""How far ahead of the server's clock a device's wall time may be before it is clamped.

One hour covers a missed daylight-saving switch and ordinary drift of a device that has been
offline for weeks. A larger cap would let a device whose clock is set a day ahead win every
conflict for a day; a clamped clock is not rejected, the edit is simply ordered as if it happened
when it reached the server (after the device's earlier edits), and the caller records the event
so the user can be told to fix the clock.
"""

CLIENT_ID_PATTERN = r"[0-9A-Za-z_-]{1,64}"
HLC_PATTERN = rf"^\d{{{WALL_DIGITS}}}-\d{{{COUNTER_DIGITS}}}-{CLIENT_ID_PATTERN}$"
_HLC_RE = re.compile(HLC_PATTERN)
_CLIENT_RE = re.compile(rf"^{CLIENT_ID_PATTERN}$")


class InvalidClockError(ValueError):
    """Raised when a string is not a well-formed HLC."""


@dataclass(frozen=True, slots=True)
class Timestamp:
    """A decoded HLC: wall time in milliseconds, logical counter and the issuing client."""

    wall_ms: int
    counter: int
    client_id: str

    def encode(self) -> str:
        """Encode as the sortable string form."""
        if not 0 <= self.wall_ms < 10**WALL_DIGITS:
            raise InvalidClockError(f"wall time {self.wall_ms} out of range")
        if not 0 <= self.counter <= MAX_COUNTER:
            raise InvalidClockError(f"counter {self.counter} out of range")
        if not is_client_id(self.client_id):
            raise InvalidClockError(f"client id {self.client_id!r} is not allowed in a clock")
        return f"{self.wall_ms:0{WALL_DIGITS}d}-{self.counter:0{COUNTER_DIGITS}d}-{self.client_id}"


@dataclass(frozen=True, slots=True)
class Admission:
    """A clock accepted by the server, and whether it had to be clamped."""

    clock: str
    clamped: bool


def is_client_id(value: str) -> bool:
    """Whether `value` is a well-formed client id: the envelope's and the devices' one rule."""
    return _CLIENT_RE.fullmatch(value) is not None


def decode(clock: str) -> Timestamp:
    """Decode an encoded HLC, raising InvalidClockError when malformed."""
    if not _HLC_RE.match(clock):
        raise InvalidClockError(f"{clock!r} is not a hybrid logical clock")
    wall, counter, client_id = clock.split("-", 2)
    return Timestamp(int(wall), int(counter), client_id)


def is_valid(clock: str) -> bool:
    """Whether a string is a well-formed HLC."""
    return bool(_HLC_RE.match(clock))


def _next(wall_ms: int, counter: int, client_id: str) -> str:
    # Counter overflow is absorbed by borrowing one millisecond, which keeps clocks monotonic.
    if counter > MAX_COUNTER:
        return Timestamp(wall_ms + 1, 0, client_id).encode()
    return Timestamp(wall_ms, counter, client_id).encode()


def tick(local: str | None, now_ms: int, client_id: str) -> str:
    """Return the clock for a new local event, strictly after ``local``.

    ``local`` is the last clock this device issued or received (None on a fresh device).
    """
    if local is None:
        return Timestamp(now_ms, 0, client_id).encode()
    last = decode(local)
    if now_ms > last.wall_ms:
        return Timestamp(now_ms, 0, client_id).encode()
    return _next(last.wall_ms, last.counter + 1, client_id)


def receive(local: str | None, remote: str, now_ms: int, client_id: str) -> str:
    """Merge a clock seen from elsewhere so that every later ``tick`` is after it.

    Devices call this with the newest clock of the changes they pull. It never clamps: the server
    has already clamped far-future clocks on admission, so adopting them is safe, and it is what
    lets a device whose clock is hours behind still edit *after* what it has seen.
    """
    seen = decode(remote)
    last = decode(local) if local is not None else Timestamp(0, 0, client_id)
    wall = max(now_ms, seen.wall_ms, last.wall_ms)
    if wall == seen.wall_ms == last.wall_ms:
        counter = max(seen.counter, last.counter) + 1
    elif wall == seen.wall_ms:
        counter = seen.counter + 1
    elif wall == last.wall_ms:
        counter = last.counter + 1
    else:
        counter = 0
    return _next(wall, counter, client_id)


def admit(
    remote: str, now_ms: int, last: str | None = None, max_drift_ms: int = MAX_DRIFT_MS
) -> Admission:
    """Accept a device's clock on the server, clamping one too far in the future.

    ``last`` is the clock admitted for the same device's previous mutation in this push. A clock
    whose wall time is more than ``max_drift_ms`` ahead of ``now_ms`` becomes the first clock
    after both ``now_ms`` and ``last`` (and is flagged): pulling several edits back to "now"
    must not reorder them, or a device's later edit would lose to its earlier one. A clock not
    after ``last`` is moved after it for the same reason. Clocks behind the server are kept: an
    edit made offline days ago really is that old.
    """
    ts = decode(remote)
    clamped = ts.wall_ms - now_ms > max_drift_ms
    if not clamped and (last is None or remote > last):
        return Admission(remote, clamped=False)
    return Admission(tick(last, now_ms, ts.client_id), clamped=clamped)


def after(clock: str, floor: str | None) -> str:
    """``clock`` if it is later than ``floor``, else the first clock of its client after it.

    The merge rules lift an edit's clock above the values it knowingly replaces, so an edit
    whose clock was clamped still sorts after what its device had seen.
    """
    if floor is None or clock > floor:
        return clock
    return tick(floor, decode(floor).wall_ms, client_of(clock))


def client_of(clock: str) -> str:
    """The client id embedded in a clock."""
    return decode(clock).client_id


def wall_of(clock: str) -> int:
    """The wall time in milliseconds embedded in a clock."""
    return decode(clock).wall_ms
