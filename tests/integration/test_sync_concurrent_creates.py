"""Two devices creating the same record id at the same moment: one record, nothing lost.

Each student's two devices push, at the same instant, a create of the same goal id with
different titles (and, first, their preferences, whose id is the same on every device by
design), on a server with several worker processes. Whichever commits second must not replace
the first: it is merged by the protocol's rules, so the record holds the later clock's value
and the other value is named in a conflict notice.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pytest

from sync import hlc
from sync.records import preferences_id
from sync.wire import PROTOCOL_VERSION
from tests.integration.client import Api
from tests.integration.people import Person, classroom, student_in
from tests.integration.servers import running_server
from tests.integration.sessions import sign_in
from tests.integration.syncing import goal_args, new_client_id, pull_all, push

WORKERS = {"postgres": 3, "sqlite": 2}
STUDENTS = 3
ROUNDS = 12


@dataclass
class Creator:
    """One device of a student; `sent` maps each record id to (clock, value) it created."""

    student: Person
    api: Api
    name: str
    client_id: str = field(default_factory=new_client_id)
    clock: str | None = None
    next_id: int = 1
    sent: dict[str, tuple[str, Any]] = field(default_factory=dict)
    outcomes: dict[str, str] = field(default_factory=dict)

    def mutation(self, name: str, args: dict[str, Any]) -> dict[str, Any]:
        self.clock = hlc.tick(self.clock, int(time.time() * 1000), self.client_id)
        mutation = {"mutation_id": self.next_id, "name": name, "args": args, "hlc": self.clock}
        self.next_id += 1
        return mutation

    def push(self, mutations: list[dict[str, Any]], record_ids: list[str]) -> None:
        response = self.api.post(
            "/api/sync/push",
            json={
                "protocol_version": PROTOCOL_VERSION,
                "client_id": self.client_id,
                "mutations": mutations,
            },
        )
        assert response.status_code == 200, response.text
        for record_id, result in zip(record_ids, response.json()["results"], strict=True):
            self.outcomes[record_id] = result["outcome"]

    def run(self, goal_ids: list[str], start: threading.Barrier) -> None:
        prefs = preferences_id(self.student.id)
        hours = 5 if self.name == "phone" else 9
        first = self.mutation("preferences.set", {"id": prefs, "weekly_study_hours": hours})
        self.sent[prefs] = (first["hlc"], hours)
        batch, ids = [first], [prefs]
        for goal_id in goal_ids:
            title = f"{self.name} {goal_id[:8]}"
            batch.append(self.mutation("goal.create", goal_args(goal_id, title=title)))
            ids.append(goal_id)
            self.sent[goal_id] = (batch[-1]["hlc"], title)
            start.wait()
            self.push(batch, ids)
            batch, ids = [], []


@dataclass
class Run:
    creators: list[Creator]
    final: dict[int, list[dict[str, Any]]]
    # Goal id and the outcomes of two students' creates of it at the same instant.
    across_spaces: list[tuple[str, str, str]]
    held_by: dict[str, list[int]]


def _race_across_spaces(base_url: str, first: Person, second: Person) -> list[tuple[str, str, str]]:
    """Two students create the same goal id at the same instant, ROUNDS times."""
    apis = [sign_in(base_url, first), sign_in(base_url, second)]
    start = threading.Barrier(2)

    def create(api: Api, goal_id: str) -> str:
        client_id = new_client_id()
        start.wait()
        response = push(api, client_id, (1, "goal.create", goal_args(goal_id)))
        assert response.status_code == 200, response.text
        return str(response.json()["results"][0]["outcome"])

    raced: list[tuple[str, str, str]] = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for _ in range(ROUNDS):
            goal_id = str(uuid.uuid4())
            outcomes = [pool.submit(create, api, goal_id) for api in apis]
            raced.append((goal_id, outcomes[0].result(), outcomes[1].result()))
    for api in apis:
        api.close()
    return raced


def _scenario(base_url: str) -> Run:
    room = classroom(base_url)
    students = [student_in(base_url, room) for _ in range(STUDENTS)]
    goal_ids = {s.id: [str(uuid.uuid4()) for _ in range(ROUNDS)] for s in students}
    creators = [
        Creator(student, sign_in(base_url, student), name)
        for student in students
        for name in ("phone", "tablet")
    ]
    start = threading.Barrier(len(creators))
    with ThreadPoolExecutor(max_workers=len(creators)) as pool:
        running = [pool.submit(c.run, goal_ids[c.student.id], start) for c in creators]
        for future in running:
            future.result()
    final = {s.id: pull_all(s.api, new_client_id())[0] for s in students}
    for creator in creators:
        creator.api.close()

    across = _race_across_spaces(base_url, students[0], students[1])
    held_by: dict[str, list[int]] = {}
    for student in students[:2]:
        for change in pull_all(student.api, new_client_id())[0]:
            held_by.setdefault(change["id"], []).append(student.id)
    return Run(creators, final, across, held_by)


@pytest.fixture(scope="module", params=sorted(WORKERS))
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    engine = str(request.param)
    tmp = tmp_path_factory.mktemp(f"creates-{engine}")
    with running_server(engine, tmp, workers=WORKERS[engine]) as server:
        yield _scenario(server.base_url)


def _pairs(run: Run) -> Iterator[tuple[Creator, Creator]]:
    for phone, tablet in zip(run.creators[::2], run.creators[1::2], strict=True):
        assert phone.student is tablet.student
        yield phone, tablet


def _field_of(kind: str) -> str:
    return "weekly_study_hours" if kind == "preferences" else "title"


def test_each_id_is_one_record(run: Run) -> None:
    for phone, _ in _pairs(run):
        stored = [
            (c["kind"], c["id"])
            for c in run.final[phone.student.id]
            if c["kind"] not in ("conflict_notice", "policy")
        ]
        assert sorted(stored) == sorted(
            ("preferences" if i == preferences_id(phone.student.id) else "goal", i)
            for i in phone.sent
        )


def test_the_second_create_is_merged_never_applied_over_the_first(run: Run) -> None:
    for phone, tablet in _pairs(run):
        for record_id in phone.sent:
            outcomes = sorted([phone.outcomes[record_id], tablet.outcomes[record_id]])
            assert outcomes == ["applied", "merged"], record_id


def test_the_later_clock_holds_the_value_and_the_other_is_a_conflict_notice(run: Run) -> None:
    for phone, tablet in _pairs(run):
        changes = run.final[phone.student.id]
        notices = {
            (c["fields"]["record_id"], c["fields"]["lost_value"])
            for c in changes
            if c["kind"] == "conflict_notice"
        }
        for change in changes:
            if change["kind"] in ("conflict_notice", "policy"):
                continue
            winner, loser = sorted(
                [phone.sent[change["id"]], tablet.sent[change["id"]]], reverse=True
            )
            assert change["fields"][_field_of(change["kind"])] == winner[1]
            assert (change["id"], loser[1]) in notices


def test_an_id_created_at_once_in_two_spaces_is_one_students_and_the_other_is_told(
    run: Run,
) -> None:
    for goal_id, first, second in run.across_spaces:
        assert sorted([first, second]) == ["applied", "rejected"], goal_id
        assert len(run.held_by[goal_id]) == 1
