"""Registration, sign-in, sign-out, refresh and the caller's profile."""

from __future__ import annotations

from tests.integration.client import Api
from tests.integration.people import PASSWORD, classroom, register, unique_login


def test_teacher_registers_and_is_signed_in(base_url: str) -> None:
    teacher = register(base_url, "teacher", time_zone="Asia/Almaty", locale="kk")
    me = teacher.api.get("/api/me").json()
    assert me["role"] == "teacher"
    assert me["time_zone"] == "Asia/Almaty"
    assert me["locale"] == "kk"


def test_session_cookie_is_httponly_and_samesite(base_url: str) -> None:
    api = Api(base_url)
    response = api.post(
        "/api/auth/register",
        json={
            "role": "parent",
            "login": unique_login("p"),
            "password": PASSWORD,
            "display_name": "P",
        },
    )
    cookie = response.headers["set-cookie"]
    assert "wp_session=" in cookie
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie


def test_student_needs_a_join_code(base_url: str) -> None:
    response = Api(base_url).post(
        "/api/auth/register",
        json={
            "role": "student",
            "login": unique_login("s"),
            "password": PASSWORD,
            "display_name": "S",
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "join_code"


def test_student_with_wrong_join_code_is_told_to_ask_the_teacher(base_url: str) -> None:
    response = Api(base_url).post(
        "/api/auth/register",
        json={
            "role": "student",
            "login": unique_login("s"),
            "password": PASSWORD,
            "display_name": "S",
            "join_code": "ZZZZZZZZ",
        },
    )
    assert response.status_code == 404
    assert "teacher" in response.json()["detail"]


def test_student_registers_into_the_class(base_url: str) -> None:
    room = classroom(base_url)
    student = register(base_url, "student", join_code=room.join_code.lower())
    classes = student.api.get("/api/classes").json()
    assert [c["id"] for c in classes] == [room.class_id]
    assert classes[0]["join_code"] is None


def test_login_name_is_case_insensitive_and_unique(base_url: str) -> None:
    login = unique_login("T")
    register(base_url, "parent", login=login)
    again = Api(base_url).post(
        "/api/auth/register",
        json={"role": "parent", "login": login.lower(), "password": PASSWORD, "display_name": "X"},
    )
    assert again.status_code == 409
    api = Api(base_url)
    assert api.post(
        "/api/auth/login", json={"login": login.upper(), "password": PASSWORD}
    ).is_success


def test_wrong_password_and_unknown_account_get_the_same_answer(base_url: str) -> None:
    person = register(base_url, "teacher")
    api = Api(base_url)
    wrong = api.post("/api/auth/login", json={"login": person.login, "password": "nope-nope-1"})
    unknown = api.post(
        "/api/auth/login", json={"login": unique_login("ghost"), "password": "nope-nope-1"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()


def test_logout_ends_only_this_session(base_url: str) -> None:
    person = register(base_url, "parent")
    other = Api(base_url)
    assert other.post(
        "/api/auth/login", json={"login": person.login, "password": PASSWORD}
    ).is_success
    assert person.api.post("/api/auth/logout").status_code == 204
    assert person.api.get("/api/me").status_code == 401
    assert other.get("/api/me").status_code == 200


def test_refresh_rotates_the_token(base_url: str) -> None:
    person = register(base_url, "teacher")
    old_token = person.api.http.cookies.get("wp_session")
    response = person.api.post("/api/auth/refresh")
    assert response.status_code == 200
    new_token = person.api.http.cookies.get("wp_session")
    assert new_token
    assert new_token != old_token
    assert person.api.get("/api/me").status_code == 200
    stale = Api(base_url)
    stale.http.cookies.set("wp_session", old_token or "")
    assert stale.get("/api/me").status_code == 401


def test_profile_update_validates_the_time_zone(base_url: str) -> None:
    person = register(base_url, "parent")
    bad = person.api.patch("/api/me", json={"time_zone": "Mars/Olympus"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "time_zone"
    good = person.api.patch("/api/me", json={"time_zone": "Europe/Moscow", "display_name": "Ma"})
    assert good.json()["time_zone"] == "Europe/Moscow"
    assert good.json()["display_name"] == "Ma"
