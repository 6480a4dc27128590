"""The four roles; every account has exactly one."""

from enum import StrEnum


class Role(StrEnum):
    STUDENT = "student"
    PARENT = "parent"
    TEACHER = "teacher"
    # A school administrator: invites teachers, sees staff, classes and links, resets passwords.
    ADMIN = "admin"
