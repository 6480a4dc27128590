"""Join codes: short, unambiguous to read aloud, and rotatable by the teacher."""

from __future__ import annotations

import secrets

from litestar.exceptions import NotFoundException

from backend.classes.tables import SchoolClass
from backend.i18n.request_language import said

# No 0/O, 1/I/L: codes are read off a board and typed on phones.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8


def new_join_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(code: str) -> str:
    """Codes are matched without case, spaces or dashes, as people type them."""
    return code.upper().replace(" ", "").replace("-", "")


async def find_class_by_join_code(code: str) -> int:
    """The class id for a join code, or 404 saying what to do."""
    rows = await SchoolClass.select(SchoolClass.id).where(SchoolClass.join_code == normalise(code))
    if not rows:
        raise NotFoundException(detail=said("problem.join_code_unknown"))
    return int(rows[0]["id"])
