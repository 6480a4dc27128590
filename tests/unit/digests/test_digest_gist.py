"""Each child's gist: a first name and a status counted from the learner state's goals."""

from __future__ import annotations

import datetime as dt

from backend.digests.content import build_digest, build_section
from backend.digests.gist import ChildGist, first_name
from backend.digests.text import fallback, gist_line, notification_text
from backend.learner.state import learner_state
from tests.unit.digests.builders import DAY, child, goal, local, period, progress


def test_a_child_whose_goals_keep_pace_is_on_track() -> None:
    records = (
        goal(),
        progress("g1", 1, local(DAY - dt.timedelta(days=5), "10:00")),
        progress("g1", 1, local(DAY, "10:00")),
    )
    section = build_section(child(records, name="Amir Khan"), period(), "en")
    assert section.gist == ChildGist(first_name="Amir", status="on_track", needs_attention=0)


def test_goals_behind_are_counted_as_needing_attention() -> None:
    records = (goal("g1", title="Essay"), goal("g2", title="Maths"))
    section = build_section(child(records, name="Dana"), period(), "en")
    assert section.gist == ChildGist(first_name="Dana", status="needs_attention", needs_attention=2)


def test_the_count_is_the_learner_states_trailing_goals() -> None:
    records = (
        goal("g1"),
        goal("g2", title="Done", status="completed"),
        goal("g3", title="Later", start=DAY + dt.timedelta(days=3)),
    )
    built = child(records, name="Noor")
    section = build_section(built, period(), "en")
    state = learner_state(built.records, now=period().end, time_zone=built.time_zone)
    trailing = [g for g in state.goals if g.status in {"behind", "at_risk", "unreachable"}]
    assert section.gist is not None
    assert section.gist.needs_attention == len(trailing) == 1


def test_a_child_with_no_goal_in_progress_says_so() -> None:
    section = build_section(child((goal(status="completed"),), name="Lea"), period(), "en")
    assert section.gist == ChildGist(first_name="Lea", status="no_goals", needs_attention=0)


def test_one_goal_reads_in_the_singular_and_children_are_joined_by_dots() -> None:
    gists = [
        ChildGist(first_name="Amir", status="on_track", needs_attention=0),
        ChildGist(first_name="Dana", status="needs_attention", needs_attention=1),
    ]
    assert gist_line(gists, "en") == "Amir: on track · Dana: 1 goal needs attention"


def test_children_who_do_not_fit_are_counted() -> None:
    gists = [
        ChildGist(first_name=name, status="on_track", needs_attention=0)
        for name in ("Aleksandra", "Bartholomew", "Constantine")
    ]
    assert (
        gist_line(gists, "en", limit=60)
        == "Aleksandra: on track · Bartholomew: on track · + 1 more"
    )


def test_a_digest_without_gists_says_a_summary_is_ready() -> None:
    digest = build_digest([], period(), "en")
    assert notification_text(digest, "en") == ("Your daily Waypoint summary", fallback("en"))


def test_a_first_name_is_the_first_word() -> None:
    assert [first_name(n) for n in ("Amir Khan", "  Lea ", "")] == ["Amir", "Lea", ""]
