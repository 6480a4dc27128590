"""A user's devices against the database."""

from __future__ import annotations

from typing import Any

from backend.devices.binding import bind_device
from backend.devices.schemas import DeviceInfo
from backend.devices.tables import Device


def _info(row: dict[str, Any]) -> DeviceInfo:
    return DeviceInfo(
        client_id=row["client_id"],
        label=row["label"],
        last_mutation_id=row["last_mutation_id"],
        created_at=row["created_at"],
        last_seen_at=row["last_seen_at"],
    )


async def register(client_id: str, user_id: int, label: str) -> DeviceInfo:
    """Bind (or relabel) the user's installation and return it as stored."""
    await bind_device(client_id, user_id, label=label)
    rows = await Device.select().where(Device.client_id == client_id)
    return _info(rows[0])


async def devices_of(user_id: int) -> list[DeviceInfo]:
    """The user's devices, oldest first."""
    rows = await Device.select().where(Device.user == user_id).order_by(Device.id)
    return [_info(r) for r in rows]


async def forget(client_id: str, user_id: int) -> bool:
    """Forget one of the user's devices; False when they have none with that client id."""
    deleted = (
        await Device.delete()
        .where((Device.client_id == client_id) & (Device.user == user_id))
        .returning(Device.id)
    )
    return bool(deleted)
