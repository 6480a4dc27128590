"""Wire shapes of push subscriptions and digest preferences."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

LocalTime = Annotated[
    str, msgspec.Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", examples=["18:00"])
]
Base64Url = Annotated[
    str, msgspec.Meta(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_-]+=*$")
]


class VapidPublicKey(msgspec.Struct, kw_only=True):
    """Pass ``public_key`` to ``PushManager.subscribe`` as ``applicationServerKey``."""

    public_key: str


class SubscriptionKeys(msgspec.Struct, forbid_unknown_fields=True):
    p256dh: Base64Url
    auth: Base64Url


class SubscriptionCreate(msgspec.Struct, kw_only=True):
    """``PushSubscription.toJSON()`` as the browser gives it."""

    endpoint: Annotated[str, msgspec.Meta(min_length=1, max_length=2048)]
    keys: SubscriptionKeys
    expirationTime: int | None = None  # the browser's own name


class Subscription(msgspec.Struct, kw_only=True):
    id: int
    endpoint: str
    created_at: dt.datetime
    updated_at: dt.datetime


class QuietHours(msgspec.Struct, forbid_unknown_fields=True):
    """Local times; ``start`` after ``end`` spans midnight (21:00 to 07:00)."""

    start: LocalTime
    end: LocalTime


class PreferencesUpdate(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """A parent's digest settings. Leave ``time_zone`` out to use the account's."""

    frequency: Literal["daily", "weekly", "off"]
    send_time: LocalTime = "18:00"
    weekday: Annotated[int, msgspec.Meta(ge=1, le=7, description="ISO weekday, 1 = Monday")] = 7
    time_zone: str | None = None
    quiet_hours: QuietHours | None = None
    muted_student_ids: Annotated[list[int], msgspec.Meta(max_length=50)] = msgspec.field(
        default_factory=list
    )


class Preferences(msgspec.Struct, kw_only=True):
    frequency: Literal["daily", "weekly", "off"]
    send_time: str
    weekday: int
    time_zone: str
    quiet_hours: QuietHours | None
    muted_student_ids: list[int]
    saved: bool
    """False while the defaults apply (nothing saved yet)."""
