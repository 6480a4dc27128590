"""Parent digests end to end: due by preference, built privately, pushed encrypted, on both engines.

A local push service stands in for the browser's: it checks the VAPID signature and decrypts
every message with the subscription's own keys. The scheduler and dispatcher run from the test
with a chosen clock, against the server's database.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys
import uuid
import zoneinfo
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from backend.notifications.retry import RetryPolicy
from sync.records import check_in_id
from tests.conftest import ENGINES
from tests.integration.people import Person, administrator, classroom, register
from tests.integration.push_service import Answer, Device, PushService
from tests.integration.pushing import Pusher, at, ms, push_server_of
from tests.integration.servers import REPO, Server
from tests.integration.syncing import goal_args, live, new_client_id, pull_all, push

BERLIN = "Europe/Berlin"


@pytest.fixture(scope="module", params=ENGINES)
def push_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    yield from push_server_of(request, tmp_path_factory, "push-digests")


@pytest.fixture
async def pusher(push_server: Server, service: PushService) -> AsyncIterator[Pusher]:
    pusher = Pusher(push_server, service)
    await pusher.quiet()
    yield pusher
    assert service.errors == [], service.errors


def yesterday(zone: str) -> dt.date:
    return dt.datetime.now(zoneinfo.ZoneInfo(zone)).date() - dt.timedelta(days=1)


@dataclass
class Family:
    parent: Person
    children: list[Person]
    device: Device


def family(
    server: Server, service: PushService, names: tuple[str, ...], zone: str = BERLIN
) -> Family:
    room = classroom(server.base_url)
    parent = register(server.base_url, "parent", time_zone=zone)
    children: list[Person] = []
    for name in names:
        child = register(
            server.base_url, "student", join_code=room.join_code, display_name=name, time_zone=zone
        )
        code = child.api.post("/api/guardian-invites", json={}).json()["code"]
        linked = parent.api.post("/api/guardian-links", json={"code": code})
        assert linked.status_code == 201, linked.text
        children.append(child)
    device = service.device()
    subscribed = parent.api.post("/api/push/subscriptions", json=device.subscription())
    assert subscribed.status_code == 201, subscribed.text
    return Family(parent, children, device)


def prefer(parent: Person, **body: Any) -> None:
    response = parent.api.put("/api/push/preferences", json={"frequency": "daily", **body})
    assert response.status_code == 200, response.text


def log_time(child: Person, *entries: dict[str, Any], goal: dict[str, Any] | None = None) -> None:
    client = new_client_id()
    mutations: list[tuple[int, str, dict[str, Any]]] = []
    if goal is not None:
        mutations.append((1, "goal.create", goal))
    for entry in entries:
        name = "progress.add" if "amount" in entry else "time.log"
        mutations.append((len(mutations) + 1, name, {"id": str(uuid.uuid4()), **entry}))
    response = push(child.api, client, *mutations)
    assert response.status_code == 200, response.text
    outcomes = [r["outcome"] for r in response.json()["results"]]
    assert set(outcomes) <= {"applied", "change_request"}, response.text


def iso(instant: dt.datetime) -> str:
    return instant.isoformat().replace("+00:00", "Z")


async def test_one_encrypted_push_covers_every_child_and_opens_the_full_digest(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    day = yesterday(BERLIN)
    home = family(push_server, service, ("Amir", "Lea"))
    amir, lea = home.children
    prefer(home.parent, send_time="18:00", time_zone=BERLIN)
    goal_id = str(uuid.uuid4())
    goal = goal_args(goal_id, title="Algebra chapter 4", unit="chapters", target=4)
    log_time(
        amir,
        {"goal_id": goal_id, "amount": 1, "occurred_at": iso(at(day, "09:00", BERLIN))},
        {
            "kind": "study",
            "goal_id": goal_id,
            "started_at": iso(at(day, "10:00", BERLIN)),
            "minutes": 60,
        },
        {
            "kind": "free",
            "category": "sport",
            "started_at": iso(at(day, "15:00", BERLIN)),
            "minutes": 30,
        },
        {
            "kind": "free",
            "category": "friends",
            "started_at": iso(at(day, "16:00", BERLIN)),
            "minutes": 45,
            "private": True,
            "note": "party at Sam's",
        },
        {
            "kind": "study",
            "started_at": iso(at(day - dt.timedelta(days=1), "10:00", BERLIN)),
            "minutes": 20,
        },
        goal=goal,
    )
    log_time(lea, {"kind": "study", "started_at": iso(at(day, "11:00", BERLIN)), "minutes": 15})
    await pusher.put_record(
        "nudge",
        amir.id,
        {
            "kind": "behind_pace",
            "title": "There's still time for Algebra chapter 4",
            "fired_at": iso(at(day, "12:00", BERLIN)),
        },
        updated=at(day, "12:00", BERLIN),
    )
    await pusher.put_record(
        "change_request",
        amir.id,
        {
            "goal_id": goal_id,
            "proposed": {"deadline": "2027-02-14"},
            "current": {"deadline": "2027-01-31"},
            "status": "pending",
        },
        updated=at(day, "13:00", BERLIN),
    )

    now = at(day, "18:01", BERLIN)
    [digest_id] = await pusher.tick(now)
    assert await pusher.dispatch(now) == {"sent": 1}

    [message] = service.received(home.device)
    assert message == {
        "title": "Your daily Waypoint summary",
        "body": message["body"],
        "url": f"/digests/{digest_id}",
        "digest_id": digest_id,
        "tag": "waypoint-digest",
    }
    # One push names both children, each with a status word.
    assert message["body"].startswith("Amir: ")
    assert message["body"].endswith(" · Lea: no goals in progress")
    [delivery] = service.attempts(home.device)
    assert delivery.headers["ttl"] == "86400"
    assert delivery.headers["urgency"] == "normal"
    assert len(delivery.headers["topic"]) == 32
    assert delivery.body_size < 4096
    assert delivery.claims["sub"] == pusher.settings.vapid_subject

    listed = home.parent.api.get("/api/digests").json()
    assert [d["id"] for d in listed] == [digest_id]
    digest = home.parent.api.get(f"/api/digests/{digest_id}").json()
    content = digest["content"]
    assert content["kind"] == "daily"
    assert content["period_end"].startswith(iso(at(day, "18:00", BERLIN))[:16])
    by_name = {c["name"]: c for c in content["children"]}
    assert list(by_name) == ["Amir", "Lea"]
    amir_part = by_name["Amir"]
    assert amir_part["time"] == {
        "study_minutes": 60,
        "free_minutes": 75,
        "previous_study_minutes": 20,
        "previous_free_minutes": 0,
        "study_by_goal": [{"label": "Algebra chapter 4", "minutes": 60}],
        "free_by_category": [{"label": "sport", "minutes": 30}],
    }
    [goal_line] = amir_part["goals"]
    assert goal_line["title"] == "Algebra chapter 4"
    assert goal_line["done"] == 1
    assert goal_line["status"] in {
        "ahead",
        "on_track",
        "behind",
        "at_risk",
        "unreachable",
        "proposed",
    }
    assert [n["title"] for n in amir_part["nudges"]] == ["There's still time for Algebra chapter 4"]
    assert amir_part["pending_approvals"] == [
        {
            "goal_title": "Algebra chapter 4",
            "change": "deadline 2027-01-31 → 2027-02-14",
            "status": "pending",
        }
    ]
    assert amir_part["prompt"].startswith("Ask Amir ")
    assert by_name["Lea"]["time"]["study_minutes"] == 15
    # The private entry counts in the total, and nowhere else.
    everything = json.dumps(digest) + json.dumps(message)
    assert "friends" not in everything
    assert "party" not in everything
    # Each child reads that their parent's summary went out; the parent that theirs did.
    said = [e["what"] for e in amir.api.get("/api/me/access-log").json()]
    assert any(line.endswith("'s daily summary was sent") for line in said), said
    mine = [e["what"] for e in home.parent.api.get("/api/me/access-log").json()]
    assert "Your daily summary was sent" in mine


async def test_a_parent_of_two_reads_each_childs_first_name_and_status_in_one_push(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    day = yesterday(BERLIN)
    home = family(push_server, service, ("Amir Khan", "Dana Khan"))
    amir, dana = home.children
    prefer(home.parent, send_time="18:00", time_zone=BERLIN)
    steady = str(uuid.uuid4())
    log_time(
        amir,
        {"goal_id": steady, "amount": 1, "occurred_at": iso(at(day, "09:00", BERLIN))},
        goal=goal_args(
            steady,
            title="Poetry anthology",
            target=4,
            unit="chapters",
            start_date=day.isoformat(),
            deadline=(day + dt.timedelta(days=60)).isoformat(),
        ),
    )
    late = str(uuid.uuid4())
    log_time(
        dana,
        {
            "kind": "free",
            "category": "other",
            "started_at": iso(at(day, "16:00", BERLIN)),
            "minutes": 50,
            "private": True,
            "note": "therapy session",
        },
        goal=goal_args(
            late,
            title="Secret essay draft",
            target=40,
            unit="pages",
            start_date=(day - dt.timedelta(days=30)).isoformat(),
            deadline=(day + dt.timedelta(days=2)).isoformat(),
        ),
    )
    check_in(dana, day, shared=True)

    digest, message = await digest_of_day(pusher, service, home, day)

    assert message["title"] == "Your daily Waypoint summary"
    assert message["body"] == "Amir: on track · Dana: 1 goal needs attention"
    # The status is the one the summary shows for each child's goals.
    by_name = {c["name"]: c for c in digest["content"]["children"]}
    assert by_name["Amir Khan"]["gist"] == {
        "first_name": "Amir",
        "status": "on_track",
        "needs_attention": 0,
    }
    [dana_goal] = by_name["Dana Khan"]["goals"]
    assert dana_goal["status"] in {"behind", "at_risk", "unreachable"}
    assert by_name["Dana Khan"]["gist"]["needs_attention"] == 1
    # Nothing private or detailed reaches the lock screen: no goal, note, time or check-in.
    lock_screen = json.dumps(message) + json.dumps(home.parent.api.get("/api/digests").json())
    for word in (
        "Poetry",
        "Secret",
        "essay",
        "therapy",
        "Exams",
        "Check-in",
        "energy",
        "Khan",
    ):
        assert word not in lock_screen, word
    assert "therapy" not in json.dumps(digest)


async def test_ticks_after_the_first_make_no_second_digest_for_the_period(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    day = yesterday(BERLIN)
    home = family(push_server, service, ("Noor",))
    prefer(home.parent, send_time="07:30", time_zone=BERLIN)
    log_time(
        home.children[0],
        {"kind": "study", "started_at": iso(at(day, "06:00", BERLIN)), "minutes": 25},
    )
    first = at(day, "07:31", BERLIN)
    assert len(await pusher.tick(first)) == 1
    for later in (first, first + dt.timedelta(minutes=5), first + dt.timedelta(hours=3)):
        assert await pusher.tick(later) == []
    await pusher.dispatch(first + dt.timedelta(hours=3))
    assert await pusher.dispatch(first + dt.timedelta(hours=4)) == {}
    assert len(service.received(home.device)) == 1
    rows = await pusher.rows("SELECT id FROM parent_digest WHERE parent = {}", home.parent.id)
    assert len(rows) == 1


async def test_a_parent_already_served_does_not_hold_back_another_due_at_the_same_time(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    day = yesterday(BERLIN)
    first = family(push_server, service, ("Ines",))
    prefer(first.parent, send_time="05:40", time_zone=BERLIN)
    assert len(await pusher.tick(at(day, "05:41", BERLIN))) >= 1
    second = family(push_server, service, ("Jonas",))
    prefer(second.parent, send_time="05:40", time_zone=BERLIN)
    await pusher.tick(at(day, "05:46", BERLIN))
    for home in (first, second):
        rows = await pusher.rows("SELECT id FROM parent_digest WHERE parent = {}", home.parent.id)
        assert len(rows) == 1


async def test_a_send_time_in_quiet_hours_waits_until_they_end(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    zone = "Asia/Tokyo"
    day = yesterday(zone) - dt.timedelta(days=1)
    home = family(push_server, service, ("Kenji",), zone=zone)
    prefer(
        home.parent,
        send_time="22:30",
        time_zone=zone,
        quiet_hours={"start": "22:00", "end": "07:00"},
    )
    log_time(
        home.children[0],
        {"kind": "study", "started_at": iso(at(day, "20:00", zone)), "minutes": 40},
    )
    assert await pusher.tick(at(day, "22:31", zone)) == []
    assert await pusher.tick(at(day + dt.timedelta(days=1), "06:59", zone)) == []
    [digest_id] = await pusher.tick(at(day + dt.timedelta(days=1), "07:00", zone))
    digest = home.parent.api.get(f"/api/digests/{digest_id}").json()
    assert digest["period_end"].startswith(iso(at(day, "22:30", zone))[:16])
    assert digest["content"]["children"][0]["time"]["study_minutes"] == 40


async def test_muted_children_are_left_out_and_all_muted_means_no_digest(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    day = yesterday(BERLIN)
    home = family(push_server, service, ("Ada", "Ben"))
    ada, ben = home.children
    prefer(home.parent, send_time="18:00", time_zone=BERLIN, muted_student_ids=[ben.id])
    [digest_id] = await pusher.tick(at(day, "18:05", BERLIN))
    content = home.parent.api.get(f"/api/digests/{digest_id}").json()["content"]
    assert [c["name"] for c in content["children"]] == ["Ada"]
    prefer(home.parent, send_time="18:00", time_zone=BERLIN, muted_student_ids=[ada.id, ben.id])
    assert await pusher.tick(at(day + dt.timedelta(days=1), "18:05", BERLIN)) == []


async def test_parents_read_only_their_own_digests(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    day = yesterday(BERLIN)
    home = family(push_server, service, ("Omar",))
    prefer(home.parent, send_time="18:00", time_zone=BERLIN)
    [digest_id] = await pusher.tick(at(day, "18:05", BERLIN))
    stranger = register(push_server.base_url, "parent")
    assert stranger.api.get(f"/api/digests/{digest_id}").status_code == 404
    assert stranger.api.get("/api/digests").json() == []
    assert home.parent.api.get(f"/api/digests/{digest_id}").status_code == 200


async def test_the_student_preview_shows_what_parents_receive_without_private_detail(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    home = family(push_server, service, ("Mia",))
    mia = home.children[0]
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(hours=3)
    log_time(
        mia,
        {
            "kind": "free",
            "category": "hobby",
            "started_at": iso(earlier),
            "minutes": 50,
            "private": True,
        },
        {"kind": "free", "category": "sport", "started_at": iso(earlier), "minutes": 20},
    )
    preview = mia.api.get("/api/digests/preview", params={"kind": "daily"})
    assert preview.status_code == 200, preview.text
    body = preview.json()
    # The student reads their own line of the gist, not a count of their parents' children.
    assert body["notification_body"] == "Mia: no goals in progress"
    assert body["section"]["time"]["free_minutes"] == 70
    assert body["section"]["time"]["free_by_category"] == [{"label": "sport", "minutes": 20}]
    assert "hobby" not in preview.text
    assert body["recipients"] == [{"name": home.parent.login.title(), "frequency": "weekly"}]
    prefer(home.parent, muted_student_ids=[mia.id])
    muted = mia.api.get("/api/digests/preview").json()
    assert muted["recipients"] == [{"name": home.parent.login.title(), "frequency": "off"}]


def iso_week(day: dt.date) -> str:
    year, number, _ = day.isocalendar()
    return f"{year}-W{number:02d}"


def check_in(child: Person, day: dt.date, *, shared: bool) -> str:
    """The child's check-in of ``day``'s week, with a note; returns the week."""
    week = iso_week(day)
    args = {
        "id": check_in_id(child.id, week),
        "week": week,
        "energy": 4,
        "stress": 2,
        "sleep": 3,
        "note": "Exams all week",
        "shared_with_parents": shared,
    }
    response = push(child.api, new_client_id(), (1, "checkin.set", args))
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["outcome"] in {"applied", "merged"}, response.text
    return week


async def digest_of_day(
    pusher: Pusher, service: PushService, home: Family, day: dt.date
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The daily digest for ``day`` as the parent reads it, and the push that announced it."""
    now = at(day, "18:01", BERLIN)
    [digest_id] = await pusher.tick(now)
    assert await pusher.dispatch(now) == {"sent": 1}
    message = service.received(home.device)[-1]
    assert message["digest_id"] == digest_id
    digest = home.parent.api.get(f"/api/digests/{digest_id}")
    assert digest.status_code == 200, digest.text
    return digest.json(), message


async def test_a_check_in_reaches_the_parent_only_when_shared_and_never_the_lock_screen(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    day = yesterday(BERLIN)
    # The daily digests of the day before and of yesterday both cover the day before's week.
    before = day - dt.timedelta(days=1)
    home = family(push_server, service, ("Zoe",))
    zoe = home.children[0]
    mentor = register(push_server.base_url, "teacher")
    assigned = administrator(push_server.base_url).api.put(
        f"/api/students/{zoe.id}/mentor", json={"mentor_id": mentor.id}
    )
    assert assigned.status_code == 200, assigned.text
    prefer(home.parent, send_time="18:00", time_zone=BERLIN)

    week = check_in(zoe, before, shared=False)
    # It is there: the mentor reads it, note and all.
    [seen] = live(pull_all(mentor.api, new_client_id())[0], "check_in")
    assert (seen["fields"]["week"], seen["fields"]["note"]) == (week, "Exams all week")
    assert live(pull_all(home.parent.api, new_client_id())[0], "check_in") == []
    digest, message = await digest_of_day(pusher, service, home, before)
    [section] = digest["content"]["children"]
    assert section.get("check_in") is None
    preview = zoe.api.get("/api/digests/preview")
    assert preview.status_code == 200, preview.text
    assert preview.json()["section"].get("check_in") is None
    for text in (json.dumps(digest), json.dumps(message), preview.text):
        assert "Exams all week" not in text
        assert "Check-in" not in text

    check_in(zoe, before, shared=True)
    [pulled] = live(pull_all(home.parent.api, new_client_id())[0], "check_in")
    assert pulled["fields"]["shared_with_parents"] is True
    digest, message = await digest_of_day(pusher, service, home, day)
    [section] = digest["content"]["children"]
    when = "this week" if iso_week(day) == week else "last week"
    assert section["check_in"] == {
        "week": week,
        "energy": 4,
        "stress": 2,
        "sleep": 3,
        "note": "Exams all week",
        "text": f'Check-in {when}: energy 4/5, stress 2/5, sleep 3/5; their note: "Exams all week"',
    }
    preview = zoe.api.get("/api/digests/preview")
    today = dt.datetime.now(zoneinfo.ZoneInfo(BERLIN)).date()
    when = "this week" if iso_week(today) == week else "last week"
    assert preview.json()["section"]["check_in"]["text"].startswith(
        f"Check-in {when}: energy 4/5, stress 2/5, sleep 3/5"
    )
    # The lock screen and the list of summaries say nothing of it.
    assert "Check-in" not in preview.json()["notification_body"]
    everything = json.dumps(message) + json.dumps(home.parent.api.get("/api/digests").json())
    for word in ("Exams", "Check-in", "energy", "stress", "sleep"):
        assert word not in everything


@dataclass
class Due:
    home: Family
    digest_id: int
    now: dt.datetime


async def due_digest(server: Server, service: PushService, pusher: Pusher) -> Due:
    day = yesterday("UTC")
    home = family(server, service, ("Sam",), zone="UTC")
    prefer(home.parent, send_time="18:00", time_zone="UTC")
    now = at(day, "18:01", "UTC")
    [digest_id] = await pusher.tick(now)
    return Due(home, digest_id, now)


async def outbox(pusher: Pusher, digest_id: int) -> dict[str, Any]:
    [row] = await pusher.rows(
        "SELECT id, status, attempts, next_attempt_ms, last_status "
        "FROM push_outbox WHERE digest = {}",
        digest_id,
    )
    return row


async def attempts(pusher: Pusher, outbox_id: int) -> list[tuple[int | None, str]]:
    rows = await pusher.rows(
        "SELECT status_code, outcome FROM push_attempt WHERE outbox = {} ORDER BY id", outbox_id
    )
    return [(r["status_code"], r["outcome"]) for r in rows]


@pytest.mark.parametrize("status", [404, 410])
async def test_a_gone_subscription_is_deleted_and_not_retried(
    push_server: Server, service: PushService, pusher: Pusher, status: int
) -> None:
    due = await due_digest(push_server, service, pusher)
    service.answer(due.home.device, Answer(status))
    assert await pusher.dispatch(due.now) == {"gone": 1}
    assert due.home.parent.api.get("/api/push/subscriptions").json() == []
    row = await outbox(pusher, due.digest_id)
    assert row["status"] == "gone"
    assert await attempts(pusher, row["id"]) == [(status, "gone")]
    assert await pusher.dispatch(due.now + dt.timedelta(days=1)) == {}


async def test_429_waits_for_retry_after_then_delivers(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    due = await due_digest(push_server, service, pusher)
    service.answer(due.home.device, Answer(429, {"Retry-After": "120"}))
    assert await pusher.dispatch(due.now) == {"pending": 1}
    row = await outbox(pusher, due.digest_id)
    assert row["next_attempt_ms"] == ms(due.now) + 120_000
    assert await pusher.dispatch(due.now + dt.timedelta(seconds=119)) == {}
    assert await pusher.dispatch(due.now + dt.timedelta(seconds=120)) == {"sent": 1}
    assert len(service.received(due.home.device)) == 1
    assert await attempts(pusher, row["id"]) == [(429, "pending"), (201, "sent")]


async def test_server_errors_back_off_exponentially_then_deliver(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    due = await due_digest(push_server, service, pusher)
    service.answer(due.home.device, Answer(500), Answer(503))
    policy = RetryPolicy(max_attempts=5, backoff_base_ms=10_000, backoff_cap_ms=60_000)
    t = due.now
    assert await pusher.dispatch(t, policy=policy) == {"pending": 1}
    assert (await outbox(pusher, due.digest_id))["next_attempt_ms"] == ms(t) + 10_000
    t += dt.timedelta(seconds=10)
    assert await pusher.dispatch(t, policy=policy) == {"pending": 1}
    assert (await outbox(pusher, due.digest_id))["next_attempt_ms"] == ms(t) + 20_000
    assert await pusher.dispatch(t + dt.timedelta(seconds=19), policy=policy) == {}
    assert await pusher.dispatch(t + dt.timedelta(seconds=20), policy=policy) == {"sent": 1}
    row = await outbox(pusher, due.digest_id)
    assert await attempts(pusher, row["id"]) == [(500, "pending"), (503, "pending"), (201, "sent")]


async def test_server_errors_past_the_limit_give_up_and_alert(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    due = await due_digest(push_server, service, pusher)
    service.answer(due.home.device, Answer(500), Answer(500))
    policy = RetryPolicy(max_attempts=2, backoff_base_ms=1_000)
    assert await pusher.dispatch(due.now, policy=policy) == {"pending": 1}
    later = due.now + dt.timedelta(seconds=1)
    assert await pusher.dispatch(later, policy=policy) == {"failed": 1}
    alerts = await pusher.rows(
        "SELECT action FROM audit_event WHERE subject = {}", due.home.parent.id
    )
    assert [a["action"] for a in alerts] == ["push.delivery_failed"]


async def test_413_is_recorded_and_alerted_not_retried(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    due = await due_digest(push_server, service, pusher)
    service.answer(due.home.device, Answer(413))
    assert await pusher.dispatch(due.now) == {"failed": 1}
    row = await outbox(pusher, due.digest_id)
    assert row["last_status"] == 413
    assert await attempts(pusher, row["id"]) == [(413, "failed")]
    alerts = await pusher.rows(
        "SELECT action FROM audit_event WHERE subject = {}", due.home.parent.id
    )
    assert [a["action"] for a in alerts] == ["push.payload_too_large"]
    assert await pusher.dispatch(due.now + dt.timedelta(days=1)) == {}


async def test_an_unlinked_child_disappears_from_earlier_digests(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    day = yesterday(BERLIN)
    home = family(push_server, service, ("Eva", "Finn"))
    prefer(home.parent, send_time="18:00", time_zone=BERLIN)
    [digest_id] = await pusher.tick(at(day, "18:05", BERLIN))
    finn = home.children[1]
    [link] = [
        link
        for link in finn.api.get("/api/guardian-links").json()
        if link["parent_id"] == home.parent.id
    ]
    assert finn.api.delete(f"/api/guardian-links/{link['id']}").status_code == 204
    content = home.parent.api.get(f"/api/digests/{digest_id}").json()["content"]
    assert [c["name"] for c in content["children"]] == ["Eva"]


async def test_an_operator_tick_creates_and_sends_what_is_due_at_a_given_instant(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    day = yesterday("UTC")
    home = family(push_server, service, ("Gus",), zone="UTC")
    prefer(home.parent, send_time="06:00", time_zone="UTC")
    env = {
        **os.environ,
        "WAYPOINT_DATA_DIR": str(push_server.data_dir),
        "DATABASE_URL": push_server.database_url or "",
        # The operator runs the command with the server's configuration, which here lets
        # pushes reach the local test push service.
        "WAYPOINT_PUSH_ALLOW_HTTP_LOOPBACK": "true",
    }
    env.pop("REDIS_URL", None)
    now = iso(at(day, "06:10", "UTC"))
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "backend.cli",
        "digests",
        "--now",
        now,
        cwd=REPO,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, err.decode()
    assert "digests created: 1; pushes: {'sent': 1}" in out.decode()
    [message] = service.received(home.device)
    assert home.parent.api.get(f"/api/digests/{message['digest_id']}").status_code == 200
