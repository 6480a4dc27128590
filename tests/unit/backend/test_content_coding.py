"""Choosing a pre-compressed copy from Accept-Encoding."""

from __future__ import annotations

import pytest

from backend.content_coding import preferred_coding

BOTH = ["br", "gzip"]


@pytest.mark.parametrize(
    ("accept", "chosen"),
    [
        ("gzip, deflate, br", "br"),  # what browsers send: the server's preference breaks ties
        ("GZIP", "gzip"),  # codings are case-insensitive
        ("br;q=0.5, gzip", "gzip"),
        ("br; q=0.9 , gzip ;q=0.8", "br"),
        ("br;q=0, gzip;q=0", None),
        ("*", "br"),
        ("*;q=0.1, br;q=0", "gzip"),
        ("*;q=0", None),
        ("identity", None),
        ("deflate", None),
        ("", None),
        (None, None),
        ("br;q=nonsense, gzip", "gzip"),
        (",,gzip,", "gzip"),
    ],
)
def test_the_best_weighted_coding_is_chosen(accept: str | None, chosen: str | None) -> None:
    assert preferred_coding(accept, BOTH) == chosen


def test_nothing_is_chosen_when_there_is_no_copy() -> None:
    assert preferred_coding("br, gzip", []) is None
    assert preferred_coding("br", ["gzip"]) is None
