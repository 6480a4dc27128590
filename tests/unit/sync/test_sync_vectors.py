"""The shared vectors in sync/vectors/*.json, which the PWA's TypeScript sync client also runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

from sync import hlc
from sync.merge import edit_of_deleted, merge_fields, split_governed
from sync.policy import ApprovalPolicy, approval_rule, needs_approval

VECTORS = Path(__file__).resolve().parents[3] / "sync" / "vectors"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VECTORS / name).read_text())
    return data


HLC = load("hlc.json")
MERGE = load("merge.json")
POLICY = load("policy.json")


def case_ids(cases: list[dict[str, Any]]) -> list[str]:
    return [case["case"] for case in cases]


def test_vector_drift_matches_engine() -> None:
    assert HLC["max_drift_ms"] == hlc.MAX_DRIFT_MS


def test_string_order_is_clock_order() -> None:
    ascending = HLC["ascending"]
    assert sorted(ascending) == ascending
    decoded = [hlc.decode(c) for c in ascending]
    assert sorted(decoded, key=lambda t: (t.wall_ms, t.counter, t.client_id)) == decoded


@pytest.mark.parametrize("case", HLC["tick"], ids=case_ids(HLC["tick"]))
def test_tick_vector(case: dict[str, Any]) -> None:
    assert hlc.tick(case["local"], case["now_ms"], case["client_id"]) == case["expected"]


@pytest.mark.parametrize("case", HLC["receive"], ids=case_ids(HLC["receive"]))
def test_receive_vector(case: dict[str, Any]) -> None:
    got = hlc.receive(case["local"], case["remote"], case["now_ms"], case["client_id"])
    assert got == case["expected"]


@pytest.mark.parametrize("case", HLC["admit"], ids=case_ids(HLC["admit"]))
def test_admit_vector(case: dict[str, Any]) -> None:
    admission = hlc.admit(case["remote"], case["now_ms"], case["last"])
    assert (admission.clock, admission.clamped) == (case["expected"], case["clamped"])


@pytest.mark.parametrize("case", HLC["after"], ids=case_ids(HLC["after"]))
def test_after_vector(case: dict[str, Any]) -> None:
    assert hlc.after(case["clock"], case["floor"]) == case["expected"]


@pytest.mark.parametrize("clock", HLC["invalid"])
def test_invalid_clock_vector(clock: str) -> None:
    assert not hlc.is_valid(clock)
    with pytest.raises(hlc.InvalidClockError):
        hlc.decode(clock)


@pytest.mark.parametrize("case", MERGE["merge_fields"], ids=case_ids(MERGE["merge_fields"]))
def test_merge_fields_vector(case: dict[str, Any]) -> None:
    merged = merge_fields(
        case["fields"],
        case["clocks"],
        case["changes"],
        case["clock"],
        case["base"],
        case.get("quiet", []),
    )
    expected = case["expected"]
    assert merged.fields == expected["fields"]
    assert merged.clocks == expected["clocks"]
    assert sorted(merged.written) == sorted(expected["written"])
    assert msgspec.to_builtins(merged.lost) == expected["lost"]
    assert merged.clock == expected.get("clock", case["clock"])


@pytest.mark.parametrize("case", MERGE["deleted"], ids=case_ids(MERGE["deleted"]))
def test_deleted_vector(case: dict[str, Any]) -> None:
    lost = edit_of_deleted(case["changes"], case["clock"], case.get("quiet", []))
    assert msgspec.to_builtins(lost) == case["expected_lost"]


@pytest.mark.parametrize("case", MERGE["governed"], ids=case_ids(MERGE["governed"]))
def test_governed_vector(case: dict[str, Any]) -> None:
    policy = msgspec.convert(case.get("policy", {}), ApprovalPolicy)
    goal = {"class_id": 3, **case["goal"]}  # a goal of a class under this policy
    split = split_governed(goal, case["changes"], approval_rule({3: policy}))
    expected = case["expected"]
    assert (split.direct, split.proposed, split.current) == (
        expected["direct"],
        expected["proposed"],
        expected["current"],
    )


def test_default_policy_vector_matches_engine() -> None:
    assert msgspec.to_builtins(ApprovalPolicy()) == POLICY["default_policy"]


@pytest.mark.parametrize("case", POLICY["needs_approval"], ids=case_ids(POLICY["needs_approval"]))
def test_needs_approval_vector(case: dict[str, Any]) -> None:
    policy = msgspec.convert(case["policy"], ApprovalPolicy)
    assert needs_approval(policy, case["goal"], case["changes"]) == set(case["expected"])


@pytest.mark.parametrize("case", POLICY["by_class"], ids=case_ids(POLICY["by_class"]))
def test_by_class_vector(case: dict[str, Any]) -> None:
    classes = {int(k): msgspec.convert(v, ApprovalPolicy) for k, v in case["classes"].items()}
    rule = approval_rule(classes)
    assert rule(case["goal"], case["changes"]) == set(case["expected"])
