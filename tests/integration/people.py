"""Making people through the public API, the way real users arrive."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from tests.integration.client import Api

PASSWORD = "correct horse battery"


@dataclass
class Person:
    api: Api
    id: int
    login: str
    role: str


def unique_login(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def register(base_url: str, role: str, **fields: Any) -> Person:
    api = Api(base_url)
    login = fields.pop("login", None) or unique_login(role[:2])
    body = {
        "role": role,
        "login": login,
        "password": PASSWORD,
        "display_name": fields.pop("display_name", login.title()),
        **fields,
    }
    response = api.post("/api/auth/register", json=body)
    assert response.status_code == 201, response.text
    return Person(api=api, id=response.json()["id"], login=login, role=role)


@dataclass
class Classroom:
    teacher: Person
    class_id: int
    join_code: str


def classroom(base_url: str) -> Classroom:
    teacher = register(base_url, "teacher")
    created = teacher.api.post("/api/classes", json={"name": "Algebra"})
    assert created.status_code == 201, created.text
    return Classroom(teacher, created.json()["id"], created.json()["join_code"])


def student_in(base_url: str, room: Classroom) -> Person:
    return register(base_url, "student", join_code=room.join_code)


def parent_of(base_url: str, student: Person) -> tuple[Person, int]:
    """A parent linked to `student` through an invite the student issued; returns the link id."""
    parent = register(base_url, "parent")
    code = student.api.post("/api/guardian-invites", json={}).json()["code"]
    link = parent.api.post("/api/guardian-links", json={"code": code})
    assert link.status_code == 201, link.text
    return parent, int(link.json()["id"])
