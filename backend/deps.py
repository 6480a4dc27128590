"""Process-wide services handed to handlers by dependency injection."""

from __future__ import annotations

from dataclasses import dataclass

from backend.ratelimit import AttemptLimiter, CodeGuard, LoginThrottle
from backend.settings import Settings


@dataclass(frozen=True, slots=True)
class Services:
    """What handlers need beyond the request: settings and the attempt limiters."""

    settings: Settings
    login_throttle: LoginThrottle
    register_limiter: AttemptLimiter
    code_guard: CodeGuard
