"""The server is killed (SIGKILL, every process) in the middle of pushes from several devices,
restarted on the same data, and the devices retry what was not acknowledged: nothing is lost
and nothing is applied twice.

A push cut off by the kill either committed (its response was lost) or rolled back. The device
cannot tell which, so it resends the same batch with the same mutation ids; the server must
answer a committed one from its stored outcomes and apply a rolled back one now.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from sync.wire import PROTOCOL_VERSION
from tests.integration.client import Api
from tests.integration.database import query
from tests.integration.people import Person, classroom, student_in
from tests.integration.servers import Server, engine_database, kill_hard, serving
from tests.integration.sessions import sign_in
from tests.integration.syncing import clock, goal_args, new_client_id, pull_all, push

WORKERS = 2
STUDENTS = 2
DEVICES_PER_STUDENT = 2
MUTATIONS_PER_BATCH = 25
BATCHES_BEFORE_THE_KILL = 1
BATCHES_AFTER_THE_RESTART = 1
# Generous: only reached if the server never comes back.
PATIENCE_S = 120.0


class Address:
    """Where the server is now; the devices keep retrying until it answers again."""

    def __init__(self, url: str) -> None:
        self.url = url


@dataclass
class RetryingDevice:
    """A device that pushes batches of progress and resends a batch until it is acknowledged."""

    student: Person
    api: Api
    goal_id: str
    client_id: str = field(default_factory=new_client_id)
    acknowledged: int = 0
    batches_acknowledged: int = 0
    interrupted: int = 0
    responses_lost: int = 0
    outcomes: dict[int, list[str]] = field(default_factory=dict)
    amounts: dict[str, float] = field(default_factory=dict)  # progress id -> amount

    def batch(self) -> dict[str, Any]:
        """The batch after the acknowledged ids: the same body every time it is resent."""
        mutations = []
        for mid in range(self.acknowledged + 1, self.acknowledged + MUTATIONS_PER_BATCH + 1):
            progress_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.client_id}/{mid}"))
            amount = float(mid % 7 + 1)
            self.amounts[progress_id] = amount
            mutations.append(
                {
                    "mutation_id": mid,
                    "name": "progress.add",
                    "args": {
                        "id": progress_id,
                        "goal_id": self.goal_id,
                        "amount": amount,
                        "occurred_at": "2026-11-25T10:00:00Z",
                    },
                    "hlc": clock(self.client_id, ms=1_795_000_000_000, counter=mid),
                }
            )
        return {
            "protocol_version": PROTOCOL_VERSION,
            "client_id": self.client_id,
            "mutations": mutations,
        }

    def run(self, address: Address, stop: threading.Event, abandon: threading.Event) -> None:
        """Push batches until `stop`; a batch started is resent until acknowledged."""
        deadline = time.monotonic() + PATIENCE_S
        while not stop.is_set():
            body = self.batch()
            while True:
                if abandon.is_set():
                    return
                assert time.monotonic() < deadline, "the server did not come back"
                try:
                    response = self.api.post(f"{address.url}/api/sync/push", json=body)
                except httpx.TransportError as exc:
                    # Refused, reset or cut off mid-response: resend the very same batch.
                    self.interrupted += 1
                    if not isinstance(exc, httpx.ConnectError):
                        self.responses_lost += 1
                    time.sleep(0.05)
                    continue
                assert response.status_code == 200, response.text
                break
            answer = response.json()
            for result in answer["results"]:
                self.outcomes.setdefault(result["mutation_id"], []).append(result["outcome"])
            assert answer["last_mutation_id"] == body["mutations"][-1]["mutation_id"]
            self.acknowledged = answer["last_mutation_id"]
            self.batches_acknowledged += 1


@dataclass
class Crash:
    server: Server
    devices: list[RetryingDevice]
    students: list[Person]


def _wait_until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.02)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def crash(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Crash]:
    """Devices pushing; SIGKILL; restart on the same data; devices retry and finish."""
    engine = str(request.param)
    tmp = tmp_path_factory.mktemp(f"crash-{engine}")
    address, stop, abandon = Address(""), threading.Event(), threading.Event()
    devices: list[RetryingDevice] = []
    pool = ThreadPoolExecutor(max_workers=STUDENTS * DEVICES_PER_STUDENT)
    with engine_database(engine) as database_url:
        try:
            with serving(engine, tmp, database_url, workers=WORKERS) as first:
                room = classroom(first.base_url)
                students = [student_in(first.base_url, room) for _ in range(STUDENTS)]
                for student in students:
                    goal_id = str(uuid.uuid4())
                    created = push(
                        student.api, new_client_id(), (1, "goal.create", goal_args(goal_id))
                    )
                    assert created.status_code == 200, created.text
                    devices += [
                        RetryingDevice(student, sign_in(first.base_url, student), goal_id)
                        for _ in range(DEVICES_PER_STUDENT)
                    ]
                address.url = first.base_url
                running = [pool.submit(d.run, address, stop, abandon) for d in devices]
                _wait_until(
                    lambda: all(d.batches_acknowledged >= BATCHES_BEFORE_THE_KILL for d in devices),
                    "every device has pushed before the kill",
                )
                kill_hard(first)
            with serving(engine, tmp, database_url, workers=WORKERS) as second:
                address.url = second.base_url
                marks = {id(d): d.batches_acknowledged for d in devices}
                _wait_until(
                    lambda: all(
                        d.batches_acknowledged >= marks[id(d)] + BATCHES_AFTER_THE_RESTART
                        for d in devices
                    ),
                    "every device has pushed after the restart",
                )
                stop.set()
                for future in running:
                    future.result()
                for api in [s.api for s in students] + [d.api for d in devices]:
                    api.http.base_url = httpx.URL(second.base_url)
                yield Crash(second, devices, students)
        finally:
            stop.set()
            abandon.set()
            pool.shutdown(wait=True)
            for device in devices:
                device.api.close()


def test_every_device_was_cut_off_by_the_kill(crash: Crash) -> None:
    # Each device was pushing when the server died, so its next attempt at least failed.
    for device in crash.devices:
        assert device.interrupted > 0


def test_the_kill_hit_pushes_in_flight(crash: Crash) -> None:
    # The devices push back to back, so the kill finds pushes sent and not yet answered.
    assert sum(device.responses_lost for device in crash.devices) > 0


def test_every_mutation_has_exactly_one_stored_outcome(crash: Crash) -> None:
    for device in crash.devices:
        rows = query(
            crash.server,
            "SELECT mutation_id, COUNT(*) AS n FROM sync_outcome WHERE client_id = $1 "
            "GROUP BY mutation_id ORDER BY mutation_id",
            device.client_id,
        )
        assert [(int(r["mutation_id"]), int(r["n"])) for r in rows] == [
            (mid, 1) for mid in range(1, device.acknowledged + 1)
        ]


def test_a_resent_batch_gets_the_original_answer_not_a_second_apply(crash: Crash) -> None:
    # A second apply of a create would also answer "applied" (a device's own create merges
    # into itself without loss): the stored outcome rows and the exact sums catch that one.
    for device in crash.devices:
        assert sorted(device.outcomes) == list(range(1, device.acknowledged + 1))
        assert {o for answers in device.outcomes.values() for o in answers} == {"applied"}


def test_the_server_remembers_each_device_up_to_what_it_sent(crash: Crash) -> None:
    for device in crash.devices:
        rows = query(
            crash.server,
            "SELECT last_mutation_id FROM device WHERE client_id = $1",
            device.client_id,
        )
        assert int(rows[0]["last_mutation_id"]) == device.acknowledged
        _, page = pull_all(device.api, device.client_id)
        assert page["last_mutation_id"] == device.acknowledged


def test_no_progress_is_lost_or_counted_twice(crash: Crash) -> None:
    for student in crash.students:
        sent: dict[str, float] = {}
        for device in crash.devices:
            if device.student is student:
                sent |= device.amounts
        changes, _ = pull_all(student.api, new_client_id())
        stored = {c["id"]: c["fields"]["amount"] for c in changes if c["kind"] == "progress"}
        assert stored == sent
        assert sum(stored.values()) == sum(sent.values())


def test_versions_of_a_space_stay_unique_and_below_its_counter(crash: Crash) -> None:
    for student in crash.students:
        versions = [
            int(r["version"])
            for r in query(
                crash.server, "SELECT version FROM sync_record WHERE space = $1", student.id
            )
        ]
        counter = query(crash.server, "SELECT version FROM sync_space WHERE space = $1", student.id)
        assert len(versions) == len(set(versions))
        assert max(versions) <= int(counter[0]["version"])
