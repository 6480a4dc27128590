"""Devices: each installed app registers its client id, bound to the user for good."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, delete, get, put
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.accounts.principal import AuthedRequest
from backend.devices.binding import bind_device, require_client_id
from backend.devices.tables import Device


class DeviceRegistration(msgspec.Struct, forbid_unknown_fields=True):
    label: Annotated[str, msgspec.Meta(max_length=80)] = ""


class DeviceInfo(msgspec.Struct, kw_only=True):
    client_id: str
    label: str
    last_mutation_id: int
    created_at: datetime
    last_seen_at: datetime


def _info(row: dict[str, Any]) -> DeviceInfo:
    return DeviceInfo(
        client_id=row["client_id"],
        label=row["label"],
        last_mutation_id=row["last_mutation_id"],
        created_at=row["created_at"],
        last_seen_at=row["last_seen_at"],
    )


class DeviceController(Controller):
    path = "/api/devices"
    tags = ["devices"]

    @put("/{client_id:str}")
    async def register(
        self, request: AuthedRequest, client_id: FromPath[str], data: JSONBody[DeviceRegistration]
    ) -> DeviceInfo:
        """Register (or relabel) this installation; another user's client id is refused."""
        await bind_device(require_client_id(client_id), request.user.id, label=data.label)
        rows = await Device.select().where(Device.client_id == require_client_id(client_id))
        return _info(rows[0])

    @get("/")
    async def list_devices(self, request: AuthedRequest) -> list[DeviceInfo]:
        """The caller's devices."""
        rows = await Device.select().where(Device.user == request.user.id).order_by(Device.id)
        return [_info(r) for r in rows]

    @delete("/{client_id:str}", status_code=HTTP_204_NO_CONTENT)
    async def forget(self, request: AuthedRequest, client_id: FromPath[str]) -> None:
        """Forget one of the caller's devices."""
        deleted = (
            await Device.delete()
            .where(
                (Device.client_id == require_client_id(client_id))
                & (Device.user == request.user.id)
            )
            .returning(Device.id)
        )
        if not deleted:
            raise NotFoundException(detail="No device with that client id on your account.")
