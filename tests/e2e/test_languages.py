"""Waypoint in Kazakh, Russian and English: the language picked at sign-in becomes the account's,
every role reads its screens in its account's language, Russian counts agree with their numbers
(1, 2, 5, 21), and dates are written in the reader's language."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import TIMEOUT_MS, sign_in, wait_for_status
from tests.e2e.conftest import PHONE
from tests.integration.people import (
    PASSWORD,
    Person,
    classroom,
    parent_of,
    register,
    school_admin,
    student_in,
)
from tests.integration.servers import REPO, Server
from tests.integration.syncing import goal_args, new_client_id, push

pytestmark = pytest.mark.e2e

CATALOGUES = REPO / "pwa" / "src" / "i18n" / "catalogues"
RU_MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
KK_MONTHS = "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан"


def words(language: str, key: str) -> str:
    """A plain message of the app's catalogue in `language`."""
    catalogue: dict[str, str] = json.loads((CATALOGUES / f"{language}.json").read_text("utf-8"))
    return catalogue[key]


@contextmanager
def phone_page(chromium: Any, server: Server, locale: str) -> Iterator[Any]:
    """A page at 360x640 in a new browser profile whose own language is `locale`."""
    context = chromium.new_context(base_url=server.base_url, viewport=PHONE, locale=locale)
    try:
        yield context.new_page()
    finally:
        context.close()


def day_in(language: str, day: date) -> str:
    months = {"ru": RU_MONTHS, "kk": KK_MONTHS}[language].split()
    return f"{day.day} {months[day.month - 1]}"


def _goals_of_pages(student: Person, class_id: int, targets: list[int], deadline: date) -> None:
    mutations = [
        (
            n,
            "goal.create",
            goal_args(
                str(uuid.uuid4()),
                title=f"Read {target}",
                target=target,
                unit="pages",
                start_date=datetime.now(UTC).date().isoformat(),
                deadline=deadline.isoformat(),
                class_id=class_id,
            ),
        )
        for n, target in enumerate(targets, start=1)
    ]
    assert push(student.api, new_client_id(), *mutations).is_success


def test_russian_picked_at_sign_in_counts_pages_and_writes_dates_in_russian(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    deadline = datetime.now(UTC).date() + timedelta(days=40)
    _goals_of_pages(student, room.class_id, [1, 2, 5, 21], deadline)
    with phone_page(chromium, e2e_server, "en-US") as page:
        page.goto("/")
        page.get_by_role("heading", name="Sign in to Waypoint").wait_for(timeout=TIMEOUT_MS)
        page.get_by_test_id("language-picker").select_option("ru")
        page.get_by_role("heading", name=words("ru", "signIn.title")).wait_for()
        page.get_by_label(words("ru", "signIn.login")).fill(student.login)
        # A mistyped password is explained in Russian too: the server answers in the app's language.
        page.get_by_label(words("ru", "signIn.password")).fill(PASSWORD + "x")
        page.get_by_role("button", name=words("ru", "signIn.submit")).click()
        page.get_by_text("Логин и пароль не совпадают.").wait_for()
        page.get_by_label(words("ru", "signIn.password")).fill(PASSWORD)
        page.get_by_role("button", name=words("ru", "signIn.submit")).click()
        page.get_by_role("heading", name=words("ru", "today.title"), exact=True).wait_for()
        assert page.evaluate("() => document.documentElement.lang") == "ru"
        progress = page.get_by_test_id("today-goal-progress")
        progress.nth(3).wait_for()
        shown = " | ".join(progress.all_inner_texts())
        for phrase in ["0 из 1 страницы", "0 из 2 страниц", "0 из 5 страниц", "0 из 21 страницы"]:
            assert phrase in shown, shown
        pace = page.get_by_test_id("today-goal-pace").first.inner_text()
        assert day_in("ru", deadline) in pace, pace
        page.screenshot(path=str(artifacts / "today-ru.png"), full_page=True)
        # The choice made before signing in is the account's now, on every device and in pushes.
        assert student.api.get("/api/me").json()["locale"] == "ru"


def _person(base_url: str, role: str, language: str) -> tuple[Person, str]:
    """A person of `role` whose account speaks `language`, and the heading of their first screen."""
    if role == "admin":
        person = school_admin(base_url)
        assert person.api.patch("/api/me", json={"locale": language}).is_success
        return person, words(language, "staff.title").split("{name}")[0]
    if role == "parent":
        child = student_in(base_url, classroom(base_url))
        person, _ = parent_of(base_url, child)
        assert person.api.patch("/api/me", json={"locale": language}).is_success
        return person, words(language, "staff.title").split("{name}")[0]
    if role == "student":
        room = classroom(base_url)
        person = register(base_url, "student", join_code=room.join_code, locale=language)
        return person, words(language, "today.title")
    return register(base_url, "teacher", locale=language), words(language, "staff.title").split(
        "{name}"
    )[0]


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("role", ["student", "teacher", "parent", "admin"])
def test_each_role_reads_its_first_screen_in_its_accounts_language(
    chromium: Any, e2e_server: Server, role: str, language: str
) -> None:
    person, heading = _person(e2e_server.base_url, role, language)
    # The phone itself is set to English: the account's language wins once signed in.
    with phone_page(chromium, e2e_server, "en-US") as page:
        page.goto("/")
        page.get_by_label("Login").fill(person.login)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.locator("main h1").filter(has_text=heading).wait_for(timeout=TIMEOUT_MS)
        assert page.evaluate("() => document.documentElement.lang") == language
        nav = words(language, "nav.today" if role == "student" else "settings.signOut")
        assert page.get_by_text(nav, exact=True).first.is_visible()


def test_a_student_switches_to_kazakh_in_settings_and_it_stays(
    chromium: Any, e2e_server: Server, artifacts: Path
) -> None:
    room = classroom(e2e_server.base_url)
    student = student_in(e2e_server.base_url, room)
    deadline = datetime.now(UTC).date() + timedelta(days=30)
    _goals_of_pages(student, room.class_id, [5], deadline)
    with phone_page(chromium, e2e_server, "ru-RU") as page:
        # A Russian phone: before anyone signs in, the app speaks the phone's language.
        page.goto("/")
        page.get_by_role("button", name=words("ru", "signIn.submit")).wait_for(timeout=TIMEOUT_MS)
        page.get_by_test_id("language-picker").select_option("en")
        page.get_by_role("heading", name="Sign in to Waypoint").wait_for()
        sign_in(page, student.login)
        wait_for_status(page, "Synced")
        page.goto("/#/settings")
        page.get_by_test_id("language-picker").select_option("kk")
        page.get_by_role("status").filter(has_text=words("kk", "language.saved")).wait_for()
        assert student.api.get("/api/me").json()["locale"] == "kk"
        page.reload()
        page.goto("/#/today")
        page.get_by_role("heading", name=words("kk", "today.title"), exact=True).wait_for()
        pace = page.get_by_test_id("today-goal-pace").first.inner_text()
        assert day_in("kk", deadline) in pace, pace
        assert "5 бет ішінен 0" in page.get_by_test_id("today-goal-progress").first.inner_text()
        page.screenshot(path=str(artifacts / "today-kk.png"), full_page=True)
