"""More signed-in sessions for one person: each of their devices signs in on its own."""

from __future__ import annotations

from tests.integration.client import Api
from tests.integration.people import PASSWORD, Person


def sign_in(base_url: str, person: Person) -> Api:
    """A new session for `person`, as a second phone or tablet would open one."""
    api = Api(base_url)
    response = api.post("/api/auth/login", json={"login": person.login, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return api
