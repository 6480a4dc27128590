"""Problem details responses."""

from __future__ import annotations

from backend.problems import problem


def _headers(status: int, given: dict[str, str] | None = None) -> dict[str, str]:
    return {k.lower(): v for k, v in problem(status, "detail", headers=given).headers.items()}


def test_a_503_always_says_when_to_come_back() -> None:
    assert _headers(503)["retry-after"] == "1"
    assert _headers(503, {"Retry-After": "5"})["retry-after"] == "5"
    assert "retry-after" not in _headers(409)
