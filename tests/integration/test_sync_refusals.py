"""Every status the sync endpoints answer besides 200, as sync/PROTOCOL.md's table lists them.

Each refusal is a problem-details document saying what to fix, and nothing of a refused push
is applied.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from sync.wire import MAX_PULL_PAGE, PROTOCOL_VERSION
from tests.integration.client import Api
from tests.integration.people import Person, classroom, student_in
from tests.integration.syncing import clock, goal_args, new_client_id, pull_all


def _student(base_url: str) -> Person:
    return student_in(base_url, classroom(base_url))


def _envelope(client_id: str, *mutations: dict[str, Any]) -> dict[str, Any]:
    return {"protocol_version": PROTOCOL_VERSION, "client_id": client_id, "mutations": [*mutations]}


def _create(client_id: str, mutation_id: int = 1) -> dict[str, Any]:
    return {
        "mutation_id": mutation_id,
        "name": "goal.create",
        "args": goal_args(str(uuid.uuid4())),
        "hlc": clock(client_id, counter=mutation_id),
    }


def _nothing_applied(student: Person) -> bool:
    changes, page = pull_all(student.api, new_client_id())
    # The server's own record of the student's classes is there from the start.
    own = [c for c in changes if c["kind"] != "policy"]
    return own == [] and page["last_mutation_id"] == 0


def test_a_push_with_no_mutations_is_400(base_url: str) -> None:
    student = _student(base_url)
    response = student.api.post("/api/sync/push", json=_envelope(new_client_id()))
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "`mutations`" in response.json()["detail"]


def test_a_push_without_a_client_id_is_400_naming_it(base_url: str) -> None:
    student = _student(base_url)
    body = _envelope(new_client_id(), _create("x"))
    del body["client_id"]
    response = student.api.post("/api/sync/push", json=body)
    assert response.status_code == 400
    assert "client_id" in response.json()["detail"]
    assert _nothing_applied(student)


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"mutation_id": 0}, "mutation_id"),
        ({"hlc": "yesterday"}, "hlc"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_malformed_mutation_envelope_is_400_naming_the_field(
    base_url: str, change: dict[str, Any], named: str
) -> None:
    student = _student(base_url)
    client_id = new_client_id()
    good = _create(client_id, 1)
    response = student.api.post(
        "/api/sync/push", json=_envelope(client_id, good, {**_create(client_id, 2), **change})
    )
    assert response.status_code == 400
    assert named in response.json()["detail"]
    assert _nothing_applied(student)


def test_a_push_of_an_old_protocol_asks_for_an_app_update(base_url: str) -> None:
    student = _student(base_url)
    client_id = new_client_id()
    body = {**_envelope(client_id, _create(client_id)), "protocol_version": 0}
    response = student.api.post("/api/sync/push", json=body)
    assert (response.status_code, response.json()["code"]) == (400, "update_required")
    assert _nothing_applied(student)


def test_a_push_over_one_mib_is_413_naming_the_limit(base_url: str) -> None:
    student = _student(base_url)
    client_id = new_client_id()
    mutation = _create(client_id)
    mutation["args"]["description"] = "x" * (1024 * 1024)
    response = student.api.post("/api/sync/push", json=_envelope(client_id, mutation))
    assert response.status_code == 413
    assert "1 MiB" in response.json()["detail"]
    assert _nothing_applied(student)


def test_sync_without_signing_in_is_401(base_url: str) -> None:
    anonymous = Api(base_url)
    client_id = new_client_id()
    pushed = anonymous.post("/api/sync/push", json=_envelope(client_id, _create(client_id)))
    pulled = anonymous.post(
        "/api/sync/pull", json={"protocol_version": PROTOCOL_VERSION, "client_id": client_id}
    )
    assert (pushed.status_code, pulled.status_code) == (401, 401)


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"limit": MAX_PULL_PAGE + 1}, "limit"),
        ({"limit": 0}, "limit"),
        ({"cursor": "x" * (64 * 1024 + 1)}, "cursor"),
        ({"client_id": "not a client id"}, "client_id"),
    ],
)
def test_a_malformed_pull_is_400_naming_the_field(
    base_url: str, change: dict[str, Any], named: str
) -> None:
    student = _student(base_url)
    body = {"protocol_version": PROTOCOL_VERSION, "client_id": new_client_id(), **change}
    response = student.api.post("/api/sync/pull", json=body)
    assert response.status_code == 400
    assert named in response.json()["detail"]
