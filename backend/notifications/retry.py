"""What to do after a push attempt, from the push service's answer (RFC 8030).

2xx: delivered. 404/410: the subscription is gone; delete it. 413: the payload is too large,
which retrying cannot fix: give up and alert. 429: wait as long as Retry-After says. 5xx and
network failures: retry with exponential backoff until ``max_attempts``. Any other 4xx (bad
VAPID, bad request) is our bug: give up and alert.
"""

from __future__ import annotations

import email.utils
from typing import Final, Literal

import msgspec

Outcome = Literal["sent", "pending", "gone", "failed"]

MAX_RETRY_AFTER_MS: Final = 24 * 3600 * 1000


class RetryPolicy(msgspec.Struct, frozen=True, kw_only=True):
    max_attempts: int = 8
    backoff_base_ms: int = 30_000
    backoff_cap_ms: int = 3_600_000


class Decision(msgspec.Struct, frozen=True, kw_only=True):
    """``status`` of the outbox row next; ``next_attempt_ms`` when it stays pending."""

    status: Outcome
    reason: str
    next_attempt_ms: int = 0
    drop_subscription: bool = False
    alert: bool = False


def backoff_ms(attempts: int, policy: RetryPolicy) -> int:
    """Delay after the ``attempts``-th failed attempt: base, 2x base, 4x base ... up to the cap."""
    return int(min(policy.backoff_cap_ms, policy.backoff_base_ms * 2 ** max(attempts - 1, 0)))


def retry_after_ms(value: str | None, now_ms: int) -> int | None:
    """Retry-After as a delay in ms: delta-seconds or an HTTP date; None when absent or invalid."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(int(value) * 1000, MAX_RETRY_AFTER_MS)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0, min(int(when.timestamp() * 1000) - now_ms, MAX_RETRY_AFTER_MS))


def decide(
    status_code: int | None,
    retry_after: str | None,
    attempts: int,
    now_ms: int,
    policy: RetryPolicy,
) -> Decision:
    """The next state after attempt number ``attempts`` (1-based) got ``status_code``.

    ``status_code`` None means no answer: a timeout or a network error.
    """
    if status_code is not None and 200 <= status_code < 300:
        return Decision(status="sent", reason="accepted")
    if status_code in (404, 410):
        return Decision(status="gone", reason="subscription expired", drop_subscription=True)
    if status_code == 413:
        return Decision(status="failed", reason="payload too large", alert=True)
    retryable = status_code is None or status_code == 429 or status_code >= 500
    if not retryable:
        return Decision(status="failed", reason=f"rejected with {status_code}", alert=True)
    if attempts >= policy.max_attempts:
        return Decision(status="failed", reason="gave up after retries", alert=True)
    delay = backoff_ms(attempts, policy)
    if status_code == 429:
        delay = retry_after_ms(retry_after, now_ms) or delay
        return Decision(status="pending", reason="rate limited", next_attempt_ms=now_ms + delay)
    reason = "no answer" if status_code is None else f"server error {status_code}"
    return Decision(status="pending", reason=reason, next_attempt_ms=now_ms + delay)
