"""Devices: a client id is bound to the first user who registers it."""

from __future__ import annotations

import uuid

from tests.integration.people import register


def test_client_id_is_bound_to_its_first_user(base_url: str) -> None:
    client_id = uuid.uuid4().hex
    owner = register(base_url, "parent")
    other = register(base_url, "parent")
    assert owner.api.put(f"/api/devices/{client_id}", json={"label": "Phone"}).status_code == 200
    refused = other.api.put(f"/api/devices/{client_id}", json={})
    assert refused.status_code == 403
    assert "another account" in refused.json()["detail"]
    listed = owner.api.get("/api/devices").json()
    assert [(d["client_id"], d["label"]) for d in listed] == [(client_id, "Phone")]


def test_malformed_client_id_is_refused(base_url: str) -> None:
    owner = register(base_url, "parent")
    for malformed in ("not.valid", "x" * 65):
        refused = owner.api.put(f"/api/devices/{malformed}", json={})
        assert refused.status_code == 400
        assert "1-64" in refused.json()["detail"]


def test_a_client_id_sync_accepts_can_be_named_and_forgotten(base_url: str) -> None:
    """One definition of a client id: a short one the sync envelope accepts is a device too."""
    owner = register(base_url, "parent")
    assert owner.api.put("/api/devices/tab1", json={"label": "Tablet"}).status_code == 200
    assert [d["client_id"] for d in owner.api.get("/api/devices").json()] == ["tab1"]
    assert owner.api.delete("/api/devices/tab1").status_code == 204


def test_forgetting_a_device(base_url: str) -> None:
    owner = register(base_url, "teacher")
    client_id = uuid.uuid4().hex
    owner.api.put(f"/api/devices/{client_id}", json={})
    assert owner.api.delete(f"/api/devices/{client_id}").status_code == 204
    assert owner.api.delete(f"/api/devices/{client_id}").status_code == 404
