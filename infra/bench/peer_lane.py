"""The peer lane: the same sessions replicated to pouchdb-server the way PouchDB devices do.

CouchDB has no per-document read access, so each student gets a database of their own. Every
edit becomes one document revision: events (progress, time entries) new documents, goal edits
and timer stops new revisions of the document the device last saw, each with its parent in
``_revisions``. A device pushes a session as one ``_bulk_docs`` with ``new_edits: false`` (what
the replicator sends) and reads back through ``_changes`` with the documents included.
Concurrent goal edits become conflicting branches; CouchDB picks a winner per document.
"""

from __future__ import annotations

import asyncio
import hashlib
import random
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
import msgspec

from infra.bench.metrics import MemoryWatch, Traffic, load_average, watching
from infra.bench.servers import Running
from infra.bench.waypoint_lane import _timer_minutes
from infra.bench.workload import DevicePlan, Edit, Shape, StudentPlan, plan, seeded

PAGE = 1000
_encode = msgspec.json.encode
_decode = msgspec.json.decode


@dataclass
class PeerDevice:
    http: httpx.AsyncClient
    database: str
    plan: DevicePlan
    push_traffic: Traffic
    pull_traffic: Traffic
    name: str = field(default_factory=lambda: uuid.uuid4().hex)
    revisions: int = 0
    since: Any = 0
    docs: dict[str, dict[str, Any]] = field(default_factory=dict)

    def _revise(self, doc_id: str, body: dict[str, Any]) -> dict[str, Any]:
        self.revisions += 1
        new = hashlib.md5(f"{self.name}/{self.revisions}".encode()).hexdigest()  # noqa: S324
        parent = self.docs.get(doc_id)
        if parent is None:
            generation, ids = 1, [new]
        else:
            old_generation, old_hash = parent["_rev"].split("-", 1)
            generation, ids = int(old_generation) + 1, [new, old_hash]
        doc = {
            **body,
            "_id": doc_id,
            "_rev": f"{generation}-{new}",
            "_revisions": {"start": generation, "ids": ids},
        }
        stored = {k: v for k, v in doc.items() if k != "_revisions"}
        self.docs[doc_id] = stored
        return doc

    def _doc(self, edit: Edit) -> dict[str, Any]:
        args = {k: v for k, v in edit.args.items() if k != "id"}
        rid = edit.args["id"]
        if edit.name == "goal.create":
            return self._revise(f"goal:{rid}", {"type": "goal", "status": "proposed", **args})
        if edit.name == "goal.update":
            current = self._body(f"goal:{rid}")
            return self._revise(f"goal:{rid}", {**current, **args})
        if edit.name == "progress.add":
            return self._revise(f"progress:{rid}", {"type": "progress", **args})
        if edit.name == "time.log":
            return self._revise(f"time:{rid}", {"type": "time", "running": False, **args})
        if edit.name == "time.start":
            body = {"type": "time", "running": True, "minutes": None, **args}
            return self._revise(f"time:{rid}", body)
        if edit.name == "time.stop":
            current = self._body(f"time:{rid}")
            minutes = _timer_minutes(current["started_at"], args["stopped_at"])
            return self._revise(f"time:{rid}", {**current, "running": False, "minutes": minutes})
        raise ValueError(f"no peer mapping for {edit.name}")

    def _body(self, doc_id: str) -> dict[str, Any]:
        return {k: v for k, v in self.docs[doc_id].items() if not k.startswith("_")}

    async def _send(self, method: str, path: str, body: bytes | None, traffic: Traffic) -> Any:
        started = time.perf_counter()
        for attempt in range(3):
            # As on the Waypoint lane: a request racing an idle-connection close is sent again.
            try:
                response = await self.http.request(
                    method, path, content=body, headers={"content-type": "application/json"}
                )
                break
            except (httpx.ReadError, httpx.RemoteProtocolError, httpx.ConnectError):
                if attempt == 2:
                    raise
        traffic.add(started, len(body or b""), len(response.content))
        if response.status_code not in (200, 201):
            raise RuntimeError(f"peer {path}: {response.status_code} {response.text[:300]}")
        return _decode(response.content)

    async def push(self, edits: list[Edit]) -> None:
        docs = [self._doc(edit) for edit in edits]
        body = _encode({"docs": docs, "new_edits": False})
        answer = await self._send("POST", f"/{self.database}/_bulk_docs", body, self.push_traffic)
        errors = [item for item in answer if "error" in item]
        if errors:
            raise RuntimeError(f"peer refused documents: {errors[:3]}")

    async def pull(self) -> None:
        while True:
            path = (
                f"/{self.database}/_changes?style=all_docs&include_docs=true"
                f"&limit={PAGE}&since={self.since}"
            )
            page = await self._send("GET", path, None, self.pull_traffic)
            for row in page["results"]:
                if "doc" in row and row["doc"] is not None:
                    self.docs[row["id"]] = row["doc"]
            self.since = page["last_seq"]
            if len(page["results"]) < PAGE:
                return


@dataclass
class PeerStudent:
    plan: StudentPlan
    database: str
    devices: list[PeerDevice] = field(default_factory=list)


async def run(peer: Running, shape: Shape, think_s: float, watch: MemoryWatch) -> dict[str, Any]:
    """Replay the workload against the peer: set-up, timed rounds, then a check of what it holds."""
    students = [PeerStudent(p, f"student_{uuid.uuid4().hex[:8]}") for p in plan(shape)]
    push, pull = Traffic(), Traffic()
    admin = httpx.AsyncClient(base_url=peer.base_url, timeout=300)
    for student in students:
        (await admin.put(f"/{student.database}")).raise_for_status()
        student.devices.extend(_devices(peer.base_url, student))

    async def set_up(student: PeerStudent) -> None:
        await student.devices[0].push(student.plan.setup)
        for device in student.devices:
            await device.pull()

    async def rounds(device: PeerDevice, rng: random.Random) -> int:
        sent = 0
        for index in range(shape.rounds):
            if think_s > 0:
                await asyncio.sleep(rng.uniform(0, think_s))
            edits = device.plan.sessions[index]
            await device.push(edits)
            sent += len(edits)
            await device.pull()
        return sent

    try:
        await asyncio.gather(*(set_up(s) for s in students))
        for student in students:
            for device in student.devices:
                device.push_traffic, device.pull_traffic = push, pull
        rng = seeded(shape.seed)
        jobs = [
            rounds(device, seeded(rng.getrandbits(64)))
            for student in students
            for device in student.devices
        ]
        load_before = load_average()
        async with watching(watch):
            started = time.perf_counter()
            docs = sum(await asyncio.gather(*jobs))
            elapsed = time.perf_counter() - started
        failures = await _verify(admin, students)
    finally:
        await _close(admin, students)
    return {
        "devices": shape.devices,
        "docs": docs,
        "seconds": round(elapsed, 2),
        "docs_per_s": round(docs / elapsed, 1),
        "push": push.summary(),
        "pull": pull.summary(),
        "bytes_per_doc": round((push.bytes + pull.bytes) / docs, 1),
        "push_bytes_per_doc": round(push.bytes / docs, 1),
        "pull_bytes_per_doc": round(pull.bytes / docs, 1),
        "load_average": [load_before, load_average()],
        "correct": not failures,
        "failures": failures[:20],
    }


def _devices(base_url: str, student: PeerStudent) -> list[PeerDevice]:
    """One client per device of the student, each on a connection of its own."""
    return [
        PeerDevice(
            httpx.AsyncClient(
                base_url=base_url,
                timeout=300,
                limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            ),
            student.database,
            device_plan,
            Traffic(),
            Traffic(),
        )
        for device_plan in student.plan.devices
    ]


async def _close(admin: httpx.AsyncClient, students: list[PeerStudent]) -> None:
    await admin.aclose()
    for student in students:
        for device in student.devices:
            await device.http.aclose()


def _expected(student: PeerStudent) -> tuple[Counter[str], set[str]]:
    """The progress sum per goal and the document ids the student's devices sent."""
    sums: Counter[str] = Counter()
    ids = set()
    for device in student.plan.devices:
        for edits in device.sessions:
            for edit in edits:
                if edit.name == "progress.add":
                    sums[edit.args["goal_id"]] += edit.args["amount"]
                    ids.add("progress:" + edit.args["id"])
                elif edit.name in ("time.log", "time.start"):
                    ids.add("time:" + edit.args["id"])
    return sums, ids


async def _verify(admin: httpx.AsyncClient, students: list[PeerStudent]) -> list[str]:
    """Every progress event and time entry arrived once, and progress sums are exact."""
    failures = []
    for student in students:
        expected, expected_ids = _expected(student)
        response = await admin.get(f"/{student.database}/_all_docs?include_docs=true")
        rows = response.json()["rows"]
        held = {row["id"]: row["doc"] for row in rows}
        missing = expected_ids - set(held)
        if missing:
            failures.append(f"peer {student.database}: {len(missing)} documents missing")
        sums: Counter[str] = Counter()
        for doc_id, doc in held.items():
            if doc_id.startswith("progress:"):
                sums[doc["goal_id"]] += doc["amount"]
        if sums != expected:
            failures.append(f"peer {student.database}: progress sums differ")
    return failures
