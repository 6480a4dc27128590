"""The learner profile: the student writes it, the mentor adds observations the student reads,
the student's teachers see it, parents do not."""

from __future__ import annotations

from typing import Any

from sync.records import profile_id
from tests.integration.people import (
    Person,
    administrator,
    classroom,
    parent_of,
    register,
    student_in,
)
from tests.integration.servers import Server
from tests.integration.syncing import new_client_id, pull_all, push


def _held(person: Person, kind: str) -> list[dict[str, Any]]:
    changes, _ = pull_all(person.api, new_client_id())
    return [c["fields"] for c in changes if c["kind"] == kind and not c["deleted"]]


def test_the_profile_reaches_mentor_and_teachers_never_parents(server: Server) -> None:
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    parent, _ = parent_of(server.base_url, student)
    mentor = register(server.base_url, "teacher")
    assert (
        administrator(server.base_url)
        .api.put(f"/api/students/{student.id}/mentor", json={"mentor_id": mentor.id})
        .is_success
    )
    profile = {
        "id": profile_id(student.id),
        "strengths": "Mental arithmetic",
        "challenges": "Long essays",
        "interests": "Chess, robots",
        "aims": "The regional olympiad",
        "tags": ["maths", "chess"],
    }
    pushed = push(student.api, new_client_id(), (1, "profile.set", profile))
    assert pushed.json()["results"][0]["outcome"] == "applied", pushed.text
    added = mentor.api.post(
        f"/api/mentees/{student.id}/observations", json={"text": "Explains well to others."}
    )
    assert added.status_code == 201, added.text

    for viewer in (student, mentor, room.teacher):
        [seen] = _held(viewer, "profile")
        assert (seen["aims"], seen["tags"]) == ("The regional olympiad", ["maths", "chess"])
        assert [o["text"] for o in _held(viewer, "observation")] == ["Explains well to others."]
    assert _held(parent, "profile") == []
    assert _held(parent, "observation") == []

    [row] = room.teacher.api.get(f"/api/classes/{room.class_id}/overview").json()
    assert (row["tags"], row["aims"]) == (["maths", "chess"], "The regional olympiad")
    view = mentor.api.get(f"/api/mentees/{student.id}").json()
    assert view["profile"]["strengths"] == "Mental arithmetic"
    assert [o["text"] for o in view["profile"]["observations"]] == ["Explains well to others."]
    # A part changed later keeps the rest, and a knowing change makes no conflict notice.
    [record] = [c for c in pull_all(student.api, new_client_id())[0] if c["kind"] == "profile"]
    again = push(
        student.api,
        new_client_id(),
        (
            1,
            "profile.set",
            {
                "id": profile["id"],
                "aims": "The national olympiad",
                "base": {"aims": record["clocks"]["aims"]},
            },
        ),
    )
    assert again.json()["results"][0]["outcome"] == "applied", again.text
    [seen] = _held(student, "profile")
    assert (seen["aims"], seen["strengths"]) == ("The national olympiad", "Mental arithmetic")
    assert _held(student, "conflict_notice") == []


def test_changing_preferences_set_on_another_device_knowingly_makes_no_conflict_notice(
    server: Server,
) -> None:
    from sync.records import preferences_id

    student = student_in(server.base_url, classroom(server.base_url))
    pid = preferences_id(student.id)
    first = push(
        student.api, new_client_id(), (1, "preferences.set", {"id": pid, "weekly_study_hours": 6})
    )
    assert first.json()["results"][0]["outcome"] == "applied"
    [record] = [c for c in pull_all(student.api, new_client_id())[0] if c["kind"] == "preferences"]
    seen = {"weekly_study_hours": record["clocks"]["weekly_study_hours"]}
    later = push(
        student.api,
        new_client_id(),
        (1, "preferences.set", {"id": pid, "weekly_study_hours": 8, "base": seen}),
    )
    assert later.json()["results"][0]["outcome"] == "applied", later.text
    assert [p["weekly_study_hours"] for p in _held(student, "preferences")] == [8]
    assert _held(student, "conflict_notice") == []


def test_the_school_sets_a_students_track_and_their_devices_learn_it(server: Server) -> None:
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    admin = administrator(server.base_url)
    path = f"/api/school/accounts/{student.id}/track"
    assert admin.api.put(path, json={"track": "fast"}).status_code == 400
    assert room.teacher.api.put(path, json={"track": "accelerated"}).status_code == 403
    assert (
        admin.api.put(
            f"/api/school/accounts/{room.teacher.id}/track", json={"track": "accelerated"}
        ).status_code
        == 404
    )
    chosen = admin.api.put(path, json={"track": "accelerated"})
    assert chosen.status_code == 200, chosen.text
    [track] = _held(student, "track")
    assert (track["track"], track["heavy_study_minutes"]) == ("accelerated", 600)
    assert admin.api.put(path, json={"track": "personal_path"}).is_success
    [track] = _held(student, "track")
    assert (track["track"], track["scarce_free_minutes"]) == ("personal_path", 180)
