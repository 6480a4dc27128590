"""Server-made texts in each reader's language, over real HTTP on both engines: a parent reads
their digest push in their own account language, whatever their child uses, and an account
takes only the languages the server speaks."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import AsyncIterator, Iterator

import pytest

from tests.conftest import ENGINES
from tests.integration.client import Api
from tests.integration.people import PASSWORD, Person, classroom, register, unique_login
from tests.integration.push_service import PushService
from tests.integration.pushing import Pusher, at, push_server_of
from tests.integration.servers import Server

ALMATY = "Asia/Almaty"


@pytest.fixture(scope="module", params=ENGINES)
def push_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    yield from push_server_of(request, tmp_path_factory, "push-languages")


@pytest.fixture
async def pusher(push_server: Server, service: PushService) -> AsyncIterator[Pusher]:
    pusher = Pusher(push_server, service)
    await pusher.quiet()
    yield pusher
    assert service.errors == [], service.errors


def set_language(person: Person, locale: str) -> None:
    response = person.api.patch("/api/me", json={"locale": locale})
    assert response.status_code == 200, response.text


async def test_a_russian_parent_of_a_kazakh_child_reads_the_digest_push_in_russian(
    push_server: Server, service: PushService, pusher: Pusher
) -> None:
    room = classroom(push_server.base_url)
    child = register(
        push_server.base_url,
        "student",
        join_code=room.join_code,
        display_name="Amir",
        time_zone=ALMATY,
        locale="kk",
    )
    parent = register(push_server.base_url, "parent", time_zone=ALMATY)
    set_language(parent, "ru")
    code = child.api.post("/api/guardian-invites", json={}).json()["code"]
    assert parent.api.post("/api/guardian-links", json={"code": code}).status_code == 201
    device = service.device()
    assert parent.api.post("/api/push/subscriptions", json=device.subscription()).status_code == 201
    preferred = parent.api.put(
        "/api/push/preferences",
        json={"frequency": "daily", "send_time": "18:00", "time_zone": ALMATY},
    )
    assert preferred.status_code == 200, preferred.text

    day = dt.datetime.now(zoneinfo.ZoneInfo(ALMATY)).date() - dt.timedelta(days=1)
    now = at(day, "18:01", ALMATY)
    [digest_id] = await pusher.tick(now)
    assert await pusher.dispatch(now) == {"sent": 1}

    [message] = service.received(device)
    assert (message["title"], message["body"]) == (
        "Ваша ежедневная сводка Waypoint",
        "Amir: нет целей в работе",
    )
    digest = parent.api.get(f"/api/digests/{digest_id}").json()
    assert digest["title"] == "Ваша ежедневная сводка Waypoint"
    [section] = digest["content"]["children"]
    assert section["prompt"].startswith("Спросите: «Amir, ")


def test_the_account_language_is_returned_and_can_be_changed(push_server: Server) -> None:
    person = register(push_server.base_url, "parent", locale="kk")
    assert person.api.get("/api/me").json()["locale"] == "kk"
    set_language(person, "ru")
    assert person.api.get("/api/me").json()["locale"] == "ru"


def test_a_language_the_server_does_not_speak_is_refused_with_the_choices(
    push_server: Server,
) -> None:
    person = register(push_server.base_url, "parent")
    response = person.api.patch("/api/me", json={"locale": "xx"})
    assert response.status_code == 400, response.text
    assert response.json()["detail"] == "Fix `locale`: Expected one of kk, ru, en."
    assert person.api.get("/api/me").json()["locale"] == "en"


def test_registration_refuses_a_language_the_server_does_not_speak(push_server: Server) -> None:
    refused = Api(push_server.base_url).post(
        "/api/auth/register",
        json={
            "role": "parent",
            "login": unique_login("pa"),
            "password": PASSWORD,
            "display_name": "Parent",
            "locale": "ru-RU",
        },
    )
    assert refused.status_code == 400, refused.text
    assert "kk, ru, en" in refused.json()["detail"]
