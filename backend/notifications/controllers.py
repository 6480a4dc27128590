"""Push endpoints: the VAPID public key, a device's subscription, a parent's digest preferences."""

from __future__ import annotations

import functools
from typing import Any

import msgspec
from litestar import Controller, delete, get, post, put
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, NotFoundException
from litestar.params import FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT
from piccolo.columns import Column

from backend.access import visible_student_ids
from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest
from backend.accounts.roles import Role
from backend.clock import utcnow
from backend.db import write_transaction
from backend.deps import Services
from backend.notifications.preferences import (
    DEFAULT_FREQUENCY,
    DEFAULT_QUIET,
    DEFAULT_SEND_TIME,
    DEFAULT_WEEKDAY,
)
from backend.notifications.schemas import (
    Preferences,
    PreferencesUpdate,
    QuietHours,
    Subscription,
    SubscriptionCreate,
    VapidPublicKey,
)
from backend.notifications.subscriptions import InvalidSubscription, check_endpoint, check_keys
from backend.notifications.tables import PushPreference, PushSubscription
from backend.notifications.vapid import load_vapid, public_key
from backend.problems import field_error
from backend.settings import Settings
from backend.timezones import require_time_zone

ALL_ROLES = tuple(Role)
MAX_SUBSCRIPTIONS = 20
"""Devices per account; more is a leak (a PWA that subscribes on every start), not a family."""


def _taken() -> ClientException:
    return ClientException(
        status_code=409,
        detail="This browser already receives pushes for another account. Sign in as that "
        "account and remove it, or reset this site's notification permission, then try again.",
    )


@functools.cache
def _public_key(settings: Settings) -> str:
    return public_key(load_vapid(settings))


def _subscription(row: dict[str, Any]) -> Subscription:
    return Subscription(
        id=row["id"],
        endpoint=row["endpoint"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _preferences(row: dict[str, Any] | None, account_zone: str) -> Preferences:
    if row is None:
        return Preferences(
            frequency=DEFAULT_FREQUENCY,
            send_time=DEFAULT_SEND_TIME,
            weekday=DEFAULT_WEEKDAY,
            time_zone=account_zone,
            quiet_hours=QuietHours(start=DEFAULT_QUIET[0], end=DEFAULT_QUIET[1]),
            muted_student_ids=[],
            saved=False,
        )
    quiet = None
    if row["quiet_start"] and row["quiet_end"]:
        quiet = QuietHours(start=row["quiet_start"], end=row["quiet_end"])
    return Preferences(
        frequency=row["frequency"],
        send_time=row["send_time"],
        weekday=row["weekday"],
        time_zone=row["time_zone"],
        quiet_hours=quiet,
        muted_student_ids=msgspec.json.decode(row["muted"], type=list[int]),
        saved=True,
    )


class PushController(Controller):
    tags = ["push"]

    @get("/api/push/vapid-public-key", opt={"exclude_from_auth": True})
    async def vapid_public_key(self, services: NamedDependency[Services]) -> VapidPublicKey:
        """The server's VAPID public key (base64url, uncompressed P-256 point)."""
        return VapidPublicKey(public_key=_public_key(services.settings))

    @post("/api/push/subscriptions", guards=[allow(*ALL_ROLES)], status_code=HTTP_201_CREATED)
    async def subscribe(
        self,
        request: AuthedRequest,
        data: JSONBody[SubscriptionCreate],
        services: NamedDependency[Services],
    ) -> Subscription:
        """Store this device's push subscription; the same endpoint again replaces the old one.

        An endpoint belongs to the account that subscribed it first: another account posting it
        gets 409 and changes nothing, so knowing someone's endpoint cannot divert their pushes.
        """
        try:
            check_endpoint(
                data.endpoint, allow_http_loopback=services.settings.push_allow_http_loopback
            )
            check_keys(data.keys.p256dh, data.keys.auth)
        except InvalidSubscription as exc:
            raise field_error(exc.field, str(exc)) from None
        now = utcnow()
        async with write_transaction(PushSubscription._meta.db):
            owners = await PushSubscription.select(PushSubscription.owner).where(
                PushSubscription.endpoint == data.endpoint
            )
            if owners and owners[0]["owner"] != request.user.id:
                raise _taken()
            count = await PushSubscription.count().where(PushSubscription.owner == request.user.id)
            if not owners and count >= MAX_SUBSCRIPTIONS:
                raise ClientException(
                    status_code=409,
                    detail=f"You already receive pushes on {MAX_SUBSCRIPTIONS} devices. "
                    "Remove one you no longer use first.",
                )
            await PushSubscription.insert(
                PushSubscription(
                    owner=request.user.id,
                    endpoint=data.endpoint,
                    p256dh=data.keys.p256dh,
                    auth=data.keys.auth,
                    created_at=now,
                    updated_at=now,
                )
            ).on_conflict(
                action="DO UPDATE",
                target=PushSubscription.endpoint,
                values=[
                    PushSubscription.p256dh,
                    PushSubscription.auth,
                    PushSubscription.updated_at,
                ],
                # A concurrent first subscription by another account keeps its row.
                where=PushSubscription.owner == request.user.id,
            )
            rows = await PushSubscription.select().where(PushSubscription.endpoint == data.endpoint)
            if rows[0]["owner"] != request.user.id:
                raise _taken()
        return _subscription(rows[0])

    @get("/api/push/subscriptions", guards=[allow(*ALL_ROLES)])
    async def list_subscriptions(self, request: AuthedRequest) -> list[Subscription]:
        """Your devices that receive pushes."""
        rows = (
            await PushSubscription.select()
            .where(PushSubscription.owner == request.user.id)
            .order_by(PushSubscription.id)
        )
        return [_subscription(r) for r in rows]

    @delete(
        "/api/push/subscriptions",
        guards=[allow(*ALL_ROLES)],
        status_code=HTTP_204_NO_CONTENT,
    )
    async def unsubscribe(self, request: AuthedRequest, endpoint: FromQuery[str]) -> None:
        """Stop pushes to the device with this endpoint (``?endpoint=...``)."""
        deleted = (
            await PushSubscription.delete()
            .where(
                (PushSubscription.endpoint == endpoint)
                & (PushSubscription.owner == request.user.id)
            )
            .returning(PushSubscription.id)
        )
        if not deleted:
            raise NotFoundException(detail="No subscription of yours has that endpoint.")

    @get("/api/push/preferences", guards=[allow(Role.PARENT)])
    async def get_preferences(self, request: AuthedRequest) -> Preferences:
        """Your digest settings (the defaults until you save your own)."""
        rows = await PushPreference.select().where(PushPreference.parent == request.user.id)
        return _preferences(rows[0] if rows else None, request.user.time_zone)

    @put("/api/push/preferences", guards=[allow(Role.PARENT)])
    async def put_preferences(
        self, request: AuthedRequest, data: JSONBody[PreferencesUpdate]
    ) -> Preferences:
        """Daily, weekly or off; when (local time); quiet hours; which children to leave out."""
        user = request.user
        zone = require_time_zone(data.time_zone or user.time_zone)
        children = await visible_student_ids(user)
        for student_id in data.muted_student_ids:
            if student_id not in children:
                # As everywhere, another family's child is indistinguishable from no child.
                raise NotFoundException(detail=f"No child {student_id} of yours to mute.")
        quiet = data.quiet_hours
        if quiet is not None and quiet.start == quiet.end:
            raise field_error("quiet_hours", "start and end must differ (leave it out for none)")
        values: dict[Column, Any] = {
            PushPreference.frequency: data.frequency,
            PushPreference.send_time: data.send_time,
            PushPreference.weekday: data.weekday,
            PushPreference.time_zone: zone,
            PushPreference.quiet_start: quiet.start if quiet else None,
            PushPreference.quiet_end: quiet.end if quiet else None,
            PushPreference.muted: msgspec.json.encode(sorted(set(data.muted_student_ids))).decode(),
            PushPreference.updated_at: utcnow(),
        }
        async with write_transaction(PushPreference._meta.db):
            await PushPreference.insert(
                PushPreference({PushPreference.parent: user.id, **values})
            ).on_conflict(action="DO UPDATE", target=PushPreference.parent, values=list(values))
        rows = await PushPreference.select().where(PushPreference.parent == user.id)
        return _preferences(rows[0], user.time_zone)
