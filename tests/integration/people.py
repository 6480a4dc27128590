"""Making people through the public API, the way real users arrive.

Teachers join a school only through an administrator's invitation, so each server gets one
school administrator (made with `waypoint admin create`, as an operator would) who invites every
teacher the tests register; `school_admin` makes the administrator of a further school.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from tests.integration.client import Api
from tests.integration.commands import waypoint
from tests.integration.servers import RUNNING

PASSWORD = "correct horse battery"


@dataclass
class Person:
    api: Api
    id: int
    login: str
    role: str
    class_id: int | None = None
    """For a student who registered with a join code: that class, for their class goals."""


def unique_login(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def sign_in(base_url: str, login: str, password: str = PASSWORD) -> Person:
    api = Api(base_url)
    response = api.post("/api/auth/login", json={"login": login, "password": password})
    assert response.status_code == 200, response.text
    body = response.json()
    return Person(api=api, id=body["id"], login=login, role=body["role"])


def school_admin(base_url: str, school: str | None = None) -> Person:
    """The administrator of a new school (or of `school`), created on the command line."""
    login = unique_login("ad")
    server = RUNNING[base_url]
    command = ["admin", "create", "--school", school or f"School {login}", "--login", login]
    waypoint(server, *command, stdin=PASSWORD + "\n")
    return sign_in(base_url, login)


_ADMINS: dict[str, Person] = {}


def administrator(base_url: str) -> Person:
    """This server's default school administrator (made once per server)."""
    if base_url not in _ADMINS:
        _ADMINS[base_url] = school_admin(base_url)
    return _ADMINS[base_url]


def teacher_invite(admin: Person) -> str:
    response = admin.api.post("/api/school/teacher-invites")
    if response.status_code == 401:
        # A test signed this administrator out everywhere; sign the shared one back in.
        admin.api = sign_in(admin.api.base_url, admin.login).api
        response = admin.api.post("/api/school/teacher-invites")
    assert response.status_code == 201, response.text
    return str(response.json()["code"])


def register(base_url: str, role: str, **fields: Any) -> Person:
    """A new account of `role`; a teacher is invited by `admin` (default: the server's)."""
    api = Api(base_url)
    login = fields.pop("login", None) or unique_login(role[:2])
    admin = fields.pop("admin", None)
    if role == "teacher" and "invite_code" not in fields:
        fields["invite_code"] = teacher_invite(admin or administrator(base_url))
    body = {
        "role": role,
        "login": login,
        "password": PASSWORD,
        "display_name": fields.pop("display_name", login.title()),
        **fields,
    }
    response = api.post("/api/auth/register", json=body)
    assert response.status_code == 201, response.text
    person = Person(api=api, id=response.json()["id"], login=login, role=role)
    if role == "student" and body.get("join_code"):
        [joined] = api.get("/api/classes").json()
        person.class_id = int(joined["id"])
    return person


@dataclass
class Classroom:
    teacher: Person
    class_id: int
    join_code: str


def classroom(base_url: str, admin: Person | None = None) -> Classroom:
    """A class with a new teacher, of `admin`'s school (default: the server's school)."""
    teacher = register(base_url, "teacher", admin=admin)
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
