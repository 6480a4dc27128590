"""Wire types of the devices API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import msgspec


class DeviceRegistration(msgspec.Struct, forbid_unknown_fields=True):
    label: Annotated[str, msgspec.Meta(max_length=80)] = ""


class DeviceInfo(msgspec.Struct, kw_only=True):
    client_id: str
    label: str
    last_mutation_id: int
    created_at: datetime
    last_seen_at: datetime
