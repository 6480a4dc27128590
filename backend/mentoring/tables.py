"""Who mentors whom, and the check-in notes a mentor keeps with a student."""

from piccolo.columns import Boolean, ForeignKey, OnDelete, Serial, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import User


class Mentorship(Table):
    """A student's mentor: one teacher of the student's school (unique per student)."""

    id = Serial(primary_key=True)

    student = ForeignKey(references=User, on_delete=OnDelete.cascade, unique=True)
    mentor = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    assigned_by = ForeignKey(references=User, on_delete=OnDelete.set_null, null=True)
    created_at = Timestamptz()


class MentorNote(Table, tablename="mentor_note"):
    """A check-in note: what the mentor and the student talked about and agreed to do next.

    The student reads every note about them; parents only those the student shares.
    """

    id = Serial(primary_key=True)

    student = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    author = ForeignKey(references=User, on_delete=OnDelete.set_null, null=True)
    body = Varchar(length=1000)
    next_steps = Varchar(length=500, default="")
    shared_with_parents = Boolean(default=False)
    created_at = Timestamptz()
