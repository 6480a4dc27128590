"""A school adjusts its tracks' limits: its students on the track get them on every device and
in every view at once, new track choices use them, and another school's students keep theirs."""

from __future__ import annotations

import datetime as dt
import json
import uuid
import zoneinfo
from typing import Any

from tests.integration.database import query
from tests.integration.people import (
    Classroom,
    Person,
    administrator,
    classroom,
    register,
    school_admin,
    student_in,
)
from tests.integration.servers import Server
from tests.integration.syncing import live, new_client_id, pull_all, push

PERSONAL_PATH = {"heavy_study_minutes": 360, "scarce_free_minutes": 180}


def _zone_late_in_its_week() -> str:
    """A time zone whose week has run at least twelve hours, so this week can hold a long day
    of study: the week in UTC-12 or, 26 hours ahead of it, in UTC+14."""
    now = dt.datetime.now(dt.UTC)
    for zone in ("Etc/GMT+12", "Pacific/Kiritimati"):
        local = now.astimezone(zoneinfo.ZoneInfo(zone))
        monday = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if local - (monday - dt.timedelta(days=local.weekday())) >= dt.timedelta(hours=12):
            return zone
    raise AssertionError("one of the two zones is always twelve hours into its week")


def _track(person: Person) -> list[dict[str, Any]]:
    return [c["fields"] for c in live(pull_all(person.api, new_client_id())[0], "track")]


def _set_track(admin: Person, student: Person, track: str) -> None:
    response = admin.api.put(f"/api/school/accounts/{student.id}/track", json={"track": track})
    assert response.status_code == 200, response.text


def _limits(admin: Person, track: str, heavy: int, scarce: int) -> Any:
    body = {"heavy_study_minutes": heavy, "scarce_free_minutes": scarce}
    return admin.api.put(f"/api/school/tracks/{track}", json=body)


def _heavy_week(student: Person) -> None:
    """Seven hours of study and two of free time, all this week."""
    now = dt.datetime.now(dt.UTC)
    entries = (("study", 9 * 60 + 30, 420), ("free", 2 * 60 + 5, 120))
    mutations = [
        (
            n,
            "time.log",
            {
                "id": str(uuid.uuid4()),
                "kind": kind,
                "started_at": (now - dt.timedelta(minutes=ago)).isoformat(),
                "minutes": minutes,
                **({"category": "sport"} if kind == "free" else {}),
            },
        )
        for n, (kind, ago, minutes) in enumerate(entries, start=1)
    ]
    response = push(student.api, new_client_id(), *mutations)
    assert response.status_code == 200, response.text
    assert [r["outcome"] for r in response.json()["results"]] == ["applied", "applied"]


def _overloaded(room: Classroom, student: Person) -> bool:
    rows = room.teacher.api.get(f"/api/classes/{room.class_id}/overview").json()
    [row] = [r for r in rows if r["student_id"] == student.id]
    return bool(row["overloaded"])


def test_lowering_a_tracks_free_time_limit_reaches_its_students_and_their_views(
    server: Server,
) -> None:
    school = school_admin(server.base_url)
    room = classroom(server.base_url, admin=school)
    zone = _zone_late_in_its_week()
    pathy = register(server.base_url, "student", join_code=room.join_code, time_zone=zone)
    later = student_in(server.base_url, room)
    _set_track(school, pathy, "personal_path")
    elsewhere = student_in(server.base_url, classroom(server.base_url))
    _set_track(administrator(server.base_url), elsewhere, "personal_path")
    _heavy_week(pathy)
    # Seven hours of study with two of free time is too little free time on a personal path.
    assert _overloaded(room, pathy)

    lowered = _limits(school, "personal_path", 360, 60)
    assert lowered.status_code == 200, lowered.text
    assert lowered.json() == {
        "track": "personal_path",
        "heavy_study_minutes": 360,
        "scarce_free_minutes": 60,
        "adjusted": True,
    }

    [track] = _track(pathy)
    assert (track["track"], track["scarce_free_minutes"]) == ("personal_path", 60)
    assert not _overloaded(room, pathy)
    # A student put on the track afterwards gets the school's limits too.
    _set_track(school, later, "personal_path")
    [track] = _track(later)
    assert track["scarce_free_minutes"] == 60
    # Another school's students on the same track keep its limits.
    [theirs] = _track(elsewhere)
    assert {k: theirs[k] for k in PERSONAL_PATH} == PERSONAL_PATH
    listed = {t["track"]: t for t in school.api.get("/api/school/tracks").json()}
    assert listed["personal_path"]["scarce_free_minutes"] == 60
    assert listed["standard"] == {
        "track": "standard",
        "heavy_study_minutes": 480,
        "scarce_free_minutes": 60,
        "adjusted": False,
    }
    other = {
        t["track"]: t for t in administrator(server.base_url).api.get("/api/school/tracks").json()
    }
    assert {k: other["personal_path"][k] for k in PERSONAL_PATH} == PERSONAL_PATH
    [audited] = query(
        server,
        "SELECT detail FROM audit_event WHERE actor = $1 AND action = $2",
        school.id,
        "school.track_limits_set",
    )
    detail = audited["detail"]
    detail = json.loads(detail) if isinstance(detail, str) else detail
    assert (detail["track"], detail["scarce_free_minutes"], detail["students"]) == (
        "personal_path",
        60,
        1,
    )


def test_new_standard_limits_reach_students_who_never_had_a_track(server: Server) -> None:
    school = school_admin(server.base_url)
    room = classroom(server.base_url, admin=school)
    plain, fast = student_in(server.base_url, room), student_in(server.base_url, room)
    _set_track(school, fast, "accelerated")
    assert _track(plain) == []

    changed = _limits(school, "standard", 420, 90)
    assert changed.status_code == 200, changed.text

    [track] = _track(plain)
    assert (track["track"], track["heavy_study_minutes"], track["scarce_free_minutes"]) == (
        "standard",
        420,
        90,
    )
    [kept] = _track(fast)
    assert (kept["track"], kept["heavy_study_minutes"]) == ("accelerated", 600)
    # A student who joins the school afterwards starts on its standard limits.
    [joined] = _track(student_in(server.base_url, room))
    assert (joined["track"], joined["heavy_study_minutes"]) == ("standard", 420)


def test_only_the_schools_administrator_adjusts_track_limits(server: Server) -> None:
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    for person in (room.teacher, student):
        assert person.api.get("/api/school/tracks").status_code == 403
        assert _limits(person, "accelerated", 600, 60).status_code == 403


def test_limits_out_of_range_are_refused_naming_the_field(server: Server) -> None:
    school = school_admin(server.base_url)
    for heavy, scarce, field in (
        (30, 60, "heavy_study_minutes"),
        (6001, 60, "heavy_study_minutes"),
        (480, -1, "scarce_free_minutes"),
        (480, 3001, "scarce_free_minutes"),
    ):
        refused = _limits(school, "standard", heavy, scarce)
        assert refused.status_code == 400, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == [field]
    unknown = _limits(school, "fast", 480, 60)
    assert unknown.status_code == 400, unknown.text
    listed = school.api.get("/api/school/tracks").json()
    assert [t["adjusted"] for t in listed] == [False, False, False]
