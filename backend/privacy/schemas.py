"""What a person sends to take or erase their data."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

CurrentPassword = Annotated[str, msgspec.Meta(min_length=1, max_length=128)]


class PasswordConfirmation(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The account's password, typed again for a step that cannot be taken back lightly."""

    password: CurrentPassword


class ErasureRequested(msgspec.Struct, kw_only=True):
    """The account is erased at ``erase_after``, unless its owner signs in before."""

    erase_after: dt.datetime


class StudentErasure(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """The student's login, typed to confirm which account goes."""

    login: Annotated[str, msgspec.Meta(min_length=1, max_length=64)]
