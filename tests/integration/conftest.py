"""Fixtures shared by the API tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.push_service import PushService


@pytest.fixture(scope="module")
def service() -> Iterator[PushService]:
    """A local push service that checks VAPID and decrypts what it receives, one per module."""
    with PushService().running() as svc:
        yield svc
