"""Schools, the one-time invitations that make teachers, password-reset codes, and the limits a
school sets for its tracks."""

from typing import TYPE_CHECKING

from piccolo.columns import ForeignKey, Integer, OnDelete, Serial, Timestamptz, Varchar
from piccolo.columns.reference import LazyTableReference
from piccolo.table import Table

if TYPE_CHECKING:
    from backend.accounts.tables import User

# Accounts point at their school, so the school side names the account table lazily.
_USER = LazyTableReference("User", module_path="backend.accounts.tables")


class School(Table):
    """An organisation: its administrators, teachers, classes and students belong to it."""

    id = Serial(primary_key=True)

    name = Varchar(length=120, unique=True)
    created_at = Timestamptz()


class StaffInvite(Table):
    """A one-time code an administrator issues; registering with it makes a teacher there.

    Only the code's hash is kept, like session tokens: a leaked database cannot be redeemed.
    """

    id = Serial(primary_key=True)

    code_hash = Varchar(length=64, unique=True)
    school = ForeignKey(references=School, on_delete=OnDelete.cascade, index=True)
    issued_by: ForeignKey["User"] = ForeignKey(references=_USER, on_delete=OnDelete.cascade)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)
    used_by: ForeignKey["User"] = ForeignKey(
        references=_USER, on_delete=OnDelete.set_null, null=True
    )


class PasswordReset(Table):
    """A one-time code an administrator gives a student who forgot their password."""

    id = Serial(primary_key=True)

    code_hash = Varchar(length=64, unique=True)
    user: ForeignKey["User"] = ForeignKey(references=_USER, on_delete=OnDelete.cascade)
    issued_by: ForeignKey["User"] = ForeignKey(references=_USER, on_delete=OnDelete.cascade)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class TrackLimit(Table):
    """A school's own limits for one track (unique per school and track); a track without a row
    uses its defaults (``backend.schools.tracks.DEFAULTS``)."""

    id = Serial(primary_key=True)

    school = ForeignKey(references=School, on_delete=OnDelete.cascade)
    track = Varchar(length=20)
    heavy_study_minutes = Integer()
    scarce_free_minutes = Integer()
    updated_at = Timestamptz()
