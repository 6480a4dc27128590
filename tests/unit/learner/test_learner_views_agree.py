"""Every view reads the one learner state: for any history they agree on status and totals.

The teacher's class overview, the mentor's view and the parent's digest, for a student whose
goals sit in two classes and outside any."""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from backend.coaching.coach import StudentInput, overview_of
from backend.digests.content import build_section
from backend.digests.inputs import ChildInput
from backend.digests.period import Period
from backend.learner.records import Earlier, decode
from backend.learner.state import learner_state
from backend.mentoring.service import summary_of
from sync import hlc
from sync.records import GOAL, PROGRESS, REST, TIME_ENTRY, Record

ZONE = "Asia/Almaty"
NOW = dt.datetime(2026, 11, 25, 14, 0, tzinfo=dt.UTC)
TODAY = NOW.astimezone(zoneinfo.ZoneInfo(ZONE)).date()
CLASS, OTHER_CLASS = 3, 5


def _record(kind: str, fields: dict[str, Any], written: dt.datetime) -> Record:
    clock = hlc.tick(None, int(written.timestamp() * 1000), "device")
    return Record(
        kind=kind,
        id=str(uuid.uuid4()),
        space=7,
        fields=fields,
        clocks=dict.fromkeys(fields, clock),
        created_by=7,
    )


@st.composite
def histories(draw: st.DrawFn) -> list[Record]:
    records: list[Record] = []
    written = NOW - dt.timedelta(days=60)
    goals = []
    for _ in range(draw(st.integers(1, 3))):
        start = TODAY - dt.timedelta(days=draw(st.integers(0, 40)))
        unit = draw(st.sampled_from(["pages", "hours", "lessons"]))
        goal = _record(
            GOAL,
            {
                "title": "Goal",
                "unit": unit,
                "target": draw(st.integers(1, 60)),
                "start_date": start.isoformat(),
                "deadline": (start + dt.timedelta(days=draw(st.integers(0, 60)))).isoformat(),
                "status": draw(st.sampled_from(["active", "active", "proposed", "completed"])),
                "class_id": draw(st.sampled_from([CLASS, OTHER_CLASS, None])),
            },
            written,
        )
        goals.append(goal)
        records.append(goal)
    for _ in range(draw(st.integers(0, 25))):
        at = NOW - dt.timedelta(hours=draw(st.integers(1, 24 * 40)))
        records.append(
            _record(
                PROGRESS,
                {
                    "goal_id": draw(st.sampled_from(goals)).id,
                    "amount": draw(st.integers(-2, 6)),
                    "occurred_at": at.isoformat(),
                },
                written,
            )
        )
    for _ in range(draw(st.integers(0, 15))):
        at = NOW - dt.timedelta(minutes=draw(st.integers(1, 60 * 24 * 14)))
        kind = draw(st.sampled_from(["study", "free"]))
        fields: dict[str, Any] = {
            "kind": kind,
            "started_at": at.isoformat(),
            "minutes": draw(st.integers(1, 180)),
            "private": draw(st.booleans()),
        }
        if kind == "free":
            fields["category"] = "sport"
        elif draw(st.booleans()):
            fields["goal_id"] = draw(st.sampled_from(goals)).id
        records.append(_record(TIME_ENTRY, fields, written))
    if draw(st.booleans()):
        first = TODAY - dt.timedelta(days=draw(st.integers(0, 20)))
        rest = {
            "start_date": first.isoformat(),
            "end_date": (first + dt.timedelta(days=draw(st.integers(0, 9)))).isoformat(),
            "reason": "illness",
        }
        records.append(_record(REST, rest, written))
    return records


@settings(max_examples=60, deadline=None)
@given(histories())
def test_the_overview_and_the_digest_agree_with_the_learner_state(records: list[Record]) -> None:
    typed = decode(records)
    state = learner_state(typed, now=NOW, time_zone=ZONE)
    overview = overview_of(StudentInput(7, "Amir", ZONE, typed), NOW, CLASS)
    mentor = summary_of(7, "Amir", state)
    week = Period(
        kind="weekly",
        key="w",
        local_date=TODAY,
        deliver_at=NOW,
        start=dt.datetime.combine(
            state.week_start, dt.time(), tzinfo=zoneinfo.ZoneInfo(ZONE)
        ).astimezone(dt.UTC),
        end=NOW,
        previous_start=NOW - dt.timedelta(days=14),
    )
    section = build_section(
        ChildInput(student_id=7, name="Amir", time_zone=ZONE, records=typed), week, "en"
    )

    card = {g.id: g for g in state.goals}
    active = [g for g in state.goals if g.lifecycle == "active"]
    for row in overview.goals:
        assert row.status == card[row.goal_id].status
    # The class's teacher sees the class's goals; of the rest, only how many and their hours.
    assert {row.goal_id for row in overview.goals} == {g.id for g in active if g.class_id == CLASS}
    assert overview.other_goals == sum(g.class_id != CLASS for g in active)
    by_subject = sum(s.hours_per_week for s in state.subjects)
    assert abs(by_subject - state.load.required_hours) < 0.05 * len(state.subjects) + 1e-9
    assert overview.required_hours_per_week == round(state.load.required_hours, 1)
    # The mentor sees the whole student: every active goal, and the same load and week.
    assert mentor.active_goals == len(active)
    assert mentor.required_hours_per_week == overview.required_hours_per_week
    assert mentor.study_minutes_this_week == state.week_time.study_minutes
    assert mentor.behind_goals == sum(
        card[g.id].status in ("behind", "at_risk", "unreachable") for g in active
    )
    for line in section.goals:
        assert line.status == card[line.id].status
        assert line.done == round(card[line.id].done, 2)
    assert overview.study_minutes_this_week == state.week_time.study_minutes
    # The side-by-side history ends with this week, counted as "this week" is.
    assert len(state.recent_weeks) == 6
    assert state.recent_weeks[-1].week_start == state.week_start
    assert state.recent_weeks[-1].study_minutes == state.week_time.study_minutes
    assert state.recent_weeks[-1].free_minutes == state.week_time.free_minutes
    assert overview.free_minutes_this_week == state.week_time.free_minutes
    # The digest's week is the same local week, up to now: the same totals.
    assert section.time.study_minutes == state.week_time.study_minutes
    assert section.time.free_minutes == state.week_time.free_minutes
    for goal in state.goals:
        assert not (
            goal.status == "on_track"
            and goal.projected_finish is not None
            and goal.projected_finish > goal.deadline
        )


def test_a_record_out_of_bounds_is_skipped_and_the_rest_still_reads() -> None:
    written = NOW - dt.timedelta(days=3)
    goal = _record(
        GOAL,
        {"title": "G", "unit": "pages", "target": 10, "deadline": "2026-12-20", "status": "active"},
        written,
    )
    ancient = _record(
        GOAL,
        {
            "title": "Old",
            "unit": "pages",
            "target": 10,
            "deadline": "2026-12-20",
            "start_date": "1300-01-01",
            "status": "active",
        },
        written,
    )
    edge = _record(
        PROGRESS,
        {"goal_id": goal.id, "amount": 1, "occurred_at": "0001-01-01T00:00:00+01:00"},
        written,
    )
    typed = decode([goal, ancient, edge])
    assert typed.skipped == 2
    state = learner_state(typed, now=NOW, time_zone=ZONE)
    assert [g.id for g in state.goals] == [goal.id]


@settings(max_examples=40, deadline=None)
@given(histories(), st.integers(20, 40))
def test_a_window_with_earlier_totals_reads_the_same_as_all_history(
    records: list[Record], window_days: int
) -> None:
    """What the stores reads (recent records and older work as per-goal totals) gives the
    same goals, statuses and totals as reading every record."""
    window_start = NOW - dt.timedelta(days=window_days)
    full = learner_state(decode(records), now=NOW, time_zone=ZONE)

    def written_before(record: Record) -> bool:
        at = record.fields.get("occurred_at") or record.fields.get("started_at")
        return at is not None and dt.datetime.fromisoformat(at) < window_start - dt.timedelta(
            days=2
        )

    earlier: dict[str, Earlier] = {}
    for record in records:
        if not written_before(record):
            continue
        f = record.fields
        goal = f.get("goal_id")
        if goal is None:
            continue
        seen = earlier.get(goal, Earlier())
        if record.kind == PROGRESS:
            earlier[goal] = Earlier(
                amount=seen.amount + f["amount"], study_minutes=seen.study_minutes
            )
        elif f.get("kind") == "study":
            earlier[goal] = Earlier(
                amount=seen.amount, study_minutes=seen.study_minutes + f["minutes"]
            )
    recent = [r for r in records if not written_before(r)]
    windowed = learner_state(
        decode(recent, earlier=earlier, window_start=window_start), now=NOW, time_zone=ZONE
    )
    assert [(g.id, g.done) for g in windowed.goals] == [(g.id, g.done) for g in full.goals]
    assert windowed.week_time == full.week_time
    assert windowed.today_time == full.today_time
    if window_days > 25:
        # The velocity's 14 days and the 7-day persistence check lie inside the window.
        assert [g.status for g in windowed.goals] == [g.status for g in full.goals]
        assert windowed.persistently_behind == full.persistently_behind


def test_a_running_timer_counts_in_todays_and_this_weeks_time_up_to_now() -> None:
    started = NOW - dt.timedelta(minutes=25)
    timer = _record(
        TIME_ENTRY,
        {"kind": "study", "started_at": started.isoformat(), "running": True},
        started,
    )
    state = learner_state(decode([timer]), now=NOW, time_zone=ZONE)
    assert state.today_time.study_minutes == 25
    assert state.week_time.study_minutes == 25
