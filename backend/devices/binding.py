"""Binding a client id to the user who first uses it."""

from __future__ import annotations

from typing import Any

from litestar.exceptions import PermissionDeniedException
from piccolo.columns import Column

from backend.clock import utcnow
from backend.db import write_transaction
from backend.devices.tables import Device
from backend.problems import field_error
from sync.hlc import is_client_id


def require_client_id(client_id: str) -> str:
    """`client_id` if well formed (1-64 of A-Z a-z 0-9 _ -), else a 400 saying so."""
    # The sync envelope's own rule, so every id a device syncs with can be managed.
    if not is_client_id(client_id):
        raise field_error(
            "client_id", "must be 1-64 letters, digits, dashes or underscores (the app makes one)"
        )
    return client_id


async def bind_device(client_id: str, user_id: int, *, label: str | None = None) -> None:
    """Create the device row on first use; refuse a client id that belongs to someone else."""
    now = utcnow()
    async with write_transaction(Device._meta.db):
        rows = await Device.select(Device.id, Device.user).where(Device.client_id == client_id)
        if rows and rows[0]["user"] != user_id:
            raise PermissionDeniedException(
                detail="This client id belongs to another account. Reinstall or reset the app "
                "so it makes a new one."
            )
        if rows:
            values: dict[Column | str, Any] = {Device.last_seen_at: now}
            if label is not None:
                values[Device.label] = label
            await Device.update(values).where(Device.id == rows[0]["id"])
        else:
            await Device.insert(
                Device(
                    client_id=client_id,
                    user=user_id,
                    label=label or "",
                    created_at=now,
                    last_seen_at=now,
                )
            )
