"""`waypoint serve | migrate | seed | admin | nudges | digests | compact | erasures | retention
| openapi`: the CLI."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Awaitable
from datetime import datetime
from typing import TypeVar

from backend import db
from backend.accounts.tables import User
from backend.clock import utcnow
from backend.migrate import migrate
from backend.schools.provisioning import ProvisioningError, create_administrator
from backend.settings import get_settings

# Each command imports what only it needs inside its branch: a short command (creating an
# administrator) should not pay for loading the web server, push and coaching code.

T = TypeVar("T")

# How long the supervisor waits for a worker to answer a health check before replacing it.
WORKER_STARTUP_TIMEOUT_S = 30


async def _prepare(seed: bool) -> bool:
    from backend.demo import seed_demo

    await migrate()
    return await seed_demo() if seed else False


async def _with_database(work: Awaitable[T]) -> T:
    engine = User._meta.db
    await db.prepare(engine)
    try:
        return await work
    finally:
        await db.close(engine)


def _instant(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        raise argparse.ArgumentTypeError("give a time zone, e.g. 2026-11-25T09:00:00+05:00")
    return value


def _print_welcome(seeded: bool) -> None:
    from backend.demo import DEMO_PASSWORD, PEOPLE, SCHOOL_NAME

    settings = get_settings()
    print(f"Waypoint on {settings.engine}: {settings.public_url}")
    if seeded:
        print(f"Demo school {SCHOOL_NAME!r}, accounts (password: {DEMO_PASSWORD}):")
        for person in PEOPLE:
            print(f"  {person.role.value:8} {person.login:8} {person.display_name}")


def _read_password() -> str:
    """The new administrator's password: typed twice at a prompt, or one line on stdin."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password for the administrator: ")
    if getpass.getpass("The same password again: ") != first:
        raise SystemExit("the two passwords differ; nothing was created")
    return first


def _create_admin(args: argparse.Namespace) -> None:
    password = _read_password()
    try:
        school_id, user_id = asyncio.run(
            _with_database(
                create_administrator(
                    school=args.school,
                    login=args.login,
                    display_name=args.display_name or args.login,
                    password=password,
                    now=utcnow(),
                )
            )
        )
    except ProvisioningError as exc:
        raise SystemExit(f"waypoint admin create: {exc}") from None
    print(f"administrator {args.login.lower()} (account {user_id}) of school {school_id} created")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="waypoint")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="migrate, seed demo data on first run, and serve")
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--no-demo", action="store_true", help="do not seed demo data")
    sub.add_parser("migrate", help="apply pending migrations")
    sub.add_parser("seed", help="create demo data if the database has no accounts")
    admin = sub.add_parser("admin", help="school administrators")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    create = admin_sub.add_parser(
        "create",
        help="create a school administrator (and the school, if it is new); "
        "the password is read from stdin or asked for",
    )
    create.add_argument("--school", required=True, help="the school's name")
    create.add_argument("--login", required=True, help="the administrator's login name")
    create.add_argument("--display-name", default="", help="the name people see")
    nudges = sub.add_parser("nudges", help="create the nudges due now for every student")
    nudges.add_argument("--now", type=_instant, default=None, help="ISO time (default: now)")
    digests = sub.add_parser("digests", help="create the parent digests due and send pushes due")
    digests.add_argument("--now", type=_instant, default=None, help="ISO time (default: now)")
    compact = sub.add_parser("compact", help="purge tombstones older than their lifetime")
    compact.add_argument("--now", type=_instant, default=None, help="ISO time (default: now)")
    erasures = sub.add_parser("erasures", help="erase the accounts whose grace period has passed")
    erasures.add_argument("--now", type=_instant, default=None, help="ISO time (default: now)")
    retention = sub.add_parser("retention", help="remove what is past its retention period")
    retention.add_argument("--now", type=_instant, default=None, help="ISO time (default: now)")
    sub.add_parser("openapi", help="print the API's OpenAPI document (JSON)")
    args = parser.parse_args(argv)
    settings = get_settings()

    if args.command == "admin":
        asyncio.run(_with_database(migrate()))
        _create_admin(args)
    elif args.command == "digests":
        from backend.notifications.worker import tick_once

        print(asyncio.run(_with_database(tick_once(settings, args.now or utcnow()))))
    elif args.command == "nudges":
        from backend.coaching.service import create_due_nudges

        print(f"created {asyncio.run(_with_database(create_due_nudges(args.now or utcnow())))}")
    elif args.command == "compact":
        from backend.syncing.maintenance import compact_tombstones

        print(f"purged {asyncio.run(_with_database(compact_tombstones(args.now or utcnow())))}")
    elif args.command == "erasures":
        from backend.privacy.erasure import erase_due

        print(f"erased {asyncio.run(_with_database(erase_due(args.now or utcnow())))}")
    elif args.command == "retention":
        import msgspec

        from backend.privacy.retention import enforce

        removed = asyncio.run(_with_database(enforce(settings.retention, args.now or utcnow())))
        print(msgspec.json.encode(removed).decode())
    elif args.command == "openapi":
        # Imported here: building the app is needless work for the other commands.
        from backend.app import create_app

        document = create_app(settings).openapi_schema.to_schema()
        print(json.dumps(document, indent=2))
    elif args.command == "migrate":
        asyncio.run(_with_database(_prepare(seed=False)))
        print("migrations applied")
    elif args.command == "seed":
        _print_welcome(asyncio.run(_with_database(_prepare(seed=True))))
    else:
        import uvicorn

        from backend.slow_clients import DeadlineProtocol

        seeded = asyncio.run(_with_database(_prepare(seed=settings.demo_data and not args.no_demo)))
        _print_welcome(seeded)
        uvicorn.run(
            "backend.asgi:app",
            host=settings.host,
            port=settings.port,
            workers=args.workers,
            # A new worker re-imports the app before it answers the supervisor's first health
            # check; uvicorn's default of 5 s is too short on a busy host, and a worker killed
            # for it is replaced by one that fares no better, so some never start.
            timeout_worker_healthcheck=WORKER_STARTUP_TIMEOUT_S,
            log_level="info",
            # Read deadlines per request; see backend/slow_clients.py.
            http=DeadlineProtocol,
            # Past this many open connections (per worker) a new one is answered 503 at once,
            # so a flood of clients cannot take all of the process's file descriptors.
            limit_concurrency=settings.max_connections,
            # The client address is the socket's peer unless a trusted proxy says otherwise;
            # anyone else could claim a fresh address per request in a header.
            proxy_headers=settings.forwarded_allow_ips is not None,
            forwarded_allow_ips=settings.forwarded_allow_ips,
        )


if __name__ == "__main__":
    main()
