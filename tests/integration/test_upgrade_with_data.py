"""Upgrading a database of the previous release that holds data in every table: the upgrade to
the newest schema loses no row and no value, and the server then reads the data.

The tables and their columns come from the database's own catalogue, so a table added without
a row here fails the test, and a column added without a value here gets one chosen by its type.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from backend.accounts.passwords import hash_password

# The last migration of the previous release: later ones are this release's.
from backend.migrations.m0013_retention import ID as PREVIOUS_RELEASE
from sync.policy import policy_id
from sync.records import check_in_id, preferences_id, profile_id, track_id
from tests.conftest import ENGINES
from tests.integration import catalogue
from tests.integration.commands import waypoint
from tests.integration.people import PASSWORD, sign_in
from tests.integration.servers import Server, engine_database, serving
from tests.integration.syncing import pull_all
from tests.integration.test_school_migration import _migrate_up_to

AT = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
LATER = AT + dt.timedelta(days=30)
AT_MS = int(AT.timestamp() * 1000)
CLOCK = f"{AT_MS}-000000-amira-phone"
PHONE = "amira-phone"


def _code_hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _record_id(n: int) -> str:
    return str(uuid.UUID(int=n))


def _records(student: int, class_id: int) -> dict[tuple[str, str], dict[str, Any]]:
    """One synced record of every kind the previous release knew, in the student's space."""
    goal = _record_id(1)
    return {
        ("goal", goal): {
            "title": "Read Physics chapter 3",
            "target": 30,
            "unit": "pages",
            "deadline": "2026-12-20",
            "start_date": "2026-11-23",
            "subject": "Physics",
            "class_id": class_id,
            "milestones": [{"title": "Half way", "amount": 15, "due": "2026-12-10"}],
            "description": "Before the test",
            "status": "active",
        },
        ("progress", _record_id(2)): {
            "goal_id": goal,
            "amount": 5,
            "occurred_at": AT.isoformat(),
            "note": "Section 3.1",
        },
        ("time_entry", _record_id(3)): {
            "kind": "study",
            "started_at": AT.isoformat(),
            "minutes": 45,
            "goal_id": goal,
            "note": "Library",
        },
        ("rest", _record_id(4)): {
            "start_date": "2026-12-24",
            "end_date": "2026-12-26",
            "reason": "holiday",
        },
        ("preferences", preferences_id(student)): {
            "weekly_study_hours": 6,
            "nudge_window_start": "16:00",
            "nudge_window_end": "19:00",
        },
        ("nudge", _record_id(5)): {
            "kind": "behind_pace",
            "goal_id": goal,
            "template_id": "behind_pace.gentle",
            "title": "A little behind on Physics",
            "fired_at": AT.isoformat(),
        },
        ("conflict_notice", _record_id(6)): {
            "record_kind": "goal",
            "record_id": goal,
            "field": "title",
            "lost_value": "Read chapter 3",
            "lost_hlc": CLOCK,
            "lost_client": "amira-laptop",
            "winning_value": "Read Physics chapter 3",
            "winning_hlc": CLOCK,
            "winning_client": PHONE,
        },
        ("change_request", _record_id(7)): {
            "goal_id": goal,
            "proposed": {"target": 20},
            "current": {"target": 30},
            "reason": "Exams in three subjects this week",
            "requested_by": student,
            "requested_ms": AT_MS,
        },
        ("policy", policy_id(student)): {
            "classes": {
                str(class_id): {
                    "name": "Physics 9A",
                    "teacher_name": "Ms Okafor",
                    "policy": {"approve_new_goals": True, "deadline_shift_free_days": 3},
                }
            }
        },
        ("check_in", check_in_id(student, "2026-W48")): {
            "week": "2026-W48",
            "energy": 4,
            "stress": 2,
            "sleep": 3,
            "note": "Good week",
        },
        ("profile", profile_id(student)): {
            "strengths": "Explains things to others",
            "interests": "Astronomy",
            "tags": ["space", "maths"],
        },
        ("observation", _record_id(8)): {
            "text": "Asks good questions in class",
            "author_name": "Mr Lindqvist",
            "written_at": AT.isoformat(),
        },
        ("track", track_id(student)): {
            "track": "accelerated",
            "heavy_study_minutes": 600,
            "scarce_free_minutes": 90,
        },
    }


def _seed_every_table(seed: catalogue.Seed, password_hash: str) -> dict[str, Any]:
    """A small school with one of everything; returns the ids the checks need."""
    school = seed.row("school", name="Riverside School", created_at=AT)
    people = {}
    for role, login, name in (
        ("admin", "head", "Ms Head"),
        ("teacher", "okafor", "Ms Okafor"),
        ("teacher", "lindqvist", "Mr Lindqvist"),
        ("student", "amira", "Amira"),
        ("parent", "samir", "Samir"),
    ):
        people[login] = seed.row(
            "app_user",
            role=role,
            login=login,
            display_name=name,
            password_hash=password_hash,
            time_zone="Europe/Berlin",
            locale="en",
            school=None if role == "parent" else school,
            active=True,
            erase_after=None,
        )
    student, parent, admin = people["amira"], people["samir"], people["head"]
    class_id = seed.row(
        "school_class",
        teacher=people["okafor"],
        name="Physics 9A",
        join_code="PHY2345",
        school=school,
        homeroom=False,
        deadline_shift_free_days=3,
    )
    seed.row("enrolment", school_class=class_id, student=student)
    seed.row("mentorship", student=student, mentor=people["lindqvist"], assigned_by=admin)
    seed.row(
        "mentor_note",
        student=student,
        author=people["lindqvist"],
        body="Talked about planning the exam weeks.",
        next_steps="Split the chapter into sections.",
        shared_with_parents=True,
    )
    seed.row(
        "guardian_link",
        parent=parent,
        student=student,
        invited_by=student,
        confirmed_at=AT,
        confirmed_by=student,
        consent="student",
        consent_note="",
    )
    seed.row(
        "guardian_invite",
        code_hash=_code_hash("FAMILY-1"),
        student=student,
        issued_by=student,
        expires_at=LATER,
        used_at=AT,
    )
    seed.row(
        "staff_invite",
        code_hash=_code_hash("STAFF-1"),
        school=school,
        issued_by=admin,
        expires_at=LATER,
        used_at=AT,
        used_by=people["okafor"],
    )
    seed.row(
        "password_reset",
        code_hash=_code_hash("RESET-1"),
        user=student,
        issued_by=admin,
        expires_at=LATER,
        used_at=None,
    )
    seed.row(
        "user_session",
        token_hash=_code_hash("session-1"),
        user=student,
        expires_at=LATER,
        user_agent="Firefox on Android",
        client_ip="192.0.2.10",
    )
    seed.row("device", client_id=PHONE, user=student, label="Amira's phone", last_mutation_id=3)
    seed.row(
        "audit_event",
        action="auth.login",
        actor=student,
        subject=student,
        client_ip="192.0.2.10",
        detail=json.dumps({"via": "password"}),
    )

    records = _records(student, class_id)
    for version, ((kind, record_id), fields) in enumerate(records.items(), start=1):
        seed.row(
            "sync_record",
            kind=kind,
            record_id=record_id,
            space=student,
            fields=json.dumps(fields),
            clocks=json.dumps(dict.fromkeys(fields, CLOCK)),
            deleted=False,
            version=version,
            created_by=student,
            origin_client=PHONE,
            updated_ms=AT_MS,
        )
    seed.row("sync_space", space=student, version=len(records), floor=0)
    seed.row(
        "sync_outcome",
        client_id=PHONE,
        mutation_id=3,
        result=json.dumps({"mutation_id": 3, "outcome": "applied"}),
        created_ms=AT_MS,
    )
    seed.row(
        "learner_total",
        space=student,
        goal_id=_record_id(1),
        through_ms=AT_MS,
        space_version=len(records),
        computed_ms=AT_MS,
        amount=5.0,
        study_minutes=45.0,
    )

    digest = seed.row(
        "parent_digest",
        parent=parent,
        period_key="weekly:2026-W48",
        kind="weekly",
        period_start_ms=AT_MS - 7 * 86_400_000,
        period_end_ms=AT_MS,
        created_ms=AT_MS,
        title="Amira's week",
        body="45 minutes of study, 5 pages of Physics",
        content=json.dumps({"students": []}),
    )
    subscription = seed.row(
        "push_subscription",
        owner=parent,
        endpoint="https://push.example.test/send/samir-phone",
        p256dh="B" + "A" * 86,
        auth="A" * 22,
    )
    seed.row(
        "push_preference",
        parent=parent,
        frequency="weekly",
        send_time="18:30",
        weekday=5,
        time_zone="Europe/Berlin",
        quiet_start="21:00",
        quiet_end="07:00",
        muted=json.dumps([student]),
    )
    outbox = seed.row(
        "push_outbox",
        digest=digest,
        subscription=subscription,
        parent=parent,
        topic="digest",
        payload=json.dumps({"title": "Amira's week"}),
        ttl=86_400,
        urgency="normal",
        status="sent",
        attempts=1,
        next_attempt_ms=AT_MS,
        lease_until_ms=0,
        claim_token="",
        created_ms=AT_MS,
        finished_ms=AT_MS + 1_000,
        last_status=201,
        last_error="",
    )
    seed.row(
        "push_attempt",
        outbox=outbox,
        at_ms=AT_MS + 1_000,
        worker="worker-1",
        status_code=201,
        outcome="sent",
        detail="",
        duration_ms=120,
    )
    return {"class_id": class_id, "student": student, "records": records}


@dataclass(frozen=True)
class Upgraded:
    server: Server
    """The upgraded database; no server has run on it yet."""
    lost: dict[str, list[str]]
    """What the upgrade lost of the previous release's rows (`catalogue.lost_since`), read
    right after it, before a server changes anything."""
    unseeded: list[str]
    """The previous release's tables that the seed gave no row."""
    seeded: dict[str, Any]


@pytest.fixture(scope="module", params=ENGINES)
def upgraded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Upgraded]:
    """A database of the previous release with data in every table, upgraded as an operator
    upgrades: `waypoint migrate`."""
    engine = request.param
    tmp_path = tmp_path_factory.mktemp(f"upgrade-{engine}")
    with engine_database(engine) as database_url:
        old = Server(engine=engine, base_url="", data_dir=tmp_path, database_url=database_url)
        _migrate_up_to(old, PREVIOUS_RELEASE)
        seed = catalogue.Seed(old, at=AT)
        seeded = _seed_every_table(seed, hash_password(PASSWORD))
        unseeded = sorted(set(catalogue.tables(old)) - seed.filled)
        before = catalogue.snapshot(old)
        waypoint(old, "migrate")
        lost = catalogue.lost_since(old, before)
        yield Upgraded(server=old, lost=lost, unseeded=unseeded, seeded=seeded)


def test_the_upgraded_database_had_data_in_every_table(upgraded: Upgraded) -> None:
    # A table added to the schema needs a row in `_seed_every_table`, or its upgrade is untested.
    assert upgraded.unseeded == []


def test_an_upgrade_keeps_every_value_of_every_row_in_every_table(upgraded: Upgraded) -> None:
    # New tables, columns and rows may come; every old value of every old row stays.
    lost = upgraded.lost
    assert not lost, "lost or changed by the upgrade:\n" + "\n".join(
        f"{table}: {row}" for table, missing in lost.items() for row in missing
    )


def test_after_an_upgrade_every_role_reads_its_data(upgraded: Upgraded) -> None:
    old, seeded = upgraded.server, upgraded.seeded
    with serving(old.engine, old.data_dir, old.database_url) as server:
        student = sign_in(server.base_url, "amira").api
        changes, _ = pull_all(student, PHONE)
        pulled = {(c["kind"], c["id"]): c["fields"] for c in changes if not c["deleted"]}
        # Every record of every kind reaches the student's device as it was stored.
        assert {key: pulled.get(key) for key in seeded["records"]} == seeded["records"]

        teacher = sign_in(server.base_url, "okafor").api
        overview = teacher.get(f"/api/classes/{seeded['class_id']}/overview")
        assert overview.status_code == 200, overview.text
        assert [r["display_name"] for r in overview.json()] == ["Amira"]

        mentor = sign_in(server.base_url, "lindqvist").api
        mentees = mentor.get("/api/mentees")
        assert mentees.status_code == 200, mentees.text
        assert [m["display_name"] for m in mentees.json()] == ["Amira"]

        parent = sign_in(server.base_url, "samir").api
        digests = parent.get("/api/digests")
        assert digests.status_code == 200, digests.text
        assert [d["title"] for d in digests.json()] == ["Amira's week"]
        notes = parent.get(f"/api/students/{seeded['student']}/mentor-notes")
        assert notes.status_code == 200, notes.text
        assert [n["body"] for n in notes.json()] == ["Talked about planning the exam weeks."]

        admin = sign_in(server.base_url, "head").api
        classes = admin.get("/api/school/classes")
        assert classes.status_code == 200, classes.text
        assert [c["name"] for c in classes.json()] == ["Physics 9A"]
