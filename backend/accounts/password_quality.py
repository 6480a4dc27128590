"""Which new passwords are refused: too easy to guess, or built from the login.

The judgement is zxcvbn's (the Python port of Dropbox's estimator): it matches a password
against its shipped frequency lists of common and breached passwords, English words, names and
keyboard patterns, and estimates the guesses an attacker needs. Waypoint's own name and the
account's login and display name are given to it as words an attacker would try first.
"""

from __future__ import annotations

from typing import Final

from zxcvbn import zxcvbn

from backend.i18n.request_language import said, spoken
from backend.problems import field_error

MIN_SCORE: Final = 3
"""zxcvbn's "safely unguessable" (about 10^8 guesses and more): below it, refused."""

SERVICE_WORDS: Final = ("waypoint",)


def password_problem(password: str, *, login: str, display_name: str = "") -> str | None:
    """Why `password` is refused for this account, or None when it is good enough."""
    lowered = password.lower()
    if login and login.lower() in lowered:
        return said("problem.password.login")
    result = zxcvbn(password, user_inputs=[login, display_name, *SERVICE_WORDS])
    if result["score"] >= MIN_SCORE:
        return None
    if spoken() != "en":
        # zxcvbn explains in English only: other languages get the advice in their own words.
        return said("problem.password.weak")
    feedback = result["feedback"]
    warning = str(feedback.get("warning") or "").rstrip(".")
    hint = " ".join(str(s) for s in feedback.get("suggestions") or [])
    why = f" ({warning[0].lower()}{warning[1:]})" if warning else ""
    advice = hint or "Use three or four unrelated words."
    return f"is too easy to guess{why}. {advice}"


def require_strong_password(password: str, *, login: str, display_name: str = "") -> None:
    """Raise a 400 naming `password` and why, when it would be refused."""
    problem = password_problem(password, login=login, display_name=display_name)
    if problem:
        raise field_error("password", problem)
