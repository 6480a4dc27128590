"""sync/vectors/mutations.json: what each mutation does, on the server and on a device.

The engine (sync/rules.py on the in-memory store) and the reference client's offline replay
(sync/replay.py) must both turn each case's prior records into its expected view; the PWA's
replay runs the same file (pwa/test/mutations.test.ts).
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from sync.actor import Actor
from sync.client import Device
from sync.kinds import ClassTerms
from sync.memory import MemoryServer, MemoryStore
from sync.mutations import MUTATION_NAMES
from sync.policy import ApprovalPolicy, classes_fields, policy_id
from sync.records import CHANGE_REQUEST, CONFLICT_NOTICE, POLICY, Record
from sync.replay import PENDING_PROPOSAL, LocalRecord
from sync.wire import PROTOCOL_VERSION, Mutation, PushRequest

VECTORS = json.loads(
    (Path(__file__).resolve().parents[3] / "sync" / "vectors" / "mutations.json").read_text()
)
SPACE: int = VECTORS["space"]
NOW_MS: int = VECTORS["now_ms"]
CASES: list[dict[str, Any]] = VECTORS["cases"]
CLIENT = "phone"

Fields = dict[str, Any]


class View(msgspec.Struct, frozen=True):
    """What a case compares: every record's fields by "kind/id", and what waits per goal."""

    records: dict[str, Fields]
    pending: dict[str, Fields]


def _expected(case: dict[str, Any]) -> View:
    records = {f"{r['kind']}/{r['id']}": r["fields"] for r in case["prior"]}
    for key, fields in case["expected"]["records"].items():
        if fields is None:
            records.pop(key, None)
        else:
            records[key] = fields
    return View(records, case["expected"].get("pending", {}))


def _mutation(case: dict[str, Any]) -> Mutation:
    raw = case["mutation"]
    return Mutation(mutation_id=1, name=raw["name"], args=raw["args"], hlc=raw["hlc"])


def _classes(case: dict[str, Any]) -> dict[int, ApprovalPolicy]:
    """The student's classes: the case's ``classes``, else class 3 under the case's policy."""
    raw = case.get("classes", {str(VECTORS["class_id"]): case.get("policy", {})})
    return {int(k): msgspec.convert(v, ApprovalPolicy) for k, v in raw.items()}


async def _on_engine(case: dict[str, Any]) -> tuple[View, str]:
    store = MemoryStore()
    actor = Actor(SPACE, "student", frozenset({SPACE}), SPACE)
    server = MemoryServer(store, {SPACE: actor}, lambda: NOW_MS)
    await server.set_policies(SPACE, _classes(case))
    first = await store.reserve_versions(SPACE, len(case["prior"]) or 1)
    await store.put_records(
        [
            Record(
                kind=r["kind"],
                id=r["id"],
                space=SPACE,
                fields=r["fields"],
                clocks=r["clocks"],
                version=first + n,
                created_by=SPACE,
            )
            for n, r in enumerate(case["prior"])
        ]
    )
    before = {(r.kind, r.id) for r in store.records()}
    request = PushRequest(
        protocol_version=PROTOCOL_VERSION, client_id=CLIENT, mutations=[_mutation(case)]
    )
    [result] = (await server.push(SPACE, request)).results
    records: dict[str, Fields] = {}
    pending: dict[str, Fields] = {}
    for record in store.records():
        if record.deleted or record.kind == POLICY:
            continue
        if record.kind == CHANGE_REQUEST:
            if record.fields["status"] == "pending":
                key = f"goal/{record.fields['goal_id']}"
                pending[key] = {**pending.get(key, {}), **record.fields["proposed"]}
            continue
        if record.kind == CONFLICT_NOTICE and (record.kind, record.id) not in before:
            continue
        records[f"{record.kind}/{record.id}"] = record.fields
    return View(records, pending), result.outcome


def _view_of(records: dict[tuple[str, str], LocalRecord]) -> View:
    fields: dict[str, Fields] = {}
    pending: dict[str, Fields] = {}
    for (kind, record_id), record in records.items():
        if kind == POLICY:
            continue
        key = f"{kind}/{record_id}"
        values = dict(record.fields)
        if PENDING_PROPOSAL in values:
            pending[key] = values.pop(PENDING_PROPOSAL)
        fields[key] = values
    return View(fields, pending)


def _on_device(case: dict[str, Any]) -> View:
    phone = Device(client_id=CLIENT, user_id=SPACE, home_space=SPACE, now_ms=lambda: NOW_MS)
    for r in case["prior"]:
        phone.server_state[(r["kind"], r["id"])] = LocalRecord(
            r["kind"], r["id"], SPACE, dict(r["fields"]), dict(r["clocks"])
        )
    classes = _classes(case)
    if classes:
        fields = classes_fields({k: ClassTerms(policy=v) for k, v in classes.items()})
        phone.server_state[(POLICY, policy_id(SPACE))] = LocalRecord(
            POLICY, policy_id(SPACE), SPACE, fields, dict.fromkeys(fields, "0")
        )
    phone.outbox.append(_mutation(case))
    return _view_of(phone.view())


def test_every_mutation_has_a_case() -> None:
    assert {c["mutation"]["name"] for c in CASES} == set(MUTATION_NAMES)


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_the_server_does_what_the_case_says(case: dict[str, Any]) -> None:
    view, outcome = asyncio.run(_on_engine(case))
    assert view == _expected(case)
    if "outcome" in case["expected"]:
        assert outcome == case["expected"]["outcome"]


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_the_reference_client_replays_what_the_server_does(case: dict[str, Any]) -> None:
    assert _on_device(case) == _expected(case)
