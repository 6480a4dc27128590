"""A class's learning objectives: what its students should be able to do, in the class's order."""

from piccolo.columns import ForeignKey, Integer, OnDelete, Serial, Timestamptz, Varchar
from piccolo.table import Table

from backend.classes.tables import SchoolClass


class Objective(Table):
    """One learning objective of a class; its students' mastery of it is a synced record."""

    id = Serial(primary_key=True)

    school_class = ForeignKey(references=SchoolClass, on_delete=OnDelete.cascade, index=True)
    code = Varchar(length=20, default="")
    title = Varchar(length=200)
    position = Integer()
    created_at = Timestamptz()
