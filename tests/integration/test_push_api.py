"""Push subscriptions and parents' digest preferences over HTTP, on both engines."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from backend.notifications.vapid import b64url_decode
from tests.conftest import ENGINES
from tests.integration.people import classroom, parent_of, register, student_in
from tests.integration.push_service import PushService
from tests.integration.pushing import push_server_of
from tests.integration.servers import Server


@pytest.fixture(scope="module", params=ENGINES)
def push_server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    yield from push_server_of(request, tmp_path_factory, "push-api")


def test_vapid_public_key_is_a_stable_uncompressed_p256_point(push_server: Server) -> None:
    anyone = register(push_server.base_url, "parent").api
    first = anyone.get("/api/push/vapid-public-key")
    assert first.status_code == 200
    key = b64url_decode(first.json()["public_key"])
    assert len(key) == 65
    assert key[0] == 4
    assert anyone.get("/api/push/vapid-public-key").json() == first.json()
    assert (push_server.data_dir / "vapid_private_key.pem").stat().st_mode & 0o077 == 0


def test_any_role_subscribes_and_the_same_endpoint_replaces_its_row(
    push_server: Server, service: PushService
) -> None:
    teacher = register(push_server.base_url, "teacher").api
    device = service.device()
    created = teacher.post("/api/push/subscriptions", json=device.subscription())
    assert created.status_code == 201, created.text
    again = service.device()
    renewed = {**again.subscription(), "endpoint": device.endpoint}
    replaced = teacher.post("/api/push/subscriptions", json=renewed)
    assert replaced.status_code == 201
    assert replaced.json()["id"] == created.json()["id"]
    listed = teacher.get("/api/push/subscriptions").json()
    assert [s["endpoint"] for s in listed] == [device.endpoint]


def test_an_endpoint_of_one_account_cannot_be_taken_by_another(
    push_server: Server, service: PushService
) -> None:
    first = register(push_server.base_url, "parent").api
    second = register(push_server.base_url, "parent").api
    device = service.device()
    assert first.post("/api/push/subscriptions", json=device.subscription()).status_code == 201
    other_keys = {**service.device().subscription(), "endpoint": device.endpoint}
    taken = second.post("/api/push/subscriptions", json=other_keys)
    assert taken.status_code == 409
    assert "another account" in taken.json()["detail"]
    assert [s["endpoint"] for s in first.get("/api/push/subscriptions").json()] == [device.endpoint]
    assert second.get("/api/push/subscriptions").json() == []
    # Once its owner removes it, the browser's endpoint is free for the next account.
    first.delete("/api/push/subscriptions", params={"endpoint": device.endpoint})
    assert second.post("/api/push/subscriptions", json=other_keys).status_code == 201


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://127.0.0.1:8443/push/x",
        "https://localhost/push/x",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/push/x",
        "https://10.0.0.1:5432/x",
        "https://user:pass@fcm.googleapis.com/fcm/send/x",
        "https://0x7f000001/push/x",
        "https://fcm.googleapis.com:8443/fcm/send/x",
        "https://push.example.com/x",
    ],
)
def test_endpoints_off_the_browser_push_services_are_refused(
    server: Server, service: PushService, endpoint: str
) -> None:
    parent = register(server.base_url, "parent").api
    body = {**service.device().subscription(), "endpoint": endpoint}
    response = parent.post("/api/push/subscriptions", json=body)
    assert response.status_code == 400, response.text
    assert response.json()["errors"][0]["field"] == "endpoint"
    assert parent.get("/api/push/subscriptions").json() == []


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b",
        "https://updates.push.services.mozilla.com/wpush/v2/gAAAAA",
        "https://web.push.apple.com/QGVzdA",
        "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
    ],
)
def test_browser_push_service_endpoints_are_accepted(
    server: Server, service: PushService, endpoint: str
) -> None:
    parent = register(server.base_url, "parent").api
    body = {**service.device().subscription(), "endpoint": endpoint}
    assert parent.post("/api/push/subscriptions", json=body).status_code == 201


def test_the_development_flag_allows_loopback_but_not_the_rest_of_the_network(
    push_server: Server, service: PushService
) -> None:
    parent = register(push_server.base_url, "parent").api
    device = service.device()
    assert parent.post("/api/push/subscriptions", json=device.subscription()).status_code == 201
    for endpoint in ("https://10.0.0.1/x", "https://169.254.169.254/x"):
        body = {**service.device().subscription(), "endpoint": endpoint}
        assert parent.post("/api/push/subscriptions", json=body).status_code == 400


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"endpoint": "http://push.example.com/x"}, "endpoint"),
        ({"endpoint": "ftp://127.0.0.1/x"}, "endpoint"),
        ({"endpoint": "not a url"}, "endpoint"),
        ({"keys": {"p256dh": "AAAA", "auth": "AAAAAAAAAAAAAAAAAAAAAA"}}, "keys.p256dh"),
        ({"keys": {"p256dh": "B" * 87, "auth": "AAAAAAAAAAAAAAAAAAAAAA"}}, "keys.p256dh"),
        ({"keys": {"auth": "AAAA"}}, "keys.auth"),
    ],
)
def test_invalid_subscriptions_are_refused_naming_the_field(
    push_server: Server, service: PushService, change: dict[str, object], field: str
) -> None:
    parent = register(push_server.base_url, "parent").api
    body = service.device().subscription()
    if "keys" in change and isinstance(change["keys"], dict):
        body["keys"] = {**body["keys"], **change["keys"]}
    else:
        body.update(change)
    response = parent.post("/api/push/subscriptions", json=body)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in response.json()["detail"] or any(
        e["field"] == field for e in response.json().get("errors", [])
    )


def test_unsubscribe_by_endpoint_only_removes_your_own(
    push_server: Server, service: PushService
) -> None:
    owner = register(push_server.base_url, "student", **_class_code(push_server)).api
    stranger = register(push_server.base_url, "parent").api
    device = service.device()
    owner.post("/api/push/subscriptions", json=device.subscription())
    gone = stranger.delete("/api/push/subscriptions", params={"endpoint": device.endpoint})
    assert gone.status_code == 404
    assert (
        owner.delete("/api/push/subscriptions", params={"endpoint": device.endpoint}).status_code
        == 204
    )
    assert owner.get("/api/push/subscriptions").json() == []
    again = owner.delete("/api/push/subscriptions", params={"endpoint": device.endpoint})
    assert again.status_code == 404


def _class_code(server: Server) -> dict[str, str]:
    return {"join_code": classroom(server.base_url).join_code}


def test_parent_preferences_default_then_round_trip(push_server: Server) -> None:
    room = classroom(push_server.base_url)
    child = student_in(push_server.base_url, room)
    parent, _ = parent_of(push_server.base_url, child)
    defaults = parent.api.get("/api/push/preferences").json()
    assert defaults["frequency"] == "weekly"
    assert defaults["saved"] is False
    assert defaults["quiet_hours"] == {"start": "21:00", "end": "07:00"}
    body = {
        "frequency": "daily",
        "send_time": "19:30",
        "time_zone": "Asia/Almaty",
        "quiet_hours": {"start": "22:00", "end": "06:30"},
        "muted_student_ids": [child.id],
    }
    saved = parent.api.put("/api/push/preferences", json=body)
    assert saved.status_code == 200, saved.text
    assert parent.api.get("/api/push/preferences").json() == {**body, "weekday": 7, "saved": True}
    off = parent.api.put("/api/push/preferences", json={"frequency": "off"}).json()
    assert off["frequency"] == "off"
    assert off["quiet_hours"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"frequency": "hourly"}, "frequency"),
        ({"frequency": "daily", "send_time": "25:00"}, "send_time"),
        ({"frequency": "daily", "time_zone": "Mars/Olympus"}, "time_zone"),
        ({"frequency": "weekly", "weekday": 8}, "weekday"),
        ({"frequency": "daily", "quiet_hours": {"start": "22:00", "end": "22:00"}}, "quiet_hours"),
    ],
)
def test_invalid_preferences_are_refused_naming_the_field(
    push_server: Server, body: dict[str, object], field: str
) -> None:
    parent = register(push_server.base_url, "parent").api
    response = parent.put("/api/push/preferences", json=body)
    assert response.status_code == 400, response.text
    assert field in response.text


def test_muting_a_child_that_is_not_yours_is_not_found(push_server: Server) -> None:
    stranger = student_in(push_server.base_url, classroom(push_server.base_url))
    parent = register(push_server.base_url, "parent").api
    for student_id in (stranger.id, 999_999):
        body = {"frequency": "daily", "muted_student_ids": [student_id]}
        assert parent.put("/api/push/preferences", json=body).status_code == 404


def test_only_parents_have_digest_preferences_and_digests(push_server: Server) -> None:
    student = student_in(push_server.base_url, classroom(push_server.base_url)).api
    assert student.get("/api/push/preferences").status_code == 403
    assert student.put("/api/push/preferences", json={"frequency": "daily"}).status_code == 403
    assert student.get("/api/digests").status_code == 403
    teacher = register(push_server.base_url, "teacher").api
    assert teacher.get("/api/digests/preview").status_code == 403


def test_signed_out_callers_cannot_subscribe(push_server: Server, service: PushService) -> None:
    from tests.integration.client import Api

    anonymous = Api(push_server.base_url)
    response = anonymous.post("/api/push/subscriptions", json=service.device().subscription())
    assert response.status_code == 401


def test_an_account_has_at_most_20_push_devices(push_server: Server, service: PushService) -> None:
    parent = register(push_server.base_url, "parent").api
    devices = [service.device() for _ in range(20)]
    for device in devices:
        assert parent.post("/api/push/subscriptions", json=device.subscription()).status_code == 201
    extra = parent.post("/api/push/subscriptions", json=service.device().subscription())
    assert extra.status_code == 409
    assert "20 devices" in extra.json()["detail"]
    again = parent.post("/api/push/subscriptions", json=devices[0].subscription())
    assert again.status_code == 201
