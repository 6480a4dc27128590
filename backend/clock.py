"""Wall-clock time, in one place so tests and rules agree on what "now" means."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)
