"""Guardian links between parents and students, and the one-time invites that make them."""

from piccolo.columns import ForeignKey, OnDelete, Serial, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import User


class GuardianInvite(Table):
    """A one-time code a student (or their teacher) issues for a parent; only its hash is kept."""

    id = Serial(primary_key=True)

    code_hash = Varchar(length=64, unique=True)
    student = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    issued_by = ForeignKey(references=User, on_delete=OnDelete.cascade)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class GuardianLink(Table):
    """A parent may see this student's summaries (unique per parent and student)."""

    id = Serial(primary_key=True)

    parent = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    student = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz()
