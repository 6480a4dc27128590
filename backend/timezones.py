"""IANA time zone names."""

import functools
import zoneinfo

from backend.problems import field_error


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def require_time_zone(name: str, field: str = "time_zone") -> str:
    """`name` if it is an IANA zone (e.g. Asia/Almaty), else a 400 naming the field."""
    if name not in _known():
        raise field_error(
            field,
            f"unknown time zone {name!r}; use an IANA name such as Europe/London or Asia/Almaty",
        )
    return name
