"""The sync endpoints over real HTTP, on both engines."""

from __future__ import annotations

import time
import uuid

from sync.policy import policy_id
from sync.wire import PROTOCOL_VERSION
from tests.integration.blocking import run_blocking
from tests.integration.people import Person, classroom, parent_of, register, student_in
from tests.integration.syncing import (
    HttpSyncServer,
    clock,
    device,
    goal_args,
    new_client_id,
    pull_all,
    push,
)


def _student(base_url: str) -> Person:
    return student_in(base_url, classroom(base_url))


def test_pushed_goal_comes_back_in_a_pull(base_url: str) -> None:
    student = _student(base_url)
    client_id, goal_id = new_client_id(), str(uuid.uuid4())
    response = push(student.api, client_id, (1, "goal.create", goal_args(goal_id)))
    assert response.status_code == 200, response.text
    assert response.json()["results"] == [{"mutation_id": 1, "outcome": "applied"}]
    changes, page = pull_all(student.api, new_client_id())
    # Beside the goal, the student's one class and its policy, which the server publishes.
    assert [(c["kind"], c["id"], c["fields"].get("title")) for c in changes] == [
        ("policy", policy_id(student.id), None),
        ("goal", goal_id, "Finish chapter 4"),
    ]
    assert page["reset"] is False


def test_retried_push_gets_the_identical_answer_and_applies_once(base_url: str) -> None:
    student = _student(base_url)
    client_id, goal_id = new_client_id(), str(uuid.uuid4())
    batch = [
        (1, "goal.create", goal_args(goal_id)),
        (
            2,
            "progress.add",
            {
                "id": str(uuid.uuid4()),
                "goal_id": goal_id,
                "amount": 2,
                "occurred_at": "2026-11-25T10:00:00Z",
            },
        ),
    ]
    first = push(student.api, client_id, *batch)
    again = push(student.api, client_id, *batch)
    assert first.json() == again.json()
    changes, page = pull_all(student.api, client_id)
    assert sum(c["fields"]["amount"] for c in changes if c["kind"] == "progress") == 2
    assert page["last_mutation_id"] == 2


def test_a_gap_is_refused_naming_the_id_to_resend(base_url: str) -> None:
    student = _student(base_url)
    client_id = new_client_id()
    response = push(student.api, client_id, (3, "goal.create", goal_args(str(uuid.uuid4()))))
    assert response.status_code == 409
    assert response.json()["code"] == "mutation_gap"
    assert "resend the outbox from mutation 1" in response.json()["detail"]
    assert response.json()["expected"] == 1


def test_rejected_mutation_advances_the_queue(base_url: str) -> None:
    student = _student(base_url)
    client_id, goal_id = new_client_id(), str(uuid.uuid4())
    response = push(
        student.api,
        client_id,
        (1, "goal.fly", {"id": goal_id}),
        (2, "goal.create", goal_args(goal_id)),
    )
    results = response.json()["results"]
    assert results[0]["outcome"] == "rejected"
    assert results[0]["reason"]
    assert results[1]["outcome"] == "applied"
    assert response.json()["last_mutation_id"] == 2


def test_two_offline_increments_both_count(base_url: str) -> None:
    student = _student(base_url)
    goal_id = str(uuid.uuid4())
    phone, tablet = new_client_id(), new_client_id()
    push(student.api, phone, (1, "goal.create", goal_args(goal_id)))
    for client_id in (phone, tablet):
        mid = 2 if client_id == phone else 1
        push(
            student.api,
            client_id,
            (
                mid,
                "progress.add",
                {
                    "id": str(uuid.uuid4()),
                    "goal_id": goal_id,
                    "amount": 1,
                    "occurred_at": "2026-11-25T10:00:00Z",
                },
            ),
        )
    changes, _ = pull_all(student.api, phone)
    assert sum(c["fields"]["amount"] for c in changes if c["kind"] == "progress") == 2


def _next_millisecond() -> None:
    start = int(time.time() * 1000)
    while int(time.time() * 1000) <= start:
        time.sleep(0.0002)


def test_concurrent_title_edits_converge_with_a_conflict_notice(base_url: str) -> None:
    student = _student(base_url)
    server = HttpSyncServer({student.id: student.api})
    phone, tablet = device(student.id), device(student.id)
    goal_id = str(uuid.uuid4())

    async def scenario() -> None:
        phone.mutate("goal.create", goal_args(goal_id))
        await phone.push(server)
        await phone.pull(server)
        await tablet.pull(server)
        base_phone = phone.base_clocks("goal", goal_id, ["title"])
        base_tablet = tablet.base_clocks("goal", goal_id, ["title"])
        phone.mutate("goal.update", {"id": goal_id, "title": "Phone title", "base": base_phone})
        # The tablet edits later: in the same millisecond the two clocks would tie, and the
        # client ids (random here) would decide which edit is the later one.
        _next_millisecond()
        tablet.mutate("goal.update", {"id": goal_id, "title": "Tablet title", "base": base_tablet})
        await phone.push(server)
        await tablet.push(server)
        for d in (phone, tablet, phone):
            await d.pull(server)

    run_blocking(scenario())
    assert phone.view() == tablet.view()
    goal = phone.view()[("goal", goal_id)]
    assert goal.fields["title"] == "Tablet title"
    notices = [r for r in phone.view().values() if r.kind == "conflict_notice"]
    assert [n.fields["lost_value"] for n in notices] == ["Phone title"]


def test_another_users_client_id_is_refused(base_url: str) -> None:
    room = classroom(base_url)
    owner, other = student_in(base_url, room), student_in(base_url, room)
    client_id = new_client_id()
    push(owner.api, client_id, (1, "goal.create", goal_args(str(uuid.uuid4()))))
    response = push(other.api, client_id, (1, "goal.create", goal_args(str(uuid.uuid4()))))
    assert response.status_code == 403
    assert response.json()["code"] == "client_not_yours"


def test_unsupported_protocol_asks_for_an_app_update(base_url: str) -> None:
    student = _student(base_url)
    response = student.api.post(
        "/api/sync/pull", json={"protocol_version": 99, "client_id": new_client_id()}
    )
    assert response.status_code == 400
    assert response.json()["code"] == "update_required"
    assert "update the app" in response.json()["detail"]


def test_push_over_the_mutation_limit_is_413_naming_it(base_url: str) -> None:
    student = _student(base_url)
    client_id = new_client_id()
    mutations = [
        {
            "mutation_id": i,
            "name": "goal.delete",
            "args": {"id": str(uuid.uuid4())},
            "hlc": clock(client_id, counter=i),
        }
        for i in range(1, 502)
    ]
    response = student.api.post(
        "/api/sync/push",
        json={"protocol_version": PROTOCOL_VERSION, "client_id": client_id, "mutations": mutations},
    )
    assert response.status_code == 413
    assert "500" in response.json()["detail"]


def test_only_students_push(base_url: str) -> None:
    teacher = register(base_url, "teacher")
    response = push(teacher.api, new_client_id(), (1, "goal.create", goal_args(str(uuid.uuid4()))))
    assert response.status_code == 403


def test_parent_sees_child_but_not_private_details_or_notices(base_url: str) -> None:
    student = _student(base_url)
    parent, _ = parent_of(base_url, student)
    entry_id = str(uuid.uuid4())
    push(
        student.api,
        new_client_id(),
        (
            1,
            "time.log",
            {
                "id": entry_id,
                "kind": "free",
                "category": "friends",
                "started_at": "2026-11-25T15:00:00Z",
                "minutes": 90,
                "private": True,
                "note": "party",
            },
        ),
    )
    changes, _ = pull_all(parent.api, new_client_id())
    entry = next(c for c in changes if c["id"] == entry_id)
    assert entry["fields"]["minutes"] == 90
    assert "note" not in entry["fields"]
    assert "category" not in entry["fields"]


def test_unlinked_parent_is_told_to_drop_the_childs_space(base_url: str) -> None:
    student = _student(base_url)
    parent, link_id = parent_of(base_url, student)
    push(student.api, new_client_id(), (1, "goal.create", goal_args(str(uuid.uuid4()))))
    parent_device = new_client_id()
    changes, page = pull_all(parent.api, parent_device)
    assert changes
    student.api.delete(f"/api/guardian-links/{link_id}")
    _, after = pull_all(parent.api, parent_device, cursor=page["cursor"])
    assert after["removed_spaces"] == [student.id]


def test_teacher_pulls_the_class_and_not_other_classes(base_url: str) -> None:
    mine, theirs = classroom(base_url), classroom(base_url)
    a, b = student_in(base_url, mine), student_in(base_url, theirs)
    push(a.api, new_client_id(), (1, "goal.create", goal_args(str(uuid.uuid4()))))
    push(b.api, new_client_id(), (1, "goal.create", goal_args(str(uuid.uuid4()))))
    changes, _ = pull_all(mine.teacher.api, new_client_id())
    assert {c["space"] for c in changes} == {a.id}


def test_garbage_cursor_gets_a_reset_with_a_full_snapshot(base_url: str) -> None:
    student = _student(base_url)
    goal_id = str(uuid.uuid4())
    push(student.api, new_client_id(), (1, "goal.create", goal_args(goal_id)))
    first = student.api.post(
        "/api/sync/pull",
        json={
            "protocol_version": PROTOCOL_VERSION,
            "client_id": new_client_id(),
            "cursor": "not-a-cursor",
        },
    ).json()
    assert first["reset"] is True
    assert [c["id"] for c in first["changes"]] == [policy_id(student.id), goal_id]
