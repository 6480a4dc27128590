"""What happens after each answer a push service can give."""

from __future__ import annotations

import pytest

from backend.notifications.retry import RetryPolicy, backoff_ms, decide, retry_after_ms

POLICY = RetryPolicy(max_attempts=4, backoff_base_ms=1_000, backoff_cap_ms=5_000)
NOW = 1_800_000_000_000


@pytest.mark.parametrize("status", [200, 201, 202])
def test_accepted_is_done(status: int) -> None:
    assert decide(status, None, 1, NOW, POLICY).status == "sent"


@pytest.mark.parametrize("status", [404, 410])
def test_a_gone_subscription_is_dropped(status: int) -> None:
    decision = decide(status, None, 1, NOW, POLICY)
    assert (decision.status, decision.drop_subscription) == ("gone", True)


def test_too_large_is_not_retried_and_alerts() -> None:
    decision = decide(413, None, 1, NOW, POLICY)
    assert (decision.status, decision.alert) == ("failed", True)


@pytest.mark.parametrize("status", [400, 401, 403])
def test_other_client_errors_are_our_bug_and_alert(status: int) -> None:
    decision = decide(status, None, 1, NOW, POLICY)
    assert (decision.status, decision.alert) == ("failed", True)


@pytest.mark.parametrize("status", [None, 500, 502, 503])
def test_server_errors_and_timeouts_back_off_exponentially_up_to_the_cap(
    status: int | None,
) -> None:
    delays = [decide(status, None, n, NOW, POLICY).next_attempt_ms - NOW for n in (1, 2, 3)]
    assert delays == [1_000, 2_000, 4_000]
    assert backoff_ms(10, POLICY) == 5_000


def test_the_last_allowed_attempt_gives_up_and_alerts() -> None:
    decision = decide(503, None, 4, NOW, POLICY)
    assert (decision.status, decision.alert) == ("failed", True)


def test_429_waits_as_long_as_retry_after_says() -> None:
    assert decide(429, "120", 1, NOW, POLICY).next_attempt_ms == NOW + 120_000
    assert decide(429, None, 2, NOW, POLICY).next_attempt_ms == NOW + 2_000


def test_retry_after_is_seconds_or_an_http_date_and_never_absurd() -> None:
    assert retry_after_ms("30", NOW) == 30_000
    date_ms = retry_after_ms("Thu, 01 Jan 2026 00:01:00 GMT", 1_767_225_600_000)
    assert date_ms == 60_000
    assert retry_after_ms("999999999", NOW) == 24 * 3600 * 1000
    assert retry_after_ms("soon", NOW) is None
    assert retry_after_ms("", NOW) is None
