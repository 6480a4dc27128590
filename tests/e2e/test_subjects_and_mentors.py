"""A mentor opens one student across subjects; a teacher of several classes finds, first, the
students who need them. Judged at 360x640 and 1280x800."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from tests.e2e.browser import TIMEOUT_MS, serious_axe_violations, sign_in, small_touch_targets
from tests.e2e.conftest import PHONE
from tests.integration.people import Classroom, Person, administrator, register, student_in
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, pull_all, push

LAPTOP = {"width": 1280, "height": 800}
OPEN = {
    "approve_new_goals": False,
    "approve_target_decrease": True,
    "approve_abandon": True,
    "deadline_shift_free_days": 7,
}


def _class(teacher: Person, name: str, policy: dict[str, Any] | None = None) -> Classroom:
    made = teacher.api.post("/api/classes", json={"name": name}).json()
    room = Classroom(teacher, made["id"], made["join_code"])
    if policy is not None:
        assert teacher.api.put(f"/api/classes/{room.class_id}/policy", json=policy).is_success
    return room


def _goals(student: Person, *goals: tuple[str, int | None, int]) -> None:
    """(title, class id or None for personal, target in pages) for each goal."""
    mutations = [
        (
            n + 1,
            "goal.create",
            goal_args(
                str(uuid.uuid4()), title=title, class_id=class_id, target=target, unit="pages"
            ),
        )
        for n, (title, class_id, target) in enumerate(goals)
    ]
    response = push(student.api, new_client_id(), *mutations)
    assert all(r["outcome"] == "applied" for r in response.json()["results"]), response.text


def test_a_mentor_sees_one_student_across_subjects(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    base = e2e_server.base_url
    physics = _class(register(base, "teacher"), "Physics 9A", OPEN)
    literature = _class(register(base, "teacher"), "Literature 9A", OPEN)
    student = register(base, "student", join_code=physics.join_code, display_name="Madina")
    assert student.api.post(
        "/api/classes/join", json={"join_code": literature.join_code}
    ).is_success
    _goals(
        student,
        ("Mechanics problem sets", physics.class_id, 80),
        ("Read Abai's poems", literature.class_id, 120),
        ("Chess openings", None, 30),
    )
    mentor = register(base, "teacher", display_name="Ms Gulnara")
    assigned = administrator(base).api.put(
        f"/api/students/{student.id}/mentor", json={"mentor_id": mentor.id}
    )
    assert assigned.status_code == 200, assigned.text

    for name, viewport in (("phone", PHONE), ("laptop", LAPTOP)):
        context = chromium.new_context(base_url=base, viewport=viewport)
        try:
            page = context.new_page()
            sign_in(page, mentor.login, heading="Hello, Ms Gulnara")
            mentees = page.get_by_test_id("mentee")
            mentees.first.wait_for(timeout=TIMEOUT_MS)
            page.get_by_role("link", name="Open Madina").click()
            page.get_by_role("heading", name="Madina").wait_for(timeout=TIMEOUT_MS)
            subjects = page.get_by_test_id("subjects")
            for subject in ("Physics 9A", "Literature 9A", "Personal goals"):
                subjects.get_by_text(subject).wait_for()
            goals = page.get_by_test_id("mentee-goals")
            for title in ("Mechanics problem sets", "Read Abai's poems", "Chess openings"):
                goals.get_by_text(title).wait_for()
            page.get_by_label("What you have observed (the student reads it)").fill(
                f"Explains mechanics well to classmates ({name})."
            )
            page.get_by_role("button", name="Add an observation").click()
            page.get_by_text(f"Explains mechanics well to classmates ({name}).").wait_for()
            page.get_by_label("What you talked about").fill("Physics takes every evening.")
            page.get_by_label("Agreed next steps (optional)").fill("Two short sessions instead.")
            page.get_by_role("button", name="Save note").click()
            page.get_by_test_id("notes").get_by_text("Two short sessions instead.").first.wait_for()
            page.screenshot(path=str(artifacts / f"mentor-student-{name}.png"), full_page=True)
            assert serious_axe_violations(page) + small_touch_targets(page) == []
        finally:
            context.close()
    # The observations are in the student's profile on their devices.
    changes, _ = pull_all(student.api, new_client_id())
    observed = sorted(c["fields"]["text"] for c in changes if c["kind"] == "observation")
    assert observed == [
        "Explains mechanics well to classmates (laptop).",
        "Explains mechanics well to classmates (phone).",
    ]
    # The note reached the student, who alone decides whether parents read it.
    notes = student.api.get(f"/api/students/{student.id}/mentor-notes").json()
    assert [n["next_steps"] for n in notes] == ["Two short sessions instead."] * 2


def test_a_teacher_with_several_classes_finds_who_needs_them_first(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    base = e2e_server.base_url
    teacher = register(base, "teacher", display_name="Mr Askar")
    rooms = [_class(teacher, f"Physics {grade}") for grade in ("7A", "8A", "9A", "10A", "11A")]
    for room in rooms:
        for _ in range(3):
            student_in(base, room)
    asking = register(base, "student", join_code=rooms[3].join_code, display_name="Nurlan")
    _goals(asking, ("Optics lab report", rooms[3].class_id, 10))

    for name, viewport in (("phone", PHONE), ("laptop", LAPTOP)):
        context = chromium.new_context(base_url=base, viewport=viewport)
        try:
            page = context.new_page()
            sign_in(page, teacher.login, heading="Hello, Mr Askar")
            # Needs you first: the one student with a decision waiting leads the table of all
            # five classes, and the row names the class the goal belongs to.
            page.get_by_text("Showing all 16").wait_for(timeout=TIMEOUT_MS)
            first = page.get_by_test_id("roster-row").first
            assert first.get_attribute("data-student") == "Nurlan"
            first.locator("td.class").filter(has_text="Physics 10A").wait_for()
            first.get_by_text("New goal “Optics lab report”").wait_for()
            roster = page.get_by_test_id("roster")
            roster.get_by_label("Class", exact=True).select_option(label="Physics 10A")
            page.get_by_text("Showing 4 of 16").wait_for()
            page.screenshot(path=str(artifacts / f"teacher-day-{name}.png"), full_page=False)
            assert serious_axe_violations(page) + small_touch_targets(page) == []
        finally:
            context.close()
