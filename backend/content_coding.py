"""Which pre-compressed copy of a file to send, by the Accept-Encoding header (RFC 9110)."""

from __future__ import annotations

from collections.abc import Sequence


def _weights(accept_encoding: str) -> dict[str, float]:
    weights: dict[str, float] = {}
    for item in accept_encoding.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        if not coding:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0  # a weight nobody can read accepts nothing
        weights[coding.lower()] = q
    return weights


def preferred_coding(accept_encoding: str | None, available: Sequence[str]) -> str | None:
    """The coding of `available` the client weighs highest, or None to send the file as it is.

    `available` is in the server's order of preference (smallest first), which breaks ties.
    A coding the client does not name is acceptable only through `*`; q=0 refuses it.
    """
    if not accept_encoding or not available:
        return None
    weights = _weights(accept_encoding)
    wildcard = weights.get("*", 0.0)
    best: str | None = None
    best_q = 0.0
    for coding in available:
        q = weights.get(coding, wildcard)
        if q > best_q:
            best, best_q = coding, q
    return best
