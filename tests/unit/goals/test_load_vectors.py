"""The shared vectors in sync/vectors/load.json, which the PWA also runs: when a week is
overloaded, by the student's track and their weekly check-in, and what the overload nudge
then plans."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from backend.goals.goal import MINUTES_PER_UNIT, Goal
from backend.goals.load import goal_hours_per_week, week_flags
from backend.goals.nudges import overload_plan
from backend.learner.state import DEFAULT_WEEKLY_STUDY_HOURS, HIGH_STRESS, is_stressed
from sync.kinds import CheckInFields, TrackFields

VECTORS = json.loads(
    (Path(__file__).resolve().parents[3] / "sync" / "vectors" / "load.json").read_text()
)


def test_the_constants_are_the_servers() -> None:
    constants = VECTORS["constants"]
    assert constants["minutes_per_unit"] == MINUTES_PER_UNIT
    assert constants["high_stress"] == HIGH_STRESS
    assert constants["default_weekly_study_hours"] == DEFAULT_WEEKLY_STUDY_HOURS
    standard = TrackFields()
    assert constants["standard_track"] == {
        "heavy_study_minutes": standard.heavy_study_minutes,
        "scarce_free_minutes": standard.scarce_free_minutes,
    }


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["case"] for c in VECTORS["cases"]])
def test_load_case(case: dict[str, Any]) -> None:
    hours = []
    for g in case["goals"]:
        goal = Goal(
            id="g",
            title="g",
            unit=g["unit"],
            target=1,
            start=dt.date(2026, 1, 1),
            deadline=dt.date(2027, 1, 1),
            minutes_per_unit=g["minutes_per_unit"],
        )
        asked = goal_hours_per_week(
            g["required_per_day"], g["working_days_left"], goal.unit_minutes, case["days_per_week"]
        )
        if asked is not None:
            hours.append(asked)
    required = sum(hours)
    track = TrackFields(**case["track"]) if case["track"] is not None else TrackFields()
    over_hours, little_free = week_flags(
        required_hours=required,
        available_hours=case["available_hours"],
        study_minutes=case["week"]["study_minutes"],
        free_minutes=case["week"]["free_minutes"],
        heavy_study_minutes=track.heavy_study_minutes,
        scarce_free_minutes=track.scarce_free_minutes,
    )
    check_ins = sorted(
        (
            CheckInFields(week=c["week"], energy=3, stress=c["stress"], sleep=3)
            for c in case["check_ins"]
        ),
        key=lambda c: c.week,
        reverse=True,
    )
    stressed = is_stressed(check_ins, dt.date.fromisoformat(case["today"]))
    overloaded = over_hours or little_free
    assert {
        "required_hours": round(required, 2),
        "over_hours": over_hours,
        "little_free_time": little_free,
        "overloaded": overloaded,
        "stressed": stressed,
        "plan": overload_plan(stressed) if overloaded else None,
    } == case["expected"]
