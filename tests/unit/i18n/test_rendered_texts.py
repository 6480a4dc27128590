"""Server-made texts rendered in the reader's language: a parent's push and prompts, a
student's nudges."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from backend.digests.content import TimeSummary, build_digest
from backend.digests.prompts import conversation_prompt
from backend.digests.text import notification_text
from backend.goals import GoalPace, NudgeSettings, nudges_due, pace_of
from tests.unit.digests.builders import child, goal, period
from tests.unit.goals import scenarios

ALMATY = "Asia/Almaty"


def behind_on_friday(language: str, title: str) -> tuple[str, str, str]:
    """A behind_pace nudge on the last day the week can be saved."""
    events = [
        *scenarios.progress(scenarios.school_days(scenarios.MONDAY, dt.date(2026, 11, 6)), 2),
        *scenarios.progress(
            scenarios.school_days(dt.date(2026, 11, 16), scenarios.WEDNESDAY), 3.25
        ),
    ]
    now = dt.datetime.combine(scenarios.FRIDAY, dt.time(16), zoneinfo.ZoneInfo(ALMATY))
    plan = scenarios.goal(title=title)
    pace = pace_of(plan, events, [], today=scenarios.FRIDAY, time_zone=ALMATY)
    (nudge,) = nudges_due(
        [GoalPace(goal=plan, pace=pace)],
        now=now,
        settings=NudgeSettings(time_zone=ALMATY),
        language=language,
    )
    return nudge.title, nudge.body, nudge.plan_prompt


def test_a_russian_push_names_the_child_and_counts_in_russian() -> None:
    digest = build_digest(
        [child((goal(title="Алгебра"),), name="Амир"), child(student_id=8, name="Лея")],
        period(),
        "ru",
    )
    assert notification_text(digest, "ru") == (
        "Ваша ежедневная сводка Waypoint",
        "Амир: 1 цель требует внимания · Лея: нет целей в работе",
    )


def test_a_kazakh_weekly_push_is_in_kazakh() -> None:
    digest = build_digest([child(name="Дана")], period("weekly"), "kk")
    assert notification_text(digest, "kk") == (
        "Waypoint: апталық шолу",
        "Дана: белсенді мақсат жоқ",
    )


def test_the_prompt_is_a_question_in_the_parents_language() -> None:
    quiet = TimeSummary(
        study_minutes=0,
        free_minutes=0,
        previous_study_minutes=0,
        previous_free_minutes=0,
        study_by_goal=[],
        free_by_category=[],
    )
    assert conversation_prompt("Амир", [], quiet, [], "daily", "ru") == (
        "Спросите: «Амир, что тебя сегодня удивило на уроках?»"
    )
    assert conversation_prompt("Амир", [], quiet, [], "weekly", "kk") == (
        "Сұрап көріңіз: «Амир, осы аптада білген нәрселеріңнің ішінде не таңғалдырды?»"
    )


def test_a_russian_nudge_puts_the_amount_after_its_verb_and_uses_the_24_hour_clock() -> None:
    title, body, plan = behind_on_friday("ru", "Алгебра")
    assert title == "На цель „Алгебра“ ещё есть время"
    assert body.startswith("Ещё 4 задачи до конца недели — и ты снова в графике.")
    assert plan == "Если сегодня учебный день, то в 17:00 я решаю 4 задачи."


def test_a_kazakh_nudge_leaves_the_goal_title_without_a_suffix() -> None:
    title, _, plan = behind_on_friday("kk", "Алгебра")
    assert title == "„Алгебра“ мақсатына әлі уақыт бар"
    assert plan == "Оқу күні сағат 17:00 болғанда, 4 есеп шығарамын."


def test_the_english_nudge_is_unchanged() -> None:
    title, _, plan = behind_on_friday("en", "Algebra practice")
    assert title == "There's still time for Algebra practice"
    assert plan == "If it is 5 pm on a school day, then I solve 4 problems."
