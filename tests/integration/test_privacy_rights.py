"""A student or parent takes their data with them, or has it erased; a school erases a student
who left."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
import zipfile
from typing import Any

from tests.integration.commands import waypoint
from tests.integration.database import query
from tests.integration.people import (
    PASSWORD,
    Person,
    administrator,
    classroom,
    parent_of,
    register,
    sign_in,
    student_in,
)
from tests.integration.servers import Server
from tests.integration.syncing import goal_args, new_client_id, pull_all, push

# Every column that can name an account, by table; `id` of app_user is the account itself.
ACCOUNT_COLUMNS = {
    "actor",
    "assigned_by",
    "author",
    "confirmed_by",
    "created_by",
    "invited_by",
    "issued_by",
    "mentor",
    "owner",
    "parent",
    "space",
    "student",
    "subject",
    "teacher",
    "used_by",
    "user",
}


def _fill(student: Person) -> tuple[str, list[str]]:
    """A month of a student's things through sync; returns the device and the record ids."""
    client = new_client_id()
    goal = str(uuid.uuid4())
    ids = [goal, str(uuid.uuid4()), str(uuid.uuid4()), str(uuid.uuid4())]
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    response = push(
        student.api,
        client,
        (1, "goal.create", goal_args(goal, title="Read Abai", class_id=student.class_id)),
        (
            2,
            "progress.add",
            {"id": ids[1], "goal_id": goal, "amount": 3, "occurred_at": now.isoformat()},
        ),
        (
            3,
            "time.log",
            {
                "id": ids[2],
                "kind": "free",
                "category": "friends",
                "private": True,
                "note": "Birthday",
                "started_at": now.isoformat(),
                "minutes": 60,
            },
        ),
        (
            4,
            "rest.create",
            {
                "id": ids[3],
                "start_date": now.date().isoformat(),
                "end_date": now.date().isoformat(),
                "reason": "illness",
            },
        ),
    )
    assert all(r["outcome"] == "applied" for r in response.json()["results"]), response.text
    return client, ids


def _export(person: Person, password: str = PASSWORD) -> Any:
    return person.api.post("/api/me/export", json={"password": password})


def test_an_export_holds_every_record_of_the_student_and_nothing_of_anyone_else(
    server: Server,
) -> None:
    room = classroom(server.base_url)
    student, classmate = student_in(server.base_url, room), student_in(server.base_url, room)
    _, mine = _fill(student)
    _, theirs = _fill(classmate)

    assert _export(student, "not my password").status_code == 403
    response = _export(student)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/zip")
    assert "attachment" in response.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"README.txt", "account.json", "records/goal.json", "csv/goal.csv"} <= names
    exported = {
        row["id"]
        for name in names
        if name.startswith("records/")
        for row in json.loads(archive.read(name))
    }
    assert set(mine) <= exported
    everything = b"".join(archive.read(name) for name in names)
    assert all(record_id.encode() not in everything for record_id in theirs)
    assert classmate.login.encode() not in everything
    # The private note is the student's own: it is in their export.
    [entry] = json.loads(archive.read("records/time_entry.json"))
    assert entry["fields"]["note"] == "Birthday"
    rows = list(csv.DictReader(io.StringIO(archive.read("csv/goal.csv").decode("utf-8-sig"))))
    assert [(r["id"], r["title"], r["class_id"]) for r in rows] == [
        (mine[0], "Read Abai", str(student.class_id))
    ]
    account = json.loads(archive.read("account.json"))
    assert account["account"]["login"] == student.login
    assert [c["name"] for c in account["classes"]] == ["Algebra"]
    logged = query(server, "SELECT action FROM audit_event WHERE subject = $1", student.id)
    assert {"action": "account.exported"} in logged


def test_a_parents_export_holds_their_links_and_preferences(server: Server) -> None:
    student = student_in(server.base_url, classroom(server.base_url))
    parent, _ = parent_of(server.base_url, student)
    response = _export(parent)
    assert response.status_code == 200, response.text
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    account = json.loads(archive.read("account.json"))
    assert [link["student_id"] for link in account["guardian_links"]] == [student.id]
    assert json.loads(archive.read("digests.json")) == []


def test_erasure_waits_two_weeks_and_signing_in_again_cancels_it(server: Server) -> None:
    student = student_in(server.base_url, classroom(server.base_url))
    refused = student.api.request("DELETE", "/api/me", json={"password": "wrong one"})
    assert refused.status_code == 403
    asked = student.api.request("DELETE", "/api/me", json={"password": PASSWORD})
    assert asked.status_code == 202, asked.text
    erase_after = dt.datetime.fromisoformat(asked.json()["erase_after"])
    assert dt.timedelta(days=13) < erase_after - dt.datetime.now(dt.UTC) <= dt.timedelta(days=14)
    # Every session ended at once.
    assert student.api.get("/api/me").status_code == 401
    back = sign_in(server.base_url, student.login)
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=15)).isoformat()
    # Other tests on this server may have accounts waiting; this one is no longer among them.
    assert waypoint(server, "erasures", "--now", later).startswith("erased ")
    assert back.api.get("/api/me").status_code == 200
    [kept] = query(server, "SELECT erase_after FROM app_user WHERE id = $1", student.id)
    assert kept["erase_after"] is None


def _rows_naming(server: Server, account: int) -> dict[str, int]:
    """How many rows of every table name the account, by table and column."""
    if server.database_url is None:
        tables = [
            r["name"] for r in query(server, "SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        columns = {t: [r["name"] for r in query(server, f"PRAGMA table_info({t})")] for t in tables}
    else:
        found = query(
            server,
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public'",
        )
        columns = {}
        for row in found:
            columns.setdefault(row["table_name"], []).append(row["column_name"])
    counts: dict[str, int] = {}
    for table, names in columns.items():
        wanted = [n for n in names if n in ACCOUNT_COLUMNS or (table == "app_user" and n == "id")]
        for name in wanted:
            [row] = query(
                server,
                f'SELECT COUNT(*) AS n FROM {table} WHERE "{name}" = $1',  # noqa: S608
                account,
            )
            if row["n"]:
                counts[f"{table}.{name}"] = int(row["n"])
    return counts


def test_after_erasure_no_row_of_the_student_remains_and_other_devices_drop_them(
    server: Server,
) -> None:
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    client, _ = _fill(student)
    parent, _ = parent_of(server.base_url, student)
    mentor = register(server.base_url, "teacher")
    admin = administrator(server.base_url)
    assert admin.api.put(
        f"/api/students/{student.id}/mentor", json={"mentor_id": mentor.id}
    ).is_success
    assert mentor.api.post(
        f"/api/mentees/{student.id}/notes", json={"body": "We talked."}
    ).is_success
    parents_phone = new_client_id()
    held, page = pull_all(parent.api, parents_phone)
    assert any(c["space"] == student.id for c in held)
    teachers_laptop = new_client_id()
    _, teacher_page = pull_all(room.teacher.api, teachers_laptop)
    assert _rows_naming(server, student.id)

    assert student.api.request("DELETE", "/api/me", json={"password": PASSWORD}).status_code == 202
    later = (dt.datetime.now(dt.UTC) + dt.timedelta(days=15)).isoformat()
    assert waypoint(server, "erasures", "--now", later).startswith("erased ")

    assert _rows_naming(server, student.id) == {}
    assert query(server, "SELECT COUNT(*) AS n FROM sync_outcome WHERE client_id = $1", client) == [
        {"n": 0}
    ]
    after, last = pull_all(parent.api, parents_phone, page["cursor"])
    assert last["removed_spaces"] == [student.id]
    assert all(c["space"] != student.id for c in after)
    _, teacher_last = pull_all(room.teacher.api, teachers_laptop, teacher_page["cursor"])
    assert teacher_last["removed_spaces"] == [student.id]
    gone = student.api.post("/api/auth/login", json={"login": student.login, "password": PASSWORD})
    assert gone.status_code == 401
    # What happened stays on record, without the person.
    assert (
        query(
            server,
            "SELECT COUNT(*) AS n FROM audit_event WHERE action = $1",
            "account.erasure_requested",
        )[0]["n"]
        >= 1
    )


def test_a_school_administrator_erases_a_student_who_left(server: Server) -> None:
    student = student_in(server.base_url, classroom(server.base_url))
    _fill(student)
    admin = sign_in(server.base_url, administrator(server.base_url).login)
    path = f"/api/school/accounts/{student.id}/erasure"
    wrong = admin.api.post(path, json={"login": "someone-else"})
    assert wrong.status_code == 422
    assert student.login in wrong.json()["detail"]
    assert admin.api.post(path, json={"login": student.login}).status_code == 204
    assert _rows_naming(server, student.id) == {}
    assert admin.api.post(path, json={"login": student.login}).status_code == 404


def test_the_student_reads_who_did_what_with_their_data(server: Server) -> None:
    room = classroom(server.base_url)
    student = student_in(server.base_url, room)
    goal = str(uuid.uuid4())
    push(student.api, new_client_id(), (1, "goal.create", goal_args(goal, class_id=room.class_id)))
    assert room.teacher.api.get(f"/api/classes/{room.class_id}/overview").is_success
    [item] = room.teacher.api.get("/api/approvals").json()
    decided = room.teacher.api.post(
        "/api/approvals/decisions",
        json={
            "decisions": [
                {
                    "type": "new_goal",
                    "id": goal,
                    "decision": "approve",
                    "goal_version": item["goal_version"],
                }
            ]
        },
    )
    assert decided.is_success
    other = classroom(server.base_url)
    assert other.teacher.api.get(f"/api/classes/{other.class_id}/overview").is_success
    parent, _ = parent_of(server.base_url, student)
    assert parent.api.get(f"/api/students/{student.id}").is_success

    history = student.api.get("/api/me/access-log")
    assert history.status_code == 200, history.text
    said = [entry["what"] for entry in history.json()]
    teacher = room.teacher.login.title()
    assert f"{teacher} approved your new goal" in said
    assert f"{teacher} opened the overview of Algebra" in said
    assert f"{parent.login.title()} opened your profile" in said
    # Another class's overview is none of this student's business.
    assert all(other.teacher.login.title() not in line for line in said)


def test_a_new_student_is_told_once_who_sees_what(server: Server) -> None:
    student = student_in(server.base_url, classroom(server.base_url))
    assert student.api.get("/api/me").json()["privacy_notice_seen"] is False
    assert student.api.post("/api/me/privacy-notice").status_code == 204
    assert student.api.get("/api/me").json()["privacy_notice_seen"] is True
    again = sign_in(server.base_url, student.login)
    assert again.api.get("/api/me").json()["privacy_notice_seen"] is True
    parent, _ = parent_of(server.base_url, student)
    assert parent.api.get("/api/me").json()["privacy_notice_seen"] is True
    assert parent.api.post("/api/me/privacy-notice").status_code == 403
