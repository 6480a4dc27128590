"""Every English string the pace and nudge rules produce, keyed by a stable message id.

Kept in one dict so a translation is one more dict with the same keys. Placeholders use
``str.format`` names; ``say`` fills them. Nudge templates are ``nudge.<template id>.title`` and
``nudge.<template id>.body``; ``TEMPLATE_IDS`` lists them per kind in rotation order.
"""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Units: ``.one`` for exactly 1, ``.other`` for every other quantity.
    "unit.lessons.one": "lesson",
    "unit.lessons.other": "lessons",
    "unit.chapters.one": "chapter",
    "unit.chapters.other": "chapters",
    "unit.problems.one": "problem",
    "unit.problems.other": "problems",
    "unit.pages.one": "page",
    "unit.pages.other": "pages",
    "unit.hours.one": "hour",
    "unit.hours.other": "hours",
    "unit.objectives.one": "objective",
    "unit.objectives.other": "objectives",
    "unit.minutes.one": "minute",
    "unit.minutes.other": "minutes",
    "quantity": "{count} {unit}",
    "duration.hours_minutes": "{hours} {minutes}",
    "effort.day": "{amount} a day",
    "effort.week": "{amount} a week",
    # What doing an amount of work is called, for if-then plans.
    "verb.lessons": "do {amount}",
    "verb.chapters": "read {amount}",
    "verb.problems": "solve {amount}",
    "verb.pages": "read {amount}",
    "verb.hours": "study for {amount}",
    "verb.objectives": "work towards {amount}",
    "verb.custom": "do {amount}",
    "clock.am": "{hour} am",
    "clock.pm": "{hour} pm",
    "clock.noon": "noon",
    "clock.midnight": "midnight",
    "date": "{day} {month}",
    "month.1": "January",
    "month.2": "February",
    "month.3": "March",
    "month.4": "April",
    "month.5": "May",
    "month.6": "June",
    "month.7": "July",
    "month.8": "August",
    "month.9": "September",
    "month.10": "October",
    "month.11": "November",
    "month.12": "December",
    # If-then plans.
    "plan.day": "If it is {cue} on a school day, then I {action}.",
    "plan.week": "If it is {cue} on Monday, then I pick the days for this week's {amount}.",
    "plan.restart": "If it is {cue} on a school day, then I open {title} and {action}.",
    "plan.stretch": (
        "If it is {cue} on a school day, then I spend 10 minutes choosing a stretch task."
    ),
    "plan.rest": "If it is {cue} on a school day, then I stop studying and do something I enjoy.",
    # A full week and a stressful one: a conversation, not a push to do more.
    "plan.talk": "If I see my mentor this week, then I tell them how full and tiring it feels.",
    "plan.refit": "If it is {cue} today, then I choose a new deadline or target for {title}.",
    "plan.refit_tomorrow": (
        "If it is {cue} tomorrow, then I choose a new deadline or target for {title}."
    ),
    # Actions a nudge offers.
    "action.adjust_goal": "Adjust my goal",
    "action.stretch_goal": "Add a stretch goal",
    "action.plan_rest": "Plan some rest",
    "action.log_progress": "Log progress",
    # Clauses the nudge bodies are built from.
    "clause.projection": "At your 14-day pace you finish on {finish}; the deadline is {deadline}.",
    "clause.no_projection": (
        "There is no recent progress to project from; the deadline is {deadline}."
    ),
    "clause.recover": "{effort} gets you back on track.",
    "clause.after_done": "That finishes the goal.",
    "clause.after_total": "Then {amount} by {deadline} finishes it.",
    "clause.after_rate": "After that, {effort} keeps you there.",
    "clause.refit": "A later deadline or a smaller target keeps it within reach.",
    "clause.over_hours": "Your goals ask for about {required} a week and you have {available}.",
    "clause.no_free_time": "You have studied {study} this week with {free} of free time.",
    # behind_pace: the last school day this week the pace line can still be reached.
    "nudge.behind_pace.1.title": "There's still time for {title}",
    "nudge.behind_pace.1.body": ("{catch_up} before the week ends puts you back on pace. {after}"),
    "nudge.behind_pace.2.title": "{title}: back on pace this week",
    "nudge.behind_pace.2.body": (
        "You can still catch up this week with {catch_up}. If the goal no longer fits your week,"
        " adjusting it is a good move too."
    ),
    "nudge.behind_pace.3.title": "A small push for {title}",
    "nudge.behind_pace.3.body": ("{catch_up} this week closes the gap. {after}"),
    # deadline_at_risk: the deadline needs a strain or no longer fits.
    "nudge.deadline_at_risk.1.title": "Let's look at {title}",
    "nudge.deadline_at_risk.1.body": "{projection} {advice}",
    "nudge.deadline_at_risk.2.title": "A new plan for {title}",
    "nudge.deadline_at_risk.2.body": "{advice} {projection}",
    "nudge.deadline_at_risk.3.title": "Check in on {title}",
    "nudge.deadline_at_risk.3.body": (
        "{projection} {advice} The best goal is one you can stick to."
    ),
    # ahead: offer a stretch or an enrichment goal.
    "nudge.ahead.1.title": "You're ahead on {title}",
    "nudge.ahead.1.body": (
        "Nice work: you are ahead of your pace. Fancy a stretch goal or something extra to explore?"
    ),
    "nudge.ahead.2.title": "{title} is going well",
    "nudge.ahead.2.body": (
        "You have time to spare before {deadline}. Add a stretch goal, or enjoy the free time"
        " you earned."
    ),
    "nudge.ahead.3.title": "Room to explore",
    "nudge.ahead.3.body": (
        "You are ahead on {title}. A related topic you are curious about could be your next goal."
    ),
    # overload: too much asked, or too little free time.
    "nudge.overload.1.title": "Your week looks full",
    "nudge.overload.1.body": (
        "{reason} Rest is part of learning: adjusting a goal or a deadline can make room."
    ),
    "nudge.overload.2.title": "Time for a breather",
    "nudge.overload.2.body": "{reason} Plan something you enjoy; your goals will keep.",
    "nudge.overload.3.title": "Make room for rest",
    "nudge.overload.3.body": (
        "{reason} Talking to your teacher about a goal's deadline is a smart move, not a failure."
    ),
    # inactivity: no progress on a goal for a while.
    "nudge.inactivity.1.title": "Pick {title} back up",
    "nudge.inactivity.1.body": (
        "It has been {idle_days} days since your last step on {title}. One small step today is"
        " enough to restart."
    ),
    "nudge.inactivity.2.title": "{title} is waiting for you",
    "nudge.inactivity.2.body": (
        "A short session today gets {title} moving again. If it no longer matters to you,"
        " adjusting it is fine."
    ),
    "nudge.inactivity.3.title": "One small step on {title}",
    "nudge.inactivity.3.body": (
        "Starting again is the hardest part. {effort} from today still gets you there by"
        " {deadline}."
    ),
}

TEMPLATE_IDS: Final[dict[str, tuple[str, ...]]] = {
    kind: tuple(f"{kind}.{n}" for n in (1, 2, 3))
    for kind in ("behind_pace", "deadline_at_risk", "ahead", "overload", "inactivity")
}


def say(key: str, **values: object) -> str:
    """The message ``key`` with its placeholders filled from ``values``."""
    return MESSAGES[key].format(**values)
