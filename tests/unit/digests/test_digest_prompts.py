"""One conversation prompt per child, positive and specific."""

from __future__ import annotations

import datetime as dt

from backend.digests.content import ApprovalLine, GoalLine, TimeSummary
from backend.digests.prompts import conversation_prompt


def line(title: str, status: str) -> GoalLine:
    return GoalLine(
        id=title,
        title=title,
        unit="chapters",
        target=4,
        done=1,
        done_this_period=1,
        deadline=dt.date(2027, 1, 1),
        status=status,  # type: ignore[arg-type]
    )


def time(study: int = 60, free: int = 120, previous_study: int = 60) -> TimeSummary:
    return TimeSummary(
        study_minutes=study,
        free_minutes=free,
        previous_study_minutes=previous_study,
        previous_free_minutes=0,
        study_by_goal=[],
        free_by_category=[],
    )


def test_a_finished_goal_is_celebrated_first() -> None:
    goals = [line("Fractions", "behind"), line("Chapter 4", "completed")]
    prompt = conversation_prompt("Amir", goals, time(), [], "weekly", "en")
    assert prompt == "Ask Amir what helped them finish Chapter 4."


def test_a_goal_ahead_of_pace_comes_next() -> None:
    prompt = conversation_prompt("Lea", [line("Essay", "ahead")], time(), [], "daily", "en")
    assert prompt == "Ask Lea what is working so well with Essay."


def test_a_pending_change_is_a_conversation() -> None:
    pending = [ApprovalLine(goal_title="Essay", change="deadline → 2027-01-01", status="pending")]
    prompt = conversation_prompt("Lea", [line("Essay", "behind")], time(), pending, "daily", "en")
    assert prompt == "Ask Lea about the change they asked for on Essay."


def test_a_goal_behind_pace_is_asked_about_kindly() -> None:
    prompt = conversation_prompt("Sam", [line("Physics", "at_risk")], time(), [], "weekly", "en")
    assert prompt.startswith("Ask Sam what would make Physics easier")
    assert "adjusting" in prompt


def test_a_week_with_hardly_any_free_time_asks_about_a_break() -> None:
    prompt = conversation_prompt("Sam", [], time(study=600, free=20), [], "weekly", "en")
    assert prompt == "Ask Sam what they would enjoy doing to take a break."


def test_more_study_than_last_time_is_noticed_and_otherwise_a_general_question() -> None:
    more = conversation_prompt("Ida", [], time(study=90, previous_study=30), [], "daily", "en")
    assert more == "Ask Ida what helped them study more today."
    quiet = conversation_prompt("Ida", [], time(study=0, previous_study=0), [], "daily", "en")
    assert quiet == "Ask Ida what they learned today that surprised them."
