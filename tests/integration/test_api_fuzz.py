"""Schemathesis against the OpenAPI document, signed in as a student, a teacher and a parent.

Requests generated from the document, valid ones and invalid ones, must never get a 5xx, nor a
status the document does not list for that operation. `make test` runs a bounded pass (a few
examples per operation and mode); `make fuzz` sets WAYPOINT_FUZZ_EXAMPLES much higher.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import status_code_conformance

from tests.integration.people import PASSWORD, classroom, parent_of, student_in
from tests.integration.servers import Server

EXAMPLES = int(os.environ.get("WAYPOINT_FUZZ_EXAMPLES", "3"))
ROLES = ("student", "teacher", "parent")
SKIPPED = {
    # The event stream never ends; signing out would end the sessions the run relies on.
    ("GET", "/api/sync/events"),
    ("POST", "/api/auth/logout"),
    ("DELETE", "/api/auth/sessions"),
    ("DELETE", "/api/auth/sessions/{session_id}"),
    # Changing the password (or redeeming a reset code) ends the run's other sessions.
    ("POST", "/api/auth/password"),
    ("POST", "/api/auth/password-reset"),
}


@pytest.fixture(scope="module")
def sessions(server: Server) -> dict[str, requests.Session]:
    """One signed-in requests session per role, as a browser holds it (cookies and CSRF)."""
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    parent, _ = parent_of(server.base_url, student)
    found: dict[str, requests.Session] = {}
    for role, login in (
        ("student", student.login),
        ("teacher", room.teacher.login),
        ("parent", parent.login),
    ):
        session = requests.Session()
        session.get(server.base_url + "/api/health").raise_for_status()
        session.headers["x-csrftoken"] = session.cookies.get("csrftoken") or ""
        signed_in = session.post(
            server.base_url + "/api/auth/login", json={"login": login, "password": PASSWORD}
        )
        assert signed_in.status_code == 200, signed_in.text
        found[role] = session
    return found


def test_no_server_error_and_no_undocumented_status(
    server: Server, sessions: dict[str, requests.Session]
) -> None:
    schema = schemathesis.openapi.from_url(server.base_url + "/schema/openapi.json")
    failures: list[str] = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), f"the document does not load: {result}"
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def each(case: schemathesis.Case[Any]) -> None:
                # Every request is sent as every role: what one may do, another is refused.
                for role in ROLES:
                    case.call_and_validate(
                        base_url=server.base_url,
                        session=sessions[role],
                        checks=[not_a_server_error, status_code_conformance],
                    )

            try:
                each()
            except Unsatisfiable:
                continue  # nothing to make invalid: the operation takes no input
            except Exception as exc:  # collected, so one run reports every operation that fails
                failures.append(f"{operation.label} ({mode.value}): {exc}"[:2000])
    assert not failures, "\n\n".join(failures)
