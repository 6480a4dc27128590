"""A goal's status comes from the shared pace model, or a straight line for unknown units."""

from __future__ import annotations

import datetime as dt

from backend.digests.inputs import ProgressInput
from backend.digests.pace_status import goal_status
from tests.unit.digests.builders import DAY, ZONE, goal, local


def status(g: object, *amounts: tuple[int, float]) -> str:
    progress = [
        ProgressInput(
            goal_id="g1", amount=amount, occurred_at=local(DAY - dt.timedelta(days=back), "10:00")
        )
        for back, amount in amounts
    ]
    return goal_status(g, progress, [], today=DAY, time_zone=ZONE)  # type: ignore[arg-type]


def test_reaching_the_target_completes_the_goal() -> None:
    assert status(goal(target=2.0), (3, 1), (1, 1)) == "completed"
    assert status(goal(status="completed")) == "completed"


def test_a_proposed_goal_awaits_approval() -> None:
    assert status(goal(status="proposed")) == "proposed"


def test_no_work_halfway_to_the_deadline_is_not_on_track() -> None:
    assert status(goal(unit="pages", target=100.0)) in {"behind", "at_risk", "unreachable"}


def test_a_unit_the_pace_model_does_not_know_falls_back_to_a_straight_line() -> None:
    start, deadline = DAY - dt.timedelta(days=10), DAY + dt.timedelta(days=9)
    odd = goal(unit="songs", target=20.0, start=start, deadline=deadline)
    assert status(odd) == "behind"
    assert status(odd, (1, 10)) == "on_track"
    assert status(odd, (1, 15)) == "ahead"
    late = goal(unit="songs", target=20.0, start=start, deadline=DAY - dt.timedelta(days=1))
    assert status(late) == "unreachable"
