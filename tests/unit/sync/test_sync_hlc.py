"""Properties of the hybrid logical clock."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sync import hlc

walls = st.integers(0, 10**13 - 2)
counters = st.integers(0, hlc.MAX_COUNTER)
clients = st.text(
    alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-",
    min_size=1,
    max_size=12,
)


def rank(clock: str) -> tuple[int, int]:
    """Wall time and counter: what must grow for an event to be later, whatever the client."""
    ts = hlc.decode(clock)
    return ts.wall_ms, ts.counter


@st.composite
def clocks(draw: st.DrawFn) -> str:
    return hlc.Timestamp(draw(walls), draw(counters), draw(clients)).encode()


@given(clocks(), clocks())
def test_string_order_equals_clock_order(a: str, b: str) -> None:
    ta, tb = hlc.decode(a), hlc.decode(b)
    assert (a < b) == (
        (ta.wall_ms, ta.counter, ta.client_id) < (tb.wall_ms, tb.counter, tb.client_id)
    )


@given(clocks(), walls, clients)
def test_tick_is_always_after_the_last_clock(local: str, now: int, client: str) -> None:
    ticked = hlc.tick(local, now, client)
    assert rank(ticked) > rank(local)


@given(st.none() | clocks(), clocks(), walls, clients)
def test_after_receive_next_edit_is_later_than_what_was_seen(
    local: str | None, remote: str, now: int, client: str
) -> None:
    received = hlc.receive(local, remote, now, client)
    edit = hlc.tick(received, now, client)
    assert rank(edit) > rank(remote)
    assert edit > remote


@given(clocks(), walls)
def test_admitted_clock_is_never_far_ahead_of_the_server(remote: str, now: int) -> None:
    admitted = hlc.admit(remote, now)
    assert hlc.wall_of(admitted.clock) - now <= hlc.MAX_DRIFT_MS
    assert admitted.clamped == (admitted.clock != remote)
    assert hlc.client_of(admitted.clock) == hlc.client_of(remote)


@given(st.lists(st.tuples(st.integers(0, 3 * hlc.MAX_DRIFT_MS), counters), min_size=1), walls)
def test_admitted_clocks_of_one_push_keep_the_devices_order(
    steps: list[tuple[int, int]], now: int
) -> None:
    # A device's clocks only grow; clamped or not, the server must keep their order.
    device: str | None = None
    last: str | None = None
    for wall, counter in steps:
        device = hlc.tick(device, min(now + wall, 10**13 - 2), "phone")
        if counter % 2:
            device = hlc.tick(device, 0, "phone")
        admitted = hlc.admit(device, now, last)
        assert last is None or admitted.clock > last
        if admitted.clamped:
            # Pulled back to the server's time, or just after the device's previous clock.
            floor = max(now, hlc.wall_of(last) if last is not None else now)
            assert hlc.wall_of(admitted.clock) <= floor + 1
        last = admitted.clock


@given(clocks(), st.none() | clocks())
def test_after_is_later_than_the_floor_and_keeps_the_client(clock: str, floor: str | None) -> None:
    lifted = hlc.after(clock, floor)
    assert floor is None or lifted > floor
    assert lifted >= clock
    assert hlc.client_of(lifted) == hlc.client_of(clock)
