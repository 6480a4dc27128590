"""Many devices writing at once while pullers keep pulling: nothing is skipped, nothing is lost.

A server with several worker processes takes batches from eleven devices of four students at
the same time (five of them one student's, editing the same goals), while one puller per
student keeps pulling small pages with its cursor. A cursor that skipped a change committed
late by a concurrent transaction would leave that puller without a record that a fresh pull
has, because the cursor has already moved past its version.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import pytest

from sync import hlc
from sync.wire import PROTOCOL_VERSION
from tests.integration.client import Api
from tests.integration.people import Person, classroom, student_in
from tests.integration.servers import Server, running_server
from tests.integration.sessions import sign_in
from tests.integration.syncing import goal_args, new_client_id, pull_all

WORKERS = {"postgres": 3, "sqlite": 2}
STUDENTS = 4
DEVICES_PER_STUDENT = 2
EXTRA_DEVICES_OF_FIRST_STUDENT = 3
GOALS_PER_STUDENT = 3
BATCHES_PER_DEVICE = 6
MUTATIONS_PER_BATCH = 6
PULL_PAGE = 20

Key = tuple[str, str]


@dataclass
class Writer:
    """One device of a student, with everything the server acknowledged to it."""

    student: Person
    api: Api
    goals: list[str]
    client_id: str = field(default_factory=new_client_id)
    clock: str | None = None
    sent: int = 0
    progress: dict[str, tuple[str, int]] = field(default_factory=dict)  # id -> (goal, amount)
    titles: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # goal -> (hlc, title)
    outcomes: dict[int, str] = field(default_factory=dict)

    def batch(self, rng: random.Random) -> tuple[list[dict[str, Any]], dict[int, Any]]:
        """The next batch: progress on several goals and title edits, in a random order."""
        mutations: list[dict[str, Any]] = []
        meaning: dict[int, Any] = {}
        for _ in range(MUTATIONS_PER_BATCH):
            self.sent += 1
            self.clock = hlc.tick(self.clock, int(time.time() * 1000), self.client_id)
            goal = rng.choice(self.goals)
            if rng.random() < 0.7:
                progress_id, amount = str(uuid.uuid4()), rng.randint(1, 5)
                name = "progress.add"
                args: dict[str, Any] = {
                    "id": progress_id,
                    "goal_id": goal,
                    "amount": amount,
                    "occurred_at": "2026-11-25T10:00:00Z",
                }
                meaning[self.sent] = ("progress", progress_id, goal, amount)
            else:
                title = f"title {self.client_id[:6]}/{self.sent}"
                name, args = "goal.update", {"id": goal, "title": title}
                meaning[self.sent] = ("title", goal, self.clock, title)
            mutations.append(
                {"mutation_id": self.sent, "name": name, "args": args, "hlc": self.clock}
            )
        return mutations, meaning

    def run(self, seed: int, start: threading.Barrier) -> None:
        rng = random.Random(seed)
        start.wait()
        for _ in range(BATCHES_PER_DEVICE):
            mutations, meaning = self.batch(rng)
            response = self.api.post(
                "/api/sync/push",
                json={
                    "protocol_version": PROTOCOL_VERSION,
                    "client_id": self.client_id,
                    "mutations": mutations,
                },
            )
            # A deadlock or a serialisation failure would surface here as a 5xx.
            assert response.status_code == 200, response.text
            for result in response.json()["results"]:
                mid = result["mutation_id"]
                self.outcomes[mid] = result["outcome"]
                if result["outcome"] not in ("applied", "merged"):
                    continue
                what = meaning[mid]
                if what[0] == "progress":
                    self.progress[what[1]] = (what[2], what[3])
                else:
                    self.titles.setdefault(what[1], []).append((what[2], what[3]))


@dataclass
class Puller:
    """A device of a student that only pulls, page by page, while the others write."""

    student: Person
    api: Api
    client_id: str = field(default_factory=new_client_id)
    cursor: str | None = None
    state: dict[Key, dict[str, Any]] = field(default_factory=dict)
    versions_seen: dict[int, list[int]] = field(default_factory=dict)
    pages: int = 0

    def pull_page(self) -> bool:
        response = self.api.post(
            "/api/sync/pull",
            json={
                "protocol_version": PROTOCOL_VERSION,
                "client_id": self.client_id,
                "cursor": self.cursor,
                "limit": PULL_PAGE,
            },
        )
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["reset"] is False
        self.pages += 1
        for change in page["changes"]:
            self.versions_seen.setdefault(change["space"], []).append(change["version"])
            key = (change["kind"], change["id"])
            held = self.state.get(key)
            if held is None or change["version"] > held["version"]:
                self.state[key] = change
        self.cursor = page["cursor"]
        return bool(page["has_more"])

    def run(self, writers_done: threading.Event, start: threading.Barrier) -> None:
        start.wait()
        while not writers_done.is_set():
            self.pull_page()
        # Catch up once after the last write: pages until has_more is false.
        while self.pull_page():
            pass


@dataclass
class Run:
    students: list[Person]
    writers: list[Writer]
    pullers: list[Puller]
    final: dict[int, dict[Key, dict[str, Any]]]
    initial_titles: dict[str, str]


def _live(changes: dict[Key, dict[str, Any]]) -> dict[Key, tuple[int, dict[str, Any]]]:
    return {k: (c["version"], c["fields"]) for k, c in changes.items() if not c["deleted"]}


def _scenario(server: Server) -> Run:
    room = classroom(server.base_url)
    students = [student_in(server.base_url, room) for _ in range(STUDENTS)]
    initial_titles: dict[str, str] = {}
    goals: dict[int, list[str]] = {}
    for student in students:
        setup = new_client_id()
        ids = [str(uuid.uuid4()) for _ in range(GOALS_PER_STUDENT)]
        mutations = []
        for i, goal_id in enumerate(ids, start=1):
            title = f"goal {i} of {student.login}"
            initial_titles[goal_id] = title
            mutations.append(
                {
                    "mutation_id": i,
                    "name": "goal.create",
                    "args": goal_args(goal_id, title=title),
                    # Older than anything the writers send, so every edit supersedes it.
                    "hlc": f"{int(time.time() * 1000) - 60_000:013d}-{i:06d}-{setup}",
                }
            )
        created = student.api.post(
            "/api/sync/push",
            json={"protocol_version": PROTOCOL_VERSION, "client_id": setup, "mutations": mutations},
        )
        assert created.status_code == 200, created.text
        goals[student.id] = ids

    writers = [
        Writer(student, sign_in(server.base_url, student), goals[student.id])
        for i, student in enumerate(students)
        for _ in range(DEVICES_PER_STUDENT + (EXTRA_DEVICES_OF_FIRST_STUDENT if i == 0 else 0))
    ]
    pullers = [Puller(student, sign_in(server.base_url, student)) for student in students]
    writers_done = threading.Event()
    start = threading.Barrier(len(writers) + len(pullers))
    with ThreadPoolExecutor(max_workers=len(writers) + len(pullers)) as pool:
        pulling = [pool.submit(p.run, writers_done, start) for p in pullers]
        writing = [pool.submit(w.run, seed, start) for seed, w in enumerate(writers)]
        try:
            for future in writing:
                future.result()
        finally:
            writers_done.set()
        for future in pulling:
            future.result()

    final: dict[int, dict[Key, dict[str, Any]]] = {}
    for student in students:
        changes, _ = pull_all(student.api, new_client_id())
        final[student.id] = {(c["kind"], c["id"]): c for c in changes}
    for api in [w.api for w in writers] + [p.api for p in pullers]:
        api.close()
    return Run(students, writers, pullers, final, initial_titles)


@pytest.fixture(scope="module", params=sorted(WORKERS))
def run(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    """One busy run per engine, on a server with several worker processes."""
    engine = str(request.param)
    tmp = tmp_path_factory.mktemp(f"concurrency-{engine}")
    with running_server(engine, tmp, workers=WORKERS[engine]) as server:
        yield _scenario(server)


def test_every_batch_was_accepted_and_every_mutation_applied(run: Run) -> None:
    for writer in run.writers:
        assert writer.sent == BATCHES_PER_DEVICE * MUTATIONS_PER_BATCH
        assert sorted(writer.outcomes) == list(range(1, writer.sent + 1))
        assert set(writer.outcomes.values()) <= {"applied", "merged"}


def test_pullers_pulled_while_the_writes_were_going_on(run: Run) -> None:
    # More pages than a single catch-up needs: the pullers really raced the writers.
    for puller in run.pullers:
        assert puller.pages > 1


def test_what_a_puller_received_during_the_writes_equals_a_fresh_full_pull(run: Run) -> None:
    for puller in run.pullers:
        assert _live(puller.state) == _live(run.final[puller.student.id])


def test_a_puller_sees_each_space_in_strictly_increasing_versions(run: Run) -> None:
    for puller in run.pullers:
        assert list(puller.versions_seen) == [puller.student.id]
        versions = puller.versions_seen[puller.student.id]
        assert versions == sorted(set(versions))


def test_no_acknowledged_progress_is_lost_and_sums_are_exact(run: Run) -> None:
    for student in run.students:
        final = run.final[student.id]
        acknowledged: dict[str, tuple[str, int]] = {}
        for writer in run.writers:
            if writer.student is student:
                acknowledged |= writer.progress
        stored = {
            id_: (c["fields"]["goal_id"], c["fields"]["amount"])
            for (kind, id_), c in final.items()
            if kind == "progress" and not c["deleted"]
        }
        assert stored == acknowledged
        for goal in {goal for goal, _ in acknowledged.values()}:
            expected = sum(a for g, a in acknowledged.values() if g == goal)
            assert sum(a for g, a in stored.values() if g == goal) == expected


def test_titles_edited_from_several_devices_end_with_the_latest_clock(run: Run) -> None:
    for student in run.students:
        writes: dict[str, list[tuple[str, str]]] = {}
        for writer in run.writers:
            if writer.student is student:
                for goal, titles in writer.titles.items():
                    writes.setdefault(goal, []).extend(titles)
        for (kind, goal_id), change in run.final[student.id].items():
            if kind != "goal":
                continue
            expected = max(writes[goal_id])[1] if goal_id in writes else None
            assert change["fields"]["title"] == (expected or run.initial_titles[goal_id])


def test_every_device_is_acknowledged_up_to_its_last_mutation(run: Run) -> None:
    for writer in run.writers:
        _, page = pull_all(writer.student.api, writer.client_id)
        assert page["last_mutation_id"] == writer.sent
