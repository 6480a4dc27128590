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
    """A parent may see this student's data once the link is confirmed (one per parent and
    student).

    A link from the student's own invite is confirmed when it is made; one from a teacher's
    invite waits until the student confirms it, or the school's administrator does for a young
    student, recording the school's consent. Until then the parent sees nothing of the student.
    """

    id = Serial(primary_key=True)

    parent = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    student = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz()
    # Who issued the invite the link was made from (the student, or a teacher).
    invited_by = ForeignKey(references=User, on_delete=OnDelete.set_null, null=True)
    confirmed_at = Timestamptz(null=True, default=None)
    confirmed_by = ForeignKey(references=User, on_delete=OnDelete.set_null, null=True)
    # "student" (the student confirmed or invited), "school" (an administrator, with the
    # school's consent on record), or "existing" (made before links needed confirming).
    consent = Varchar(length=16, default="")
    consent_note = Varchar(length=200, default="")
