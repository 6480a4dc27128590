"""Devices: each installed app registers its client id, bound to the user for good."""

from __future__ import annotations

from litestar import Controller, delete, get, put
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.accounts.principal import AuthedRequest
from backend.devices import service
from backend.devices.binding import require_client_id
from backend.devices.schemas import DeviceInfo, DeviceRegistration


class DeviceController(Controller):
    path = "/api/devices"
    tags = ["devices"]

    @put("/{client_id:str}")
    async def register(
        self, request: AuthedRequest, client_id: FromPath[str], data: JSONBody[DeviceRegistration]
    ) -> DeviceInfo:
        """Register (or relabel) this installation; another user's client id is refused."""
        return await service.register(require_client_id(client_id), request.user.id, data.label)

    @get("/")
    async def list_devices(self, request: AuthedRequest) -> list[DeviceInfo]:
        """The caller's devices."""
        return await service.devices_of(request.user.id)

    @delete("/{client_id:str}", status_code=HTTP_204_NO_CONTENT)
    async def forget(self, request: AuthedRequest, client_id: FromPath[str]) -> None:
        """Forget one of the caller's devices."""
        if not await service.forget(require_client_id(client_id), request.user.id):
            raise NotFoundException(detail="No device with that client id on your account.")
