"""Classes, their teachers' approval policy, and enrolments."""

from piccolo.columns import Boolean, ForeignKey, Integer, OnDelete, Serial, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import User
from backend.schools.tables import School


class SchoolClass(Table, tablename="school_class"):
    """A class of one school, owned by one of its teachers; students join it with its code."""

    id = Serial(primary_key=True)

    teacher = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    name = Varchar(length=80)
    join_code = Varchar(length=16, unique=True)
    # Approval policy: which student goal changes wait for the teacher.
    approve_new_goals = Boolean(default=True)
    approve_target_decrease = Boolean(default=True)
    approve_abandon = Boolean(default=True)
    deadline_shift_free_days = Integer(default=7)
    created_at = Timestamptz()
    school = ForeignKey(references=School, on_delete=OnDelete.restrict, null=True, index=True)
    # A homeroom class's teacher may assign mentors to its students (often themselves).
    homeroom = Boolean(default=False)


class Enrolment(Table):
    """A student's membership of a class (unique per class and student)."""

    id = Serial(primary_key=True)

    school_class = ForeignKey(references=SchoolClass, on_delete=OnDelete.cascade, index=True)
    student = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz()
