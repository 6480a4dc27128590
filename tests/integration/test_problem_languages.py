"""The problems a person meets signing in and creating an account are said in the language
their app asks for (`Accept-Language`), over real HTTP on both engines; English otherwise."""

from __future__ import annotations

from tests.integration.client import Api
from tests.integration.people import PASSWORD, register, unique_login


def _wrong_password(base_url: str, language: str | None) -> str:
    person = register(base_url, "parent")
    headers = {"accept-language": language} if language else {}
    answer = Api(base_url).post(
        "/api/auth/login",
        json={"login": person.login, "password": PASSWORD + "x"},
        headers=headers,
    )
    assert answer.status_code == 401, answer.text
    return str(answer.json()["detail"])


def test_a_refused_sign_in_is_explained_in_the_apps_language(base_url: str) -> None:
    assert _wrong_password(base_url, "ru") == "Логин и пароль не совпадают."
    assert _wrong_password(base_url, "kk") == "Логин мен құпиясөз сәйкес келмейді."
    assert _wrong_password(base_url, None) == "That login name and password do not match."


def test_the_first_language_the_server_speaks_wins_by_preference(base_url: str) -> None:
    assert _wrong_password(base_url, "fr-FR, de;q=0.9, kk;q=0.5, ru;q=0.7") == (
        "Логин и пароль не совпадают."
    )
    assert _wrong_password(base_url, "fr, de") == "That login name and password do not match."


def test_a_weak_password_and_a_wrong_join_code_are_explained_in_russian(base_url: str) -> None:
    api = Api(base_url)
    body = {
        "role": "student",
        "login": unique_login("st"),
        "display_name": "Айгерим",
        "join_code": "NOSUCHCODE",
    }
    weak = api.post(
        "/api/auth/register",
        json={**body, "password": "password123"},
        headers={"accept-language": "ru"},
    )
    assert weak.status_code == 400, weak.text
    assert weak.json()["detail"].startswith("Исправьте поле «password»: слишком легко угадать")
    [problem] = weak.json()["errors"]
    assert problem["field"] == "password"
    assert problem["message"].startswith("слишком легко угадать")
    unknown = api.post(
        "/api/auth/register",
        json={**body, "password": "correct horse battery staple"},
        headers={"accept-language": "ru"},
    )
    assert unknown.status_code == 404, unknown.text
    assert (
        unknown.json()["detail"] == "Такого кода класса нет. Попросите у учителя действующий код."
    )
