"""The Litestar application, assembled from small configuration steps."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from limits import parse, parse_many
from litestar import Litestar, Request, Response
from litestar.channels import ChannelsPlugin
from litestar.config.csrf import CSRFConfig
from litestar.di import Provide
from litestar.exceptions import HTTPException
from litestar.middleware.base import DefineMiddleware

from backend import database_errors, db, scheduler
from backend.accounts.controllers import AuthController, MeController
from backend.accounts.credentials import PasswordController
from backend.accounts.middleware import SessionAuthMiddleware
from backend.accounts.my_sessions import SessionController
from backend.accounts.tables import User
from backend.approvals.controllers import ApprovalController, PolicyController
from backend.classes.controllers import ClassController
from backend.coaching.controllers import AttentionController, OverviewController
from backend.coaching.service import create_due_nudges
from backend.deps import Services
from backend.devices.controllers import DeviceController
from backend.digests.controllers import DigestController
from backend.families.controllers import GuardianController
from backend.frontend import frontend_routes
from backend.health import health
from backend.i18n.request_language import request_language_middleware
from backend.malformed import EdgeRequest
from backend.mastery.controllers import MasteryController, ObjectivesController
from backend.mentoring.controllers import (
    MenteeController,
    MyNotesController,
    StudentMentorController,
)
from backend.notifications.controllers import PushController
from backend.notifications.worker import push_jobs
from backend.openapi import mutation_schemas, openapi_config
from backend.openapi_errors import document_errors
from backend.privacy.controllers import (
    AccessLogController,
    MyDataController,
    SchoolErasureController,
)
from backend.privacy.erasure import erase_due
from backend.privacy.retention import enforce
from backend.problems import handle_http_exception, handle_unexpected, problem
from backend.ratelimit import AttemptLimiter, CodeGuard, LoginThrottle, make_storage
from backend.schools.controllers import SchoolController
from backend.settings import Settings, get_settings
from backend.students.controllers import StudentController
from backend.students.viewers import ViewerController
from backend.syncing.controllers import SyncController
from backend.syncing.maintenance import compact_tombstones
from backend.syncing.pokes import make_channels

MAX_BODY_BYTES = 1024 * 1024


def _handle_database_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    # The database refused the request (a lost race, a full write queue, a value it cannot
    # hold): the client is told what to do, never given a 500. Anything else is a bug.
    refused = database_errors.refusal(exc)
    if refused is None:
        return handle_unexpected(request, exc)
    retry = {"Retry-After": str(refused.retry_after_s)} if refused.retry_after_s else None
    return problem(refused.status, refused.detail, headers=retry)


def _services(settings: Settings) -> Services:
    storage = make_storage(settings.redis_url)
    return Services(
        settings=settings,
        login_throttle=LoginThrottle(
            storage, parse(settings.login_rate), parse_many(settings.login_backoff)
        ),
        register_limiter=AttemptLimiter(storage, parse(settings.register_rate), "register"),
        code_guard=CodeGuard(storage, parse_many(settings.code_rate)),
    )


def _jobs(settings: Settings, channels: ChannelsPlugin) -> list[scheduler.Job]:
    if not settings.scheduler:
        return []

    async def nudge(now: datetime) -> int:
        return await create_due_nudges(now, channels)

    async def retain(now: datetime) -> object:
        return await enforce(settings.retention, now)

    return [
        scheduler.Job("compact-tombstones", 3600, compact_tombstones),
        *push_jobs(settings),
        # Nudge windows are local hours; a quarter-hour tick lands inside every window.
        scheduler.Job("nudges", 900, nudge),
        # Accounts whose 14 days of grace have passed are erased within the hour.
        scheduler.Job("erasures", 3600, erase_due),
        scheduler.Job("retention", 6 * 3600, retain),
    ]


def create_app(settings: Settings | None = None) -> Litestar:
    """Build the application for `settings` (default: read from the environment)."""
    settings = settings or get_settings()
    services = _services(settings)
    channels = make_channels(settings.redis_url)
    engine = User._meta.db

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        await db.prepare(engine)
        try:
            async with scheduler.running(_jobs(settings, channels)):
                yield
        finally:
            await db.close(engine)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    app = Litestar(
        route_handlers=[
            health,
            AuthController,
            PasswordController,
            SessionController,
            MeController,
            ViewerController,
            SchoolController,
            ClassController,
            ObjectivesController,
            MasteryController,
            GuardianController,
            StudentController,
            DeviceController,
            SyncController,
            PushController,
            DigestController,
            ApprovalController,
            PolicyController,
            OverviewController,
            AttentionController,
            MenteeController,
            StudentMentorController,
            MyNotesController,
            MyDataController,
            AccessLogController,
            SchoolErasureController,
            *frontend_routes(settings),
        ],
        dependencies={"services": Provide(lambda: services, use_cache=True, sync_to_thread=False)},
        middleware=[
            request_language_middleware,
            DefineMiddleware(
                SessionAuthMiddleware,
                exclude=["^/schema"],
                session_max_days=settings.session_max_days,
            ),
        ],
        csrf_config=CSRFConfig(
            secret=settings.secret_key,
            cookie_secure=settings.secure_cookies,
            cookie_samesite="strict",
        ),
        exception_handlers={
            HTTPException: handle_http_exception,
            Exception: _handle_database_error,
        },
        openapi_config=openapi_config(),
        plugins=[channels],
        request_max_body_size=MAX_BODY_BYTES,
        request_class=EdgeRequest,
        lifespan=[lifespan],
        debug=False,
    )
    # Litestar fills the document's schemas from the routes alone, replacing configured ones.
    app.openapi_schema.components.schemas.update(mutation_schemas())
    document_errors(app)
    return app
