"""One-time codes (teacher invitations, password resets): shown once, kept only as a hash."""

from __future__ import annotations

import secrets

from backend.accounts.sessions import token_hash
from backend.classes.codes import ALPHABET, normalise

CODE_LENGTH = 10


def new_code() -> str:
    """A code read aloud or copied from a screen: the join codes' unambiguous alphabet."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def code_hash(code: str) -> str:
    """The stored form, matched as people type: no case, spaces or dashes."""
    return token_hash(normalise(code))
