"""The Waypoint lane: devices that record offline sessions, push them, and pull, over real HTTP.

Each device keeps what a real one keeps (its view of the server's records, an HLC, a cursor, the
next mutation id) so its goal edits carry honest ``base`` clocks and its clock advances past what
it pulls. An oracle follows every edit the devices send and, after the run, checks the server's
state and every device's view against it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import httpx
import msgspec

from infra.bench import servers
from infra.bench.metrics import Traffic
from infra.bench.workload import DevicePlan, Edit, StudentPlan, seeded
from sync import hlc
from sync.records import GOVERNED_GOAL_FIELDS
from sync.wire import MAX_MUTATIONS_PER_PUSH, PROTOCOL_VERSION

PASSWORD = "correct horse battery"  # noqa: S105 - throwaway accounts in a scratch database
ATTEMPTS = 8
KIND_OF = {"goal": "goal", "progress": "progress", "time": "time_entry"}
Key = tuple[str, str]

_encode = msgspec.json.encode
_decode = msgspec.json.decode


def _now_ms() -> int:
    return int(time.time() * 1000)


def _timer_minutes(started_at: str, stopped_at: str) -> int:
    begun = dt.datetime.fromisoformat(started_at.replace("Z", "+00:00"))
    ended = dt.datetime.fromisoformat(stopped_at.replace("Z", "+00:00"))
    return min(max(round((ended - begun).total_seconds() / 60), 1), 24 * 60)


@dataclass
class Oracle:
    """What the server must hold for one student once every device has synced."""

    progress: dict[str, tuple[str, float]] = field(default_factory=dict)
    time_entries: dict[str, dict[str, Any]] = field(default_factory=dict)
    goal_fields: dict[str, dict[str, tuple[str, Any]]] = field(default_factory=dict)
    started: dict[str, str] = field(default_factory=dict)

    def record(self, edit: Edit, clock: str) -> None:
        args = edit.args
        if edit.name == "goal.create":
            values = {k: v for k, v in args.items() if k != "id"} | {"status": "proposed"}
            self.goal_fields[args["id"]] = {k: (clock, v) for k, v in values.items()}
        elif edit.name == "goal.update":
            fields = self.goal_fields[args["id"]]
            for name, value in args.items():
                if name != "id" and (name not in fields or fields[name][0] < clock):
                    fields[name] = (clock, value)
        elif edit.name == "progress.add":
            self.progress[args["id"]] = (args["goal_id"], float(args["amount"]))
        elif edit.name == "time.log":
            self.time_entries[args["id"]] = {"running": False, "minutes": args["minutes"]}
        elif edit.name == "time.start":
            self.started[args["id"]] = args["started_at"]
            self.time_entries[args["id"]] = {"running": True, "minutes": None}
        elif edit.name == "time.stop":
            minutes = _timer_minutes(self.started[args["id"]], args["stopped_at"])
            self.time_entries[args["id"]] = {"running": False, "minutes": minutes}


@dataclass
class Device:
    """One device of one student."""

    http: httpx.AsyncClient
    plan: DevicePlan
    user_id: int
    oracle: Oracle
    push_traffic: Traffic
    pull_traffic: Traffic
    client_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    clock: str | None = None
    next_id: int = 1
    cursor: str | None = None
    last_mutation_id: int = 0
    view: dict[Key, dict[str, Any]] = field(default_factory=dict)
    outcomes: Counter[str] = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    retries: int = 0
    server_errors: Counter[int] = field(default_factory=Counter)

    def _mutation(self, edit: Edit) -> dict[str, Any]:
        self.clock = hlc.tick(self.clock, _now_ms(), self.client_id)
        prefix, _, _ = edit.name.partition(".")
        key = (KIND_OF[prefix], edit.args["id"])
        args = dict(edit.args)
        local = self.view.get(key)
        if edit.name.endswith(".update"):
            seen = local["clocks"] if local else {}
            args["base"] = {f: seen[f] for f in args if f != "id" and f in seen}
        # Apply optimistically, as the device's UI does: its own edit is what it saw last.
        changed = {k: v for k, v in edit.args.items() if k != "id"}
        if local is None:
            self.view[key] = {
                "fields": changed,
                "clocks": dict.fromkeys(changed, self.clock),
                "deleted": False,
            }
        else:
            local["fields"].update(changed)
            local["clocks"].update(dict.fromkeys(changed, self.clock))
        self.oracle.record(edit, self.clock)
        mutation = {"mutation_id": self.next_id, "name": edit.name, "args": args, "hlc": self.clock}
        self.next_id += 1
        return mutation

    async def _post(self, path: str, body: bytes, traffic: Traffic) -> httpx.Response:
        started = time.perf_counter()
        headers = {
            "content-type": "application/json",
            "x-csrftoken": self.http.cookies.get("csrftoken") or "",
        }
        for attempt in range(ATTEMPTS):
            # A device sends again after a transport error (e.g. racing the server's close of an
            # idle keep-alive connection) or a 5xx, backing off: pushes are idempotent and a
            # failed push was rolled back. Latency counts from the first attempt.
            try:
                response = await self.http.post(path, content=body, headers=headers)
            except (httpx.ReadError, httpx.RemoteProtocolError, httpx.ConnectError):
                if attempt == ATTEMPTS - 1:
                    raise
                self.retries += 1
                continue
            if response.status_code < 500 or attempt == ATTEMPTS - 1:
                break
            self.server_errors[response.status_code] += 1
            await asyncio.sleep(min(0.25 * 2**attempt, 8.0))
        traffic.add(started, len(body), len(response.content))
        return response

    async def push(self, edits: list[Edit]) -> None:
        mutations = [self._mutation(edit) for edit in edits]
        for start in range(0, len(mutations), MAX_MUTATIONS_PER_PUSH):
            batch = mutations[start : start + MAX_MUTATIONS_PER_PUSH]
            body = _encode(
                {
                    "protocol_version": PROTOCOL_VERSION,
                    "client_id": self.client_id,
                    "mutations": batch,
                }
            )
            response = await self._post("/api/sync/push", body, self.push_traffic)
            if response.status_code != 200:
                raise RuntimeError(f"push failed: {response.status_code} {response.text[:500]}")
            answer = _decode(response.content)
            if answer["last_mutation_id"] != batch[-1]["mutation_id"]:
                self.problems.append(
                    f"{self.client_id}: push acknowledged {answer['last_mutation_id']}, "
                    f"sent up to {batch[-1]['mutation_id']}"
                )
            for result in answer["results"]:
                self.outcomes[result["outcome"]] += 1
                if result["outcome"] == "rejected" and len(self.problems) < 5:
                    self.problems.append(f"{self.client_id}: rejected: {result.get('reason')}")

    async def pull(self) -> int:
        """Pull every page since the cursor; returns the number of changes received."""
        received = 0
        while True:
            body = _encode(
                {
                    "protocol_version": PROTOCOL_VERSION,
                    "client_id": self.client_id,
                    "cursor": self.cursor,
                }
            )
            response = await self._post("/api/sync/pull", body, self.pull_traffic)
            if response.status_code != 200:
                raise RuntimeError(f"pull failed: {response.status_code} {response.text[:500]}")
            page = _decode(response.content)
            if page["reset"]:
                self.view.clear()
            newest = None
            for change in page["changes"]:
                self.view[(change["kind"], change["id"])] = {
                    "fields": change["fields"],
                    "clocks": change["clocks"],
                    "deleted": change["deleted"],
                }
                for clock in change["clocks"].values():
                    if newest is None or clock > newest:
                        newest = clock
            if newest is not None:
                self.clock = hlc.receive(self.clock, newest, _now_ms(), self.client_id)
            received += len(page["changes"])
            self.cursor = page["cursor"]
            self.last_mutation_id = page["last_mutation_id"]
            if not page["has_more"]:
                return received


@dataclass
class Student:
    user_id: int
    plan: StudentPlan
    cookies: httpx.Cookies
    oracle: Oracle = field(default_factory=Oracle)
    devices: list[Device] = field(default_factory=list)


async def _register(base_url: str, role: str, **fields: Any) -> tuple[int, httpx.AsyncClient]:
    http = httpx.AsyncClient(base_url=base_url, timeout=120)
    (await http.get("/api/health")).raise_for_status()
    login = f"{role[:2]}{uuid.uuid4().hex[:10]}"
    body = {"role": role, "login": login, "password": PASSWORD, "display_name": login, **fields}
    response = await http.post(
        "/api/auth/register",
        json=body,
        headers={"x-csrftoken": http.cookies.get("csrftoken") or ""},
    )
    if response.status_code != 201:
        raise RuntimeError(f"register failed: {response.status_code} {response.text[:300]}")
    return int(response.json()["id"]), http


def _limits() -> httpx.Limits:
    return httpx.Limits(max_connections=1, max_keepalive_connections=1)


async def _teacher_invite(server: servers.Running) -> str:
    """An invitation for a teacher, from a school administrator made for the run."""
    login = f"ad{uuid.uuid4().hex[:10]}"
    await asyncio.to_thread(servers.create_admin, server, login, PASSWORD)
    async with httpx.AsyncClient(base_url=server.base_url, timeout=120) as admin:
        (await admin.get("/api/health")).raise_for_status()
        token = {"x-csrftoken": admin.cookies.get("csrftoken") or ""}
        signed_in = await admin.post(
            "/api/auth/login", json={"login": login, "password": PASSWORD}, headers=token
        )
        signed_in.raise_for_status()
        token = {"x-csrftoken": admin.cookies.get("csrftoken") or ""}
        invite = await admin.post("/api/school/teacher-invites", headers=token)
        invite.raise_for_status()
        return str(invite.json()["code"])


async def enrol(server: servers.Running, plans: list[StudentPlan]) -> list[Student]:
    """A teacher, one class, and every student of the plan registered into it."""
    base_url = server.base_url
    _, teacher = await _register(base_url, "teacher", invite_code=await _teacher_invite(server))
    created = await teacher.post(
        "/api/classes",
        json={"name": "Bench"},
        headers={"x-csrftoken": teacher.cookies.get("csrftoken") or ""},
    )
    created.raise_for_status()
    join_code = created.json()["join_code"]
    await teacher.aclose()
    gate = asyncio.Semaphore(4)

    async def one(plan: StudentPlan) -> Student:
        async with gate:
            user_id, http = await _register(base_url, "student", join_code=join_code)
        cookies = httpx.Cookies(http.cookies)
        await http.aclose()
        return Student(user_id, plan, cookies)

    return list(await asyncio.gather(*(one(p) for p in plans)))


def attach_devices(base_url: str, student: Student, push: Traffic, pull: Traffic) -> None:
    """Each device is its own HTTP connection, signed in to the student's session."""
    for device_plan in student.plan.devices:
        http = httpx.AsyncClient(
            base_url=base_url, timeout=300, cookies=student.cookies, limits=_limits()
        )
        student.devices.append(
            Device(http, device_plan, student.user_id, student.oracle, push, pull)
        )


async def set_up(students: list[Student]) -> None:
    """Each student's first device creates the shared goals; then every device syncs once."""

    async def one(student: Student) -> None:
        await student.devices[0].push(student.plan.setup)
        for device in student.devices:
            await device.pull()

    await asyncio.gather(*(one(s) for s in students))


async def run_rounds(students: list[Student], rounds: int, think_s: float, seed: int) -> int:
    """Every device, concurrently: record a session, push it, pull; ``rounds`` times.

    Between rounds a device waits a random time up to ``think_s`` (0: back to back, the
    saturation case). Returns the number of mutations pushed.
    """
    total = 0

    async def one(device: Device, rng: random.Random) -> None:
        nonlocal total
        for round_index in range(rounds):
            if think_s > 0:
                await asyncio.sleep(rng.uniform(0, think_s))
            edits = device.plan.sessions[round_index]
            await device.push(edits)
            total += len(edits)
            await device.pull()

    rng = seeded(seed)
    tasks = []
    for student in students:
        for device in student.devices:
            tasks.append(one(device, seeded(rng.getrandbits(64))))
    await asyncio.gather(*tasks)
    return total


@dataclass
class Verdict:
    """Correctness of a lane: every failed check, and the counts behind them."""

    failures: list[str] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    records: int = 0
    conflict_notices: int = 0

    @property
    def ok(self) -> bool:
        return not self.failures


def _snapshot(view: dict[Key, dict[str, Any]]) -> dict[Key, Any]:
    return {key: value["fields"] for key, value in view.items() if not value["deleted"]}


async def verify(base_url: str, students: list[Student]) -> Verdict:
    """Sync every device once more, read each space fresh, and hold both to the oracle."""
    verdict = Verdict()
    await asyncio.gather(*(d.pull() for s in students for d in s.devices))
    for student in students:
        fresh = Device(
            httpx.AsyncClient(base_url=base_url, timeout=300, cookies=student.cookies),
            student.devices[0].plan,
            student.user_id,
            Oracle(),
            Traffic(),
            Traffic(),
        )
        await fresh.pull()
        await fresh.http.aclose()
        server = _snapshot(fresh.view)
        verdict.records += len(server)
        verdict.conflict_notices += sum(1 for kind, _ in server if kind == "conflict_notice")
        _check_student(student, server, verdict)
        for device in student.devices:
            verdict.outcomes.update(device.outcomes)
            verdict.failures.extend(device.problems[:3])
            sent = device.next_id - 1
            if device.last_mutation_id != sent:
                verdict.failures.append(
                    f"device {device.client_id}: last_mutation_id {device.last_mutation_id}, "
                    f"sent {sent}"
                )
            if _snapshot(device.view) != server:
                verdict.failures.append(f"device {device.client_id} did not converge")
    if verdict.outcomes["rejected"] or verdict.outcomes["duplicate"]:
        verdict.failures.append(f"unexpected outcomes: {dict(verdict.outcomes)}")
    return verdict


def _check_student(student: Student, server: dict[Key, Any], verdict: Verdict) -> None:
    oracle = student.oracle
    who = f"student {student.user_id}"
    progress = {rid: f for (kind, rid), f in server.items() if kind == "progress"}
    if set(progress) != set(oracle.progress):
        lost = len(set(oracle.progress) - set(progress))
        extra = len(set(progress) - set(oracle.progress))
        verdict.failures.append(f"{who}: progress events lost {lost}, unexpected {extra}")
    sums: dict[str, float] = defaultdict(float)
    expected_sums: dict[str, float] = defaultdict(float)
    for fields in progress.values():
        sums[fields["goal_id"]] += fields["amount"]
    for goal_id, amount in oracle.progress.values():
        expected_sums[goal_id] += amount
    if sums != expected_sums:
        verdict.failures.append(f"{who}: progress sums differ from what the devices added")
    _check_time_entries(student, server, verdict)
    _check_goals(student, server, verdict)


def _check_time_entries(student: Student, server: dict[Key, Any], verdict: Verdict) -> None:
    oracle = student.oracle
    who = f"student {student.user_id}"
    entries = {rid: f for (kind, rid), f in server.items() if kind == "time_entry"}
    if set(entries) != set(oracle.time_entries):
        verdict.failures.append(f"{who}: time entries differ from those logged")
    for rid, want in oracle.time_entries.items():
        got = entries.get(rid)
        if got is not None and (got["running"], got.get("minutes")) != (
            want["running"],
            want["minutes"],
        ):
            verdict.failures.append(f"{who}: time entry {rid} is {got}, expected {want}")
            break


def _check_goals(student: Student, server: dict[Key, Any], verdict: Verdict) -> None:
    oracle = student.oracle
    who = f"student {student.user_id}"
    goals = {rid: f for (kind, rid), f in server.items() if kind == "goal"}
    if set(goals) != set(oracle.goal_fields):
        verdict.failures.append(f"{who}: goals differ from those created")
    for goal_id, fields in oracle.goal_fields.items():
        # Governed fields may await a teacher's approval, depending on the class policy.
        expected = {n: v for n, (_, v) in fields.items() if n not in GOVERNED_GOAL_FIELDS}
        got = goals.get(goal_id)
        if got is not None and any(got.get(k) != v for k, v in expected.items()):
            verdict.failures.append(f"{who}: goal {goal_id} is not the latest write per field")
            break
