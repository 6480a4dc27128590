"""The shared vectors in sync/vectors/pace.json and nudges.json, which the PWA also runs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, get_args

import msgspec
import pytest

from backend.goals import (
    SUSTAINABLE_DAILY_MAX,
    GoalPace,
    Load,
    NudgeSettings,
    ProgressEvent,
    Schedule,
    SentNudge,
    TimeEntry,
    daily_progress,
    describe_effort,
    effort,
    nudges,
    nudges_due,
    pace,
    pace_of,
    persistently_behind,
)
from backend.goals.catalogue import TEMPLATE_IDS
from backend.goals.goal import Goal

VECTORS = Path(__file__).resolve().parents[3] / "sync" / "vectors"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((VECTORS / name).read_text())
    return data


PACE = load("pace.json")
NUDGES = load("nudges.json")


def case_ids(cases: list[dict[str, Any]]) -> list[str]:
    return [case["case"] for case in cases]


def same(got: object, expected: object) -> bool:
    if isinstance(expected, float) or isinstance(got, float):
        return isinstance(got, int | float) and got == pytest.approx(expected, abs=1e-6)
    return got == expected


@pytest.mark.parametrize("case", PACE["cases"], ids=case_ids(PACE["cases"]))
def test_pace_vector(case: dict[str, Any]) -> None:
    plan = msgspec.convert(case["goal"], Goal)
    today = dt.date.fromisoformat(case["today"])
    schedule = msgspec.convert(case["schedule"], Schedule)
    events = msgspec.convert(case["progress"], list[ProgressEvent])
    entries = msgspec.convert(case["time_entries"], list[TimeEntry])
    result = pace_of(
        plan, events, entries, today=today, time_zone=case["time_zone"], schedule=schedule
    )
    per_day = daily_progress(plan, events, entries, case["time_zone"])
    got = msgspec.to_builtins(result)
    expected = dict(case["expected"])
    spoken = expected.pop("daily_effort")
    trailing = expected.pop("persistently_behind")
    mismatched = {key: got[key] for key, value in expected.items() if not same(got[key], value)}
    assert mismatched == {}
    assert persistently_behind(plan, per_day, today, schedule) == trailing
    if spoken is None:
        assert got["daily_effort"] is None
    else:
        assert {key: got["daily_effort"][key] for key in spoken} == spoken


@pytest.mark.parametrize(
    "case", PACE["effort"], ids=[f"{c['per_day']} {c['unit']}" for c in PACE["effort"]]
)
def test_effort_vector(case: dict[str, Any]) -> None:
    spoken = msgspec.to_builtins(
        describe_effort(case["per_day"], case["unit"], case["days_per_week"])
    )
    assert {key: spoken[key] for key in case["expected"]} == case["expected"]


@pytest.mark.parametrize("case", NUDGES["cases"], ids=case_ids(NUDGES["cases"]))
def test_nudge_vector(case: dict[str, Any]) -> None:
    created = nudges_due(
        msgspec.convert(case["goals"], list[GoalPace]),
        now=dt.datetime.fromisoformat(case["now"]),
        settings=msgspec.convert(case["settings"], NudgeSettings),
        history=msgspec.convert(case["history"], list[SentNudge]),
        load=msgspec.convert(case["load"], Load | None),
        language="en",
    )
    assert json.loads(msgspec.json.encode(created)) == case["expected"]


def test_pace_vector_constants_match_the_model() -> None:
    assert PACE["constants"] == {
        "velocity_window_days": pace.VELOCITY_WINDOW_DAYS,
        "sustainable_daily_max": SUSTAINABLE_DAILY_MAX,
        "at_risk_share": pace.AT_RISK_SHARE,
        "at_risk_days": pace.AT_RISK_DAYS,
        "behind_tolerance": pace.BEHIND_TOLERANCE,
        "ahead_margin": pace.AHEAD_MARGIN,
        "daily_rounding_slack": effort.DAILY_ROUNDING_SLACK,
        "persistent_days": pace.PERSISTENT_DAYS,
    }


def test_nudge_vector_constants_match_the_rules() -> None:
    constants = NUDGES["constants"]
    assert constants["priority"] == list(nudges.PRIORITY)
    assert set(constants["once_per_week"]) == nudges.ONCE_PER_WEEK
    assert constants["cooldown_days"] == nudges.COOLDOWN_DAYS
    assert constants["ahead_nudge_days"] == nudges.AHEAD_NUDGE_DAYS
    assert {len(ids) for ids in TEMPLATE_IDS.values()} == {constants["templates_per_kind"]}


def test_vectors_cover_every_status_and_nudge_kind() -> None:
    statuses = {case["expected"]["status"] for case in PACE["cases"]}
    assert statuses == set(get_args(pace.PaceStatus))
    kinds = {nudge["kind"] for case in NUDGES["cases"] for nudge in case["expected"]}
    assert kinds == {"behind_pace", "deadline_at_risk", "ahead", "overload", "inactivity"}
