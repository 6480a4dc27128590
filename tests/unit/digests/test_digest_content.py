"""What a child's section of a digest says, from plain inputs."""

from __future__ import annotations

import datetime as dt

import msgspec

from backend.digests.content import build_digest, build_section, describe_change
from sync.kinds import ChangeRequestFields
from tests.unit.digests.builders import (
    DAY,
    change,
    child,
    entry,
    goal,
    local,
    nudge,
    period,
    progress,
)


def test_private_time_counts_in_the_totals_and_appears_in_no_breakdown() -> None:
    section = build_section(
        child(
            (
                goal(),
                entry("study", "10:00", 60, goal_id="g1"),
                entry("free", "15:00", 30, category="sport"),
                entry("free", "16:00", 45, category="rest", private=True),
                entry("study", "17:00", 25, private=True),
            ),
        ),
        period(),
        "en",
    )
    assert section.time.study_minutes == 85
    assert section.time.free_minutes == 75
    assert [(s.label, s.minutes) for s in section.time.study_by_goal] == [("Algebra chapter 4", 60)]
    assert [(s.label, s.minutes) for s in section.time.free_by_category] == [("sport", 30)]


def test_time_is_compared_with_the_period_before() -> None:
    yesterday = DAY - dt.timedelta(days=1)
    section = build_section(
        child(
            (
                entry("study", "10:00", 40),
                entry("study", "10:00", 90, day=yesterday),
                entry("free", "19:00", 30, day=yesterday, category="sport"),  # this period
                entry("study", "10:00", 500, day=DAY - dt.timedelta(days=3)),  # too old
            )
        ),
        period(),
        "en",
    )
    assert (section.time.study_minutes, section.time.free_minutes) == (40, 30)
    assert (section.time.previous_study_minutes, section.time.previous_free_minutes) == (90, 0)


def test_what_happened_after_the_period_ended_is_left_for_the_next_one() -> None:
    after = entry("study", "18:30", 45, goal_id="g1")
    late_progress = progress("g1", 3, local(DAY + dt.timedelta(days=1), "09:00"))
    section = build_section(child((goal(), after, late_progress)), period(), "en")
    assert section.time.study_minutes == 0
    assert section.goals[0].done == 0


def test_goals_show_done_and_this_periods_work_with_a_pace_status() -> None:
    work = (
        progress("g1", 1, local(DAY - dt.timedelta(days=5), "10:00")),
        progress("g1", 1, local(DAY, "10:00")),
    )
    [line] = build_section(child((goal(), *work)), period(), "en").goals
    assert (line.done, line.done_this_period) == (2, 1)
    assert line.status in {"ahead", "on_track"}


def test_abandoned_goals_and_goals_finished_earlier_are_left_out() -> None:
    finished_earlier = goal("old", title="Old goal", target=1.0)
    finished_now = goal("new", title="New goal", target=1.0)
    work = (
        progress("old", 1, local(DAY - dt.timedelta(days=4), "09:00")),
        progress("new", 1, local(DAY, "09:00")),
    )
    section = build_section(
        child((finished_earlier, finished_now, goal("gone", status="abandoned"), *work)),
        period(),
        "en",
    )
    assert [(g.title, g.status) for g in section.goals] == [("New goal", "completed")]


def test_goals_needing_attention_come_first() -> None:
    behind = goal(
        "b",
        title="Behind",
        start=DAY - dt.timedelta(days=30),
        deadline=DAY + dt.timedelta(days=2),
        target=40.0,
        unit="pages",
    )
    fine = goal(
        "f",
        title="Fine",
        unit="lessons",
        target=1.0,
        start=DAY,
        deadline=DAY + dt.timedelta(days=60),
    )
    section = build_section(child((fine, behind)), period(), "en")
    assert [g.title for g in section.goals] == ["Behind", "Fine"]
    assert section.goals[0].status in {"behind", "at_risk", "unreachable"}


def test_only_nudges_that_fired_during_the_period_are_listed() -> None:
    nudges = (
        nudge("Earlier", local(DAY - dt.timedelta(days=2), "12:00")),
        nudge("Today", local(DAY, "12:00"), kind="behind_pace"),
        nudge("Later", local(DAY, "20:00")),
    )
    section = build_section(child(nudges), period(), "en")
    assert [(n.title, n.kind) for n in section.nudges] == [("Today", "behind_pace")]


def test_pending_approvals_are_always_listed_and_decided_ones_only_in_their_period() -> None:
    section = build_section(
        child(
            (
                goal(),
                change("pending", local(DAY - dt.timedelta(days=9), "09:00")),
                change("approved", local(DAY, "09:00")),
                change("returned", local(DAY - dt.timedelta(days=9), "09:00")),
            ),
        ),
        period(),
        "en",
    )
    assert [(a.goal_title, a.change, a.status) for a in section.pending_approvals] == [
        ("Algebra chapter 4", "target 4 → 3", "pending")
    ]
    assert [a.status for a in section.decided_approvals] == ["approved"]


def test_a_change_is_described_in_a_few_words() -> None:
    def described(proposed: dict[str, object], current: dict[str, object]) -> str:
        return describe_change(
            ChangeRequestFields(
                goal_id="00000000-0000-4000-8000-000000000001",
                proposed=proposed,
                current=current,
            ),
            "en",
        )

    assert described({"deadline": "2027-02-14"}, {"deadline": "2027-01-31"}) == (
        "deadline 2027-01-31 → 2027-02-14"
    )
    assert described({"status": "abandoned"}, {"status": "active"}) == "stop this goal"
    assert described({"deadline": "2027-02-14", "target": 8}, {}) == (
        "deadline → 2027-02-14; target → 8"
    )


def test_a_digest_has_one_section_per_child_in_the_order_given() -> None:
    digest = build_digest(
        [child(name="Amir"), child(student_id=8, name="Lea")], period("weekly"), "en"
    )
    assert [c.name for c in digest.children] == ["Amir", "Lea"]
    assert digest.kind == "weekly"
    assert digest.period_end - digest.period_start == dt.timedelta(days=7)
    decoded = msgspec.json.decode(msgspec.json.encode(digest), type=type(digest))
    assert decoded == digest


def test_the_conversation_prompt_calls_the_child_by_their_first_name() -> None:
    section = build_section(child((goal(),), name="Amir Khan"), period(), "en")
    assert section.prompt.startswith("Ask Amir ")
    assert "Khan" not in section.prompt
