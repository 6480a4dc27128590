"""The first run's demo school: every role signs in to something real."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.client import Api
from tests.integration.servers import Server, running_server
from tests.integration.syncing import new_client_id, pull_all


@pytest.fixture(scope="module")
def demo(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(
        server.engine, tmp_path_factory.mktemp("demo"), {"WAYPOINT_DEMO_DATA": "true"}
    ) as srv:
        yield srv


def _signed_in(server: Server, login: str) -> Api:
    api = Api(server.base_url)
    response = api.post("/api/auth/login", json={"login": login, "password": "maple-compass-river"})
    assert response.status_code == 200, response.text
    return api


def test_demo_student_has_goals_time_and_nudges(demo: Server) -> None:
    changes, _ = pull_all(_signed_in(demo, "amir"), new_client_id())
    kinds = {c["kind"] for c in changes}
    assert {"goal", "progress", "time_entry"} <= kinds
    assert any(c["kind"] == "time_entry" and c["fields"]["private"] for c in changes)


def test_demo_teacher_has_a_queue_and_an_overview(demo: Server) -> None:
    teacher = _signed_in(demo, "teacher")
    queue = teacher.get("/api/approvals").json()
    assert sorted(item["type"] for item in queue) == ["change_request", "new_goal"]
    assert {item["class_name"] for item in queue} == {"Grade 8 Mathematics"}
    [school_class] = teacher.get("/api/classes").json()
    overview = teacher.get(f"/api/classes/{school_class['id']}/overview").json()
    assert len(overview) == 3
    assert teacher.get("/api/attention").json()


def test_demo_class_has_objectives_a_student_has_mastered_some(demo: Server) -> None:
    teacher = _signed_in(demo, "teacher")
    [school_class] = teacher.get("/api/classes").json()
    objectives = teacher.get(f"/api/classes/{school_class['id']}/objectives").json()
    assert len(objectives) == 6
    rows = teacher.get(f"/api/classes/{school_class['id']}/overview").json()
    dana = next(r for r in rows if r["display_name"] == "Dana")
    assert dana["mastered_objectives"] == [o["id"] for o in objectives[:2]]
    changes, _ = pull_all(_signed_in(demo, "dana"), new_client_id())
    assert len([c for c in changes if c["kind"] == "mastery"]) == 2
    [counted] = [c for c in changes if c["kind"] == "goal" and c["fields"]["unit"] == "objectives"]
    mentor = _signed_in(demo, "mentor")
    [summary] = [m for m in mentor.get("/api/mentees").json() if m["display_name"] == "Dana"]
    view = mentor.get(f"/api/mentees/{summary['student_id']}").json()
    [goal] = [g for g in view["goals"] if g["id"] == counted["id"]]
    assert (goal["done"], goal["target"], goal["lifecycle"]) == (2, 4, "active")
    [maths] = view["mastery"]
    assert (maths["mastered"], maths["total"]) == (2, 6)


def test_demo_subject_teachers_share_students_and_each_sees_their_own_goals(demo: Server) -> None:
    literature = _signed_in(demo, "literature")
    [item] = literature.get("/api/approvals").json()
    assert (item["student_name"], item["class_name"]) == ("Dana", "Grade 8 Literature")
    [school_class] = literature.get("/api/classes").json()
    rows = literature.get(f"/api/classes/{school_class['id']}/overview").json()
    amir = next(r for r in rows if r["display_name"] == "Amir")
    assert [g["title"] for g in amir["goals"]] == ["Read 'The Little Prince'"]
    # Mathematics and his own olympiad goal: their weight, not their content.
    assert amir["other_goals"] == 2
    assert "olympiad" not in str(rows).lower()


def test_demo_mentor_sees_an_overloaded_student_across_subjects(demo: Server) -> None:
    mentor = _signed_in(demo, "mentor")
    mentees = mentor.get("/api/mentees").json()
    assert sorted(m["display_name"] for m in mentees) == ["Amir", "Dana", "Timur"]
    amir = next(m for m in mentees if m["display_name"] == "Amir")
    assert amir["overloaded"]
    assert amir["required_hours_per_week"] > amir["available_hours_per_week"] == 6
    view = mentor.get(f"/api/mentees/{amir['student_id']}").json()
    assert {s["class_name"] for s in view["subjects"]} == {
        "Grade 8 Mathematics",
        "Grade 8 Literature",
        "Personal goals",
    }
    assert view["notes"][0]["next_steps"].startswith("Olympiad practice")
    assert [c["stress"] for c in view["check_ins"]] == [4]


def test_demo_parent_sees_two_children_without_private_details(demo: Server) -> None:
    parent = _signed_in(demo, "parent")
    assert len(parent.get("/api/students").json()) == 2
    [digest] = parent.get("/api/digests").json()
    assert parent.get(f"/api/digests/{digest['id']}").status_code == 200
    changes, _ = pull_all(parent, new_client_id())
    private = [c for c in changes if c["kind"] == "time_entry" and c["fields"].get("private")]
    assert private
    assert all("note" not in c["fields"] for c in private)


def test_demo_administrator_sees_the_school_staff_class_and_links(demo: Server) -> None:
    admin = _signed_in(demo, "admin")
    me = admin.get("/api/me").json()
    assert (me["role"], me["school_name"]) == ("admin", "School No. 17, Almaty")
    roles = sorted(a["role"] for a in admin.get("/api/school/accounts").json())
    assert roles == ["admin", "student", "student", "student", "teacher", "teacher", "teacher"]
    classes = {
        (c["name"], c["students"], c["homeroom"]) for c in admin.get("/api/school/classes").json()
    }
    assert classes == {
        ("Grade 8 Mathematics", 3, False),
        ("Grade 8 Literature", 3, False),
        ("Grade 8B homeroom", 3, True),
    }
    mentors = admin.get("/api/school/mentorships").json()
    assert {m["mentor_name"] for m in mentors} == {"Ms Gulnara Iskakova (homeroom)"}
    assert len(mentors) == 3
    links = admin.get("/api/school/guardian-links").json()
    assert sorted((link["student_name"], link["status"]) for link in links) == [
        ("Amir", "confirmed"),
        ("Dana", "confirmed"),
    ]


def test_demo_student_sees_who_can_see_their_data(demo: Server) -> None:
    viewers = _signed_in(demo, "amir").get("/api/me/viewers").json()
    assert sorted((v["kind"], v["status"]) for v in viewers) == [
        ("mentor", "confirmed"),
        ("parent", "confirmed"),
        ("teacher", "confirmed"),
        ("teacher", "confirmed"),
        ("teacher", "confirmed"),
    ]
