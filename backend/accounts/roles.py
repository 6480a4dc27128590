"""The three roles; every account has exactly one."""

from enum import StrEnum


class Role(StrEnum):
    STUDENT = "student"
    PARENT = "parent"
    TEACHER = "teacher"
