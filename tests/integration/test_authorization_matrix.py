"""Every endpoint, called by every role, on its own objects and on someone else's.

The roles are the four account roles and the mentor: a teacher of the school, teaching no class,
whom the administrator made the student's mentor.

The matrix must list every /api operation the server publishes in its OpenAPI document, so a new
endpoint fails this test until its access rules are written down here. "Someone else's" is a
class, student, parent and administrator of another school, so every role, the administrator
included, is shown to reach nothing outside its own school.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from backend.notifications.vapid import b64url
from tests.integration.client import Api
from tests.integration.people import (
    PASSWORD,
    Classroom,
    Person,
    administrator,
    classroom,
    parent_of,
    register,
    school_admin,
    sign_in,
    student_in,
)

ROLES = ("student", "parent", "teacher", "mentor", "admin")


@dataclass
class Side:
    """One school's class with its teacher, a student, that student's parent and mentor, and
    the school's administrator (signed in for this side alone)."""

    room: Classroom
    student: Person
    parent: Person
    mentor: Person
    admin: Person
    link_id: int
    client_ids: dict[str, str]

    def actor(self, role: str) -> Person:
        return {
            "student": self.student,
            "parent": self.parent,
            "teacher": self.room.teacher,
            "mentor": self.mentor,
            "admin": self.admin,
        }[role]


@dataclass
class World:
    base_url: str
    mine: Side
    theirs: Side


_OTHER_SCHOOLS: dict[str, Person] = {}


def _side(base_url: str, *, other_school: bool = False) -> Side:
    if other_school and base_url not in _OTHER_SCHOOLS:
        _OTHER_SCHOOLS[base_url] = school_admin(base_url)
    school = _OTHER_SCHOOLS[base_url] if other_school else administrator(base_url)
    room = classroom(base_url, admin=school)
    student = student_in(base_url, room)
    parent, link_id = parent_of(base_url, student)
    # Its own session: a call that signs the administrator out ends this one, not the shared.
    admin = sign_in(base_url, school.login)
    mentor = register(base_url, "teacher", admin=school)
    assigned = admin.api.put(f"/api/students/{student.id}/mentor", json={"mentor_id": mentor.id})
    assert assigned.status_code == 200, assigned.text
    client_ids = {}
    for role, person in (
        ("student", student),
        ("parent", parent),
        ("teacher", room.teacher),
        ("mentor", mentor),
        ("admin", admin),
    ):
        client_id = uuid.uuid4().hex
        assert person.api.put(f"/api/devices/{client_id}", json={}).status_code == 200
        client_ids[role] = client_id
    return Side(room, student, parent, mentor, admin, link_id, client_ids)


def _world(base_url: str) -> World:
    return World(base_url, _side(base_url), _side(base_url, other_school=True))


Call = tuple[dict[str, Any], Any]  # (path parameters, JSON body)
Maker = Callable[[World, Side, str], Call]


def _pending_link(side: Side) -> int:
    """A link made from the teacher's invite for the side's student, not confirmed yet."""
    code = side.room.teacher.api.post(
        "/api/guardian-invites", json={"student_id": side.student.id}
    ).json()["code"]
    parent = register(side.room.teacher.api.base_url, "parent")
    return int(parent.api.post("/api/guardian-links", json={"code": code}).json()["id"])


def _new_session(world: World, side: Side, role: str) -> Call:
    """Another session of the actor (a second device), named by its id."""
    device = sign_in(world.base_url, side.actor(role).login)
    [current] = [s for s in device.api.get("/api/auth/sessions").json() if s["current"]]
    return {"session_id": current["id"]}, None


def _reset_redeem(world: World, side: Side, role: str) -> Call:
    code = side.admin.api.post(f"/api/school/accounts/{side.student.id}/password-reset").json()
    return {}, {"login": side.student.login, "code": code["code"], "new_password": PASSWORD}


def _none(world: World, side: Side, role: str) -> Call:
    return {}, None


def _fresh_invite_code(world: World, side: Side, role: str) -> Call:
    # The actor's side is already linked; a code from the other side's student is a new link.
    code = world.theirs.student.api.post("/api/guardian-invites", json={}).json()["code"]
    return {}, {"code": code}


def _new_link(world: World, side: Side, role: str) -> Call:
    """A link the actor is part of, made just now (earlier roles may have revoked the old one)."""
    if role == "student":
        _, link_id = parent_of(world.base_url, side.student)
    elif role == "parent":
        code = world.theirs.student.api.post("/api/guardian-invites", json={}).json()["code"]
        link_id = side.parent.api.post("/api/guardian-links", json={"code": code}).json()["id"]
    else:
        link_id = side.link_id
    return {"link_id": link_id}, None


@dataclass
class Endpoint:
    method: str
    path: str
    allowed: frozenset[str]
    own: Maker = _none
    # Someone else's object: only for endpoints whose path names an object.
    foreign: Maker | None = None
    public: bool = False
    ok: frozenset[int] = field(default_factory=lambda: frozenset({200, 201, 204}))
    # An endpoint that streams forever (server-sent events): only the status line is read.
    stream: bool = False
    # Calls that change who may see what (links, enrolments) or end the session get a world of
    # their own; the rest share one per engine.
    fresh: bool = False


def _note(side: Side) -> int:
    """A check-in note the side's mentor keeps with the side's student."""
    response = side.mentor.api.post(
        f"/api/mentees/{side.student.id}/notes", json={"body": "Talked about the week."}
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _objective(side: Side) -> int:
    """A learning objective of the side's class."""
    response = side.room.teacher.api.post(
        f"/api/classes/{side.room.class_id}/objectives",
        json={"title": f"Factor quadratics {uuid.uuid4().hex[:8]}"},
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _in_class(side: Side) -> dict[str, int]:
    return {"class_id": side.room.class_id}


def _mark_path(side: Side) -> dict[str, int]:
    return {**_in_class(side), "student_id": side.student.id, "objective_id": _objective(side)}


def _push_body(world: World, side: Side, role: str) -> Call:
    goal = {
        "id": str(uuid.uuid4()),
        "title": "T",
        "target": 3,
        "unit": "pages",
        "deadline": "2027-01-01",
    }
    # Each call is a new device, so every role's first push starts at mutation 1.
    fresh = uuid.uuid4().hex
    mutation = {
        "mutation_id": 1,
        "name": "goal.create",
        "args": goal,
        "hlc": f"{1_790_000_000_000:013d}-000000-{fresh}",
    }
    return {}, {"protocol_version": 1, "client_id": fresh, "mutations": [mutation]}


def _pull_body(world: World, side: Side, role: str) -> Call:
    return {}, {"protocol_version": 1, "client_id": uuid.uuid4().hex}


def _decisions(world: World, side: Side, role: str) -> Call:
    return {}, {
        "decisions": [
            {"type": "new_goal", "id": str(uuid.uuid4()), "decision": "approve", "goal_version": 1}
        ]
    }


POLICY = {
    "approve_new_goals": True,
    "approve_target_decrease": True,
    "approve_abandon": True,
    "deadline_shift_free_days": 7,
}


ALL = frozenset(ROLES)
# Everyone but the administrator, who manages the school's people and reads no student's data.
PEOPLE = frozenset({"student", "parent", "teacher", "mentor"})
ADMIN = frozenset({"admin"})
# Staff endpoints without an object: a mentor is a teacher account, with nothing of a class.
STAFF = frozenset({"teacher", "mentor"})
MATRIX: list[Endpoint] = [
    Endpoint("GET", "/api/health", ALL, public=True),
    Endpoint(
        "POST",
        "/api/auth/register",
        ALL,
        public=True,
        own=lambda w, s, r: (
            {},
            {
                "role": "parent",
                "login": f"m{uuid.uuid4().hex[:12]}",
                "password": PASSWORD,
                "display_name": "M",
            },
        ),
    ),
    Endpoint(
        "POST",
        "/api/auth/login",
        ALL,
        public=True,
        own=lambda w, s, r: ({}, {"login": s.actor(r).login, "password": PASSWORD}),
    ),
    Endpoint("POST", "/api/auth/logout", ALL, fresh=True),
    Endpoint("POST", "/api/auth/refresh", ALL),
    Endpoint(
        "POST",
        "/api/auth/password",
        ALL,
        own=lambda w, s, r: ({}, {"current_password": PASSWORD, "new_password": PASSWORD}),
    ),
    Endpoint("POST", "/api/auth/password-reset", ALL, public=True, own=_reset_redeem, fresh=True),
    Endpoint("GET", "/api/auth/sessions", ALL),
    Endpoint(
        "DELETE",
        "/api/auth/sessions/{session_id}",
        ALL,
        own=_new_session,
        foreign=lambda w, s, r: _new_session(w, w.theirs, r),
    ),
    Endpoint("DELETE", "/api/auth/sessions", ALL, fresh=True),
    Endpoint("GET", "/api/me", ALL),
    Endpoint("GET", "/api/me/viewers", frozenset({"student"})),
    Endpoint(
        "POST",
        "/api/guardian-links/{link_id}/confirm",
        frozenset({"student"}),
        own=lambda w, s, r: ({"link_id": _pending_link(s)}, {"password": PASSWORD}),
        foreign=lambda w, s, r: ({"link_id": _pending_link(w.theirs)}, {"password": PASSWORD}),
    ),
    Endpoint("GET", "/api/school/accounts", ADMIN),
    Endpoint("GET", "/api/school/classes", ADMIN),
    Endpoint("GET", "/api/school/guardian-links", ADMIN),
    Endpoint("POST", "/api/school/teacher-invites", ADMIN),
    Endpoint(
        "POST",
        "/api/school/accounts/{user_id}/deactivate",
        ADMIN,
        own=lambda w, s, r: ({"user_id": student_in(w.base_url, s.room).id}, None),
        foreign=lambda w, s, r: ({"user_id": w.theirs.student.id}, None),
    ),
    Endpoint(
        "POST",
        "/api/school/accounts/{user_id}/activate",
        ADMIN,
        own=lambda w, s, r: ({"user_id": s.student.id}, None),
        foreign=lambda w, s, r: ({"user_id": w.theirs.student.id}, None),
    ),
    Endpoint(
        "POST",
        "/api/school/accounts/{user_id}/password-reset",
        ADMIN,
        own=lambda w, s, r: ({"user_id": s.student.id}, None),
        foreign=lambda w, s, r: ({"user_id": w.theirs.student.id}, None),
    ),
    Endpoint(
        "POST",
        "/api/school/guardian-links/{link_id}/confirm",
        ADMIN,
        own=lambda w, s, r: ({"link_id": _pending_link(s)}, {"consent_note": "signed form"}),
        foreign=lambda w, s, r: (
            {"link_id": _pending_link(w.theirs)},
            {"consent_note": "signed form"},
        ),
    ),
    Endpoint("PATCH", "/api/me", ALL, own=lambda w, s, r: ({}, {"display_name": "New"})),
    Endpoint("GET", "/api/classes", ALL),
    Endpoint("POST", "/api/classes", STAFF, own=lambda w, s, r: ({}, {"name": "C"})),
    Endpoint(
        "GET",
        "/api/classes/{class_id}",
        frozenset({"teacher", "student"}),
        own=lambda w, s, r: ({"class_id": s.room.class_id}, None),
        foreign=lambda w, s, r: ({"class_id": w.theirs.room.class_id}, None),
    ),
    Endpoint(
        "GET",
        "/api/classes/{class_id}/students",
        frozenset({"teacher"}),
        own=lambda w, s, r: ({"class_id": s.room.class_id}, None),
        foreign=lambda w, s, r: ({"class_id": w.theirs.room.class_id}, None),
    ),
    Endpoint(
        "POST",
        "/api/classes/{class_id}/join-code",
        frozenset({"teacher"}),
        own=lambda w, s, r: ({"class_id": s.room.class_id}, None),
        foreign=lambda w, s, r: ({"class_id": w.theirs.room.class_id}, None),
    ),
    Endpoint(
        "POST",
        "/api/classes/join",
        frozenset({"student"}),
        # Another class of the same school; a class of another school is out of reach.
        own=lambda w, s, r: ({}, {"join_code": classroom(w.base_url).join_code}),
        foreign=lambda w, s, r: ({}, {"join_code": w.theirs.room.join_code}),
        fresh=True,
    ),
    Endpoint(
        "POST",
        "/api/guardian-invites",
        frozenset({"student", "teacher", "mentor"}),
        own=lambda w, s, r: ({}, {"student_id": s.student.id}),
        foreign=lambda w, s, r: ({}, {"student_id": w.theirs.student.id}),
    ),
    Endpoint(
        "POST", "/api/guardian-links", frozenset({"parent"}), own=_fresh_invite_code, fresh=True
    ),
    Endpoint("GET", "/api/guardian-links", frozenset({"student", "parent"})),
    Endpoint(
        "DELETE",
        "/api/guardian-links/{link_id}",
        frozenset({"student", "parent"}),
        own=_new_link,
        foreign=lambda w, s, r: ({"link_id": w.theirs.link_id}, None),
        fresh=True,
    ),
    Endpoint("GET", "/api/students", ALL),
    Endpoint(
        "GET",
        "/api/students/{student_id}",
        PEOPLE,
        own=lambda w, s, r: ({"student_id": s.student.id}, None),
        foreign=lambda w, s, r: ({"student_id": w.theirs.student.id}, None),
    ),
    Endpoint("GET", "/api/devices", ALL),
    Endpoint(
        "PUT",
        "/api/devices/{client_id}",
        ALL,
        own=lambda w, s, r: ({"client_id": s.client_ids[r]}, {}),
        foreign=lambda w, s, r: ({"client_id": w.theirs.client_ids[r]}, {}),
    ),
    Endpoint(
        "DELETE",
        "/api/devices/{client_id}",
        ALL,
        own=lambda w, s, r: ({"client_id": s.client_ids[r]}, None),
        foreign=lambda w, s, r: ({"client_id": w.theirs.client_ids[r]}, None),
        fresh=True,
    ),
    Endpoint("POST", "/api/sync/push", frozenset({"student"}), own=_push_body),
    Endpoint("POST", "/api/sync/pull", ALL, own=_pull_body),
    Endpoint("GET", "/api/sync/events", ALL, stream=True),
    Endpoint("GET", "/api/approvals", STAFF),
    Endpoint("POST", "/api/approvals/decisions", STAFF, own=_decisions),
    Endpoint(
        "GET",
        "/api/classes/{class_id}/overview",
        frozenset({"teacher"}),
        own=lambda w, s, r: ({"class_id": s.room.class_id}, None),
        foreign=lambda w, s, r: ({"class_id": w.theirs.room.class_id}, None),
    ),
    Endpoint(
        "GET",
        "/api/classes/{class_id}/policy",
        frozenset({"teacher"}),
        own=lambda w, s, r: ({"class_id": s.room.class_id}, None),
        foreign=lambda w, s, r: ({"class_id": w.theirs.room.class_id}, None),
    ),
    Endpoint(
        "PUT",
        "/api/classes/{class_id}/policy",
        frozenset({"teacher"}),
        own=lambda w, s, r: ({"class_id": s.room.class_id}, POLICY),
        foreign=lambda w, s, r: ({"class_id": w.theirs.room.class_id}, POLICY),
    ),
    Endpoint(
        "GET",
        "/api/classes/{class_id}/objectives",
        frozenset({"teacher"}),
        own=lambda w, s, r: (_in_class(s), None),
        foreign=lambda w, s, r: (_in_class(w.theirs), None),
    ),
    Endpoint(
        "POST",
        "/api/classes/{class_id}/objectives",
        frozenset({"teacher"}),
        own=lambda w, s, r: (_in_class(s), {"title": f"Sketch parabolas {uuid.uuid4()}"}),
        foreign=lambda w, s, r: (_in_class(w.theirs), {"title": "Sketch parabolas"}),
    ),
    Endpoint(
        "POST",
        "/api/classes/{class_id}/objectives/import",
        frozenset({"teacher"}),
        own=lambda w, s, r: (_in_class(s), {"csv": "A.9,Use the discriminant"}),
        foreign=lambda w, s, r: (_in_class(w.theirs), {"csv": "A.9,Use the discriminant"}),
    ),
    Endpoint(
        "DELETE",
        "/api/classes/{class_id}/objectives/{objective_id}",
        frozenset({"teacher"}),
        own=lambda w, s, r: ({**_in_class(s), "objective_id": _objective(s)}, None),
        foreign=lambda w, s, r: (
            {**_in_class(w.theirs), "objective_id": _objective(w.theirs)},
            None,
        ),
    ),
    Endpoint(
        "PUT",
        "/api/classes/{class_id}/students/{student_id}/objectives/{objective_id}",
        frozenset({"teacher"}),
        own=lambda w, s, r: (_mark_path(s), {"mastered": True, "evidence": "Test"}),
        foreign=lambda w, s, r: (_mark_path(w.theirs), {"mastered": True}),
    ),
    Endpoint("GET", "/api/push/vapid-public-key", ALL, public=True),
    Endpoint(
        "POST",
        "/api/push/subscriptions",
        ALL,
        own=lambda w, s, r: ({}, _web_push_subscription()),
    ),
    Endpoint("GET", "/api/push/subscriptions", ALL),
    Endpoint(
        "DELETE",
        "/api/push/subscriptions",
        ALL,
        own=lambda w, s, r: _subscribed(s.actor(r)),
        foreign=lambda w, s, r: _subscribed(w.theirs.actor(r)),
        fresh=True,
    ),
    Endpoint("GET", "/api/push/preferences", frozenset({"parent"})),
    Endpoint(
        "PUT",
        "/api/push/preferences",
        frozenset({"parent"}),
        own=lambda w, s, r: ({}, {"frequency": "daily", "muted_student_ids": [s.student.id]}),
        foreign=lambda w, s, r: (
            {},
            {"frequency": "daily", "muted_student_ids": [w.theirs.student.id]},
        ),
    ),
    Endpoint("GET", "/api/digests", frozenset({"parent"})),
    # Only the scheduler makes digests, so there is none to read here: a parent's own lookup
    # is a 404 like anyone's. test_push_digests checks that parents read their own and no other.
    Endpoint(
        "GET",
        "/api/digests/{digest_id}",
        frozenset({"parent"}),
        own=lambda w, s, r: ({"digest_id": 0}, None),
        ok=frozenset({404}),
    ),
    Endpoint("GET", "/api/digests/preview", frozenset({"student"})),
    Endpoint("GET", "/api/attention", STAFF),
    Endpoint(
        "DELETE",
        "/api/classes/{class_id}/students/{student_id}",
        frozenset({"teacher"}),
        own=lambda w, s, r: (
            {"class_id": s.room.class_id, "student_id": student_in(w.base_url, s.room).id},
            None,
        ),
        foreign=lambda w, s, r: (
            {"class_id": w.theirs.room.class_id, "student_id": w.theirs.student.id},
            None,
        ),
        fresh=True,
    ),
    Endpoint("GET", "/api/mentees", STAFF),
    Endpoint(
        "GET",
        "/api/mentees/{student_id}",
        frozenset({"mentor"}),
        own=lambda w, s, r: ({"student_id": s.student.id}, None),
        foreign=lambda w, s, r: ({"student_id": w.theirs.student.id}, None),
    ),
    Endpoint(
        "POST",
        "/api/mentees/{student_id}/notes",
        frozenset({"mentor"}),
        own=lambda w, s, r: ({"student_id": s.student.id}, {"body": "Agreed: plan Tuesdays."}),
        foreign=lambda w, s, r: ({"student_id": w.theirs.student.id}, {"body": "x"}),
    ),
    Endpoint(
        "POST",
        "/api/mentees/{student_id}/observations",
        frozenset({"mentor"}),
        own=lambda w, s, r: ({"student_id": s.student.id}, {"text": "Explains well to others."}),
        foreign=lambda w, s, r: ({"student_id": w.theirs.student.id}, {"text": "x"}),
    ),
    Endpoint(
        "GET",
        "/api/students/{student_id}/mentor",
        frozenset({"student", "parent", "teacher", "mentor", "admin"}),
        own=lambda w, s, r: ({"student_id": s.student.id}, None),
        foreign=lambda w, s, r: ({"student_id": w.theirs.student.id}, None),
    ),
    Endpoint(
        "PUT",
        "/api/students/{student_id}/mentor",
        ADMIN,
        own=lambda w, s, r: ({"student_id": s.student.id}, {"mentor_id": s.mentor.id}),
        foreign=lambda w, s, r: (
            {"student_id": w.theirs.student.id},
            {"mentor_id": w.theirs.mentor.id},
        ),
        fresh=True,
    ),
    Endpoint(
        "DELETE",
        "/api/students/{student_id}/mentor",
        ADMIN,
        own=lambda w, s, r: ({"student_id": s.student.id}, None),
        foreign=lambda w, s, r: ({"student_id": w.theirs.student.id}, None),
        fresh=True,
    ),
    Endpoint(
        "GET",
        "/api/students/{student_id}/mentor-notes",
        frozenset({"student", "parent", "mentor"}),
        own=lambda w, s, r: ({"student_id": s.student.id}, None),
        foreign=lambda w, s, r: ({"student_id": w.theirs.student.id}, None),
    ),
    Endpoint(
        "PUT",
        "/api/me/mentor-notes/{note_id}",
        frozenset({"student"}),
        own=lambda w, s, r: ({"note_id": _note(s)}, {"shared_with_parents": True}),
        foreign=lambda w, s, r: ({"note_id": _note(w.theirs)}, {"shared_with_parents": True}),
    ),
    Endpoint(
        "PUT",
        "/api/school/classes/{class_id}/homeroom",
        ADMIN,
        own=lambda w, s, r: ({"class_id": s.room.class_id}, {"homeroom": False}),
        foreign=lambda w, s, r: ({"class_id": w.theirs.room.class_id}, {"homeroom": False}),
    ),
    Endpoint("GET", "/api/school/mentorships", ADMIN),
    Endpoint(
        "PUT",
        "/api/school/accounts/{user_id}/track",
        ADMIN,
        own=lambda w, s, r: ({"user_id": s.student.id}, {"track": "accelerated"}),
        foreign=lambda w, s, r: ({"user_id": w.theirs.student.id}, {"track": "accelerated"}),
    ),
    Endpoint("GET", "/api/school/tracks", ADMIN),
    # The accelerated defaults again: the school's students keep the limits they have.
    Endpoint(
        "PUT",
        "/api/school/tracks/{track}",
        ADMIN,
        own=lambda w, s, r: (
            {"track": "accelerated"},
            {"heavy_study_minutes": 600, "scarce_free_minutes": 60},
        ),
    ),
    Endpoint("GET", "/api/me/access-log", frozenset({"student", "parent"})),
    Endpoint("POST", "/api/me/privacy-notice", frozenset({"student"})),
    Endpoint(
        "POST",
        "/api/me/export",
        frozenset({"student", "parent"}),
        own=lambda w, s, r: ({}, {"password": PASSWORD}),
    ),
    # Staff accounts are erased by the school, not from their own settings.
    Endpoint(
        "DELETE",
        "/api/me",
        frozenset({"student", "parent"}),
        own=lambda w, s, r: ({}, {"password": PASSWORD}),
        ok=frozenset({202}),
        fresh=True,
    ),
    Endpoint(
        "POST",
        "/api/school/accounts/{user_id}/erasure",
        ADMIN,
        own=lambda w, s, r: _leaver(w, s),
        foreign=lambda w, s, r: (
            {"user_id": w.theirs.student.id},
            {"login": w.theirs.student.login},
        ),
    ),
]


def _leaver(world: World, side: Side) -> Call:
    """A student of the side's school who left, to be erased (joined with the class's current
    code: another call of the matrix may have rotated it)."""
    code = side.room.teacher.api.get(f"/api/classes/{side.room.class_id}").json()["join_code"]
    leaver = register(world.base_url, "student", join_code=code)
    return {"user_id": leaver.id}, {"login": leaver.login}


def _web_push_subscription() -> dict[str, Any]:
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    point = key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return {
        "endpoint": f"https://fcm.googleapis.com/fcm/send/{uuid.uuid4().hex}",
        "keys": {"p256dh": b64url(point), "auth": b64url(os.urandom(16))},
    }


def _subscribed(person: Person) -> Call:
    """A push subscription `person` owns, named by its endpoint (the DELETE's query)."""
    body = _web_push_subscription()
    assert person.api.post("/api/push/subscriptions", json=body).status_code == 201
    return {"query": {"endpoint": body["endpoint"]}}, None


def _call(api: Api, endpoint: Endpoint, call: Call) -> int:
    params, body = call
    path = endpoint.path.format(**params)
    kwargs: dict[str, Any] = {} if body is None else {"json": body}
    if "query" in params:
        kwargs["params"] = params["query"]
    if endpoint.stream:
        with api.http.stream(endpoint.method, path) as response:
            return response.status_code
    return api.request(endpoint.method, path, **kwargs).status_code


def test_matrix_covers_every_published_operation(base_url: str) -> None:
    spec = Api(base_url).get("/schema/openapi.json").json()
    published = {
        (method.upper(), path)
        for path, item in spec["paths"].items()
        if path.startswith("/api/")
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    listed = {(e.method, e.path) for e in MATRIX}
    assert published - listed == set(), "add these endpoints to the authorization matrix"
    assert listed - published == set(), "the matrix lists endpoints that no longer exist"


@pytest.fixture(scope="module")
def shared_world(base_url: str) -> World:
    return _world(base_url)


@pytest.mark.parametrize("endpoint", MATRIX, ids=lambda e: f"{e.method} {e.path}")
def test_access_rules(base_url: str, endpoint: Endpoint, shared_world: World) -> None:
    world = _world(base_url) if endpoint.fresh else shared_world
    for side in (world.mine, world.theirs):
        # Every side shares its school's one administrator account, so a call that signs it
        # out everywhere (in a fresh world) signs out the shared world's session too.
        if side.admin.api.get("/api/me").status_code == 401:
            side.admin.api = sign_in(base_url, side.admin.login).api
    anonymous = Api(base_url)
    anon_status = _call(anonymous, endpoint, endpoint.own(world, world.mine, "student"))
    if endpoint.public:
        assert anon_status in endpoint.ok
    else:
        assert anon_status == 401

    for role in ROLES:
        actor = world.mine.actor(role)
        if endpoint.foreign is not None:
            status = _call(actor.api, endpoint, endpoint.foreign(world, world.mine, role))
            assert status in {403, 404}, f"{role} reached someone else's object: {status}"
        status = _call(actor.api, endpoint, endpoint.own(world, world.mine, role))
        if role in endpoint.allowed:
            assert status in endpoint.ok, f"{role} was refused its own object: {status}"
        else:
            assert status in {403, 404}, f"{role} is not allowed but got {status}"


def test_teacher_of_another_class_cannot_read_a_student(base_url: str) -> None:
    world = _world(base_url)
    other_teacher = world.theirs.room.teacher
    assert other_teacher.api.get(f"/api/students/{world.mine.student.id}").status_code == 404
    lone_parent = register(base_url, "parent")
    assert lone_parent.api.get(f"/api/students/{world.mine.student.id}").status_code == 404
