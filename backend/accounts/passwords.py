"""Password hashing with argon2id."""

from __future__ import annotations

import functools

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from backend.settings import get_settings


def _profile(name: str) -> PasswordHasher:
    """argon2-cffi's defaults are RFC 9106's low-memory profile (3 passes over 64 MiB).

    "fast-insecure" is argon2id at its minimum cost, for test servers that register thousands
    of accounts; it protects nothing and no deployment sets it. Each hash carries its own
    parameters, so either profile verifies hashes made under the other.
    """
    if name == "fast-insecure":
        return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    return PasswordHasher()


@functools.cache
def _hasher() -> tuple[PasswordHasher, str]:
    """The hasher of this process's setting, and a hash made with it for missing accounts."""
    hasher = _profile(get_settings().password_hashing)
    # Verifying against this when the account does not exist keeps the timing of a failed login
    # the same whether or not the login name is taken.
    return hasher, hasher.hash("waypoint-no-such-account")


def hash_password(password: str) -> str:
    """An argon2id hash with a fresh salt."""
    hasher, _ = _hasher()
    return hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """True when `password` matches; False for a wrong password or a missing account."""
    hasher, dummy_hash = _hasher()
    try:
        return hasher.verify(stored_hash or dummy_hash, password) and stored_hash is not None
    except (VerificationError, InvalidHashError):
        return False
