"""Settings: read from the environment once at start-up and validated before anything serves."""

from __future__ import annotations

import functools
import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import limits
import msgspec

_REPO_ROOT = Path(__file__).resolve().parent.parent


class Retention(msgspec.Struct, frozen=True, kw_only=True):
    """How long what is no longer needed is kept (days), before the scheduler removes it."""

    # The supported offline window (a tombstone's lifetime, sync.compaction): a device away
    # longer starts again from a snapshot, so it cannot retry a push that old.
    outcome_days: int = 60
    # About a school year of summaries for a parent to look back on.
    digest_days: int = 365
    # A push that was delivered, refused or given up is of no use after a week but to debug.
    push_days: int = 7
    audit_days: int = 730


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the variable and what to fix."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Validated configuration of one Waypoint process."""

    data_dir: Path
    database_url: str | None
    redis_url: str | None
    host: str
    port: int
    public_url: str
    secret_key: str
    secure_cookies: bool
    session_days: int
    # However often a session is refreshed, sign-in is asked again this long after it.
    session_max_days: int = 90
    login_rate: str
    register_rate: str
    login_backoff: str = "5/minute;10/hour;20/day"
    code_rate: str = "10/minute;30/hour"
    forwarded_allow_ips: str | None = None
    header_timeout_seconds: int = 10
    body_timeout_seconds: int = 60
    max_connections: int = 1000
    pwa_dist: Path
    demo_data: bool
    scheduler: bool = True
    sse_heartbeat_seconds: int = 20
    vapid_private_key: str | None = None
    vapid_subject: str = "mailto:waypoint@localhost"
    push_allow_http_loopback: bool = False
    push_worker: bool = True
    push_interval_ms: int = 30_000
    # The name of an argon2 cost profile (backend/accounts/passwords.py), not a secret.
    password_hashing: str = "argon2id"  # noqa: S105
    retention: Retention = msgspec.field(default_factory=lambda: Retention())

    @property
    def engine(self) -> str:
        """`postgres` or `sqlite`: which database engine this process talks to."""
        return "postgres" if self.database_url else "sqlite"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "waypoint.sqlite3"


def _int(env: Mapping[str, str], name: str, default: int, lo: int, hi: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if not lo <= value <= hi:
        raise SettingsError(f"{name} must be between {lo} and {hi}, got {value}")
    return value


def _bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if raw == "":
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise SettingsError(f"{name} must be true or false, got {raw!r}")


def _database_url(env: Mapping[str, str]) -> str | None:
    raw = env.get("DATABASE_URL", "").strip()
    if not raw:
        return None
    scheme = urlsplit(raw).scheme
    if scheme in {"postgres", "postgresql"}:
        return raw
    if scheme == "sqlite":
        # `sqlite:` means "the embedded default": the file under the data directory.
        return None
    raise SettingsError(
        f"DATABASE_URL must start with postgresql:// (or be empty for SQLite), got {scheme!r}"
    )


def _secret(data_dir: Path, env: Mapping[str, str]) -> str:
    """The signing secret: from WAYPOINT_SECRET_KEY, else generated once into the data dir."""
    given = env.get("WAYPOINT_SECRET_KEY", "").strip()
    if given:
        if len(given) < 32:
            raise SettingsError("WAYPOINT_SECRET_KEY must be at least 32 characters long")
        return given
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_urlsafe(48)
    # O_EXCL: two workers starting at once must agree on one key, so the loser re-reads.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def _rate(env: Mapping[str, str], name: str, default: str, *, several: bool = False) -> str:
    value = env.get(name) or default
    try:
        if several:
            limits.parse_many(value)
        else:
            limits.parse(value)
    except ValueError:
        example = "'5/minute;10/hour'" if several else "'10/minute'"
        raise SettingsError(f"{name} must look like {example}, got {value!r}") from None
    return value


PASSWORD_HASHINGS = ("argon2id", "fast-insecure")


def _password_hashing(env: Mapping[str, str]) -> str:
    value = env.get("WAYPOINT_PASSWORD_HASHING", "").strip() or "argon2id"
    if value not in PASSWORD_HASHINGS:
        choices = " or ".join(PASSWORD_HASHINGS)
        raise SettingsError(f"WAYPOINT_PASSWORD_HASHING must be {choices}, got {value!r}")
    return value


def _vapid_subject(env: Mapping[str, str], public_url: str) -> str:
    given = env.get("WAYPOINT_VAPID_SUBJECT", "").strip()
    if given:
        if not given.startswith(("mailto:", "https://")):
            raise SettingsError(
                f"WAYPOINT_VAPID_SUBJECT must be a mailto: or https:// URL, got {given!r}"
            )
        return given
    # Push services use the subject to contact the operator; an https public URL is one.
    return public_url if public_url.startswith("https://") else "mailto:waypoint@localhost"


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build settings from `env` (default: the process environment), creating the data dir."""
    env = os.environ if env is None else env
    data_dir = Path(env.get("WAYPOINT_DATA_DIR") or _REPO_ROOT / "var").resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    host = env.get("HOST", "127.0.0.1")
    port = _int(env, "PORT", 8000, 1, 65535)
    public_url = env.get("WAYPOINT_PUBLIC_URL", f"http://{host}:{port}").rstrip("/")
    if urlsplit(public_url).scheme not in {"http", "https"}:
        raise SettingsError(f"WAYPOINT_PUBLIC_URL must be an http(s) URL, got {public_url!r}")
    redis_url = env.get("REDIS_URL", "").strip() or None
    if redis_url and urlsplit(redis_url).scheme not in {"redis", "rediss"}:
        raise SettingsError(f"REDIS_URL must start with redis:// or rediss://, got {redis_url!r}")
    return Settings(
        data_dir=data_dir,
        database_url=_database_url(env),
        redis_url=redis_url,
        host=host,
        port=port,
        public_url=public_url,
        secret_key=_secret(data_dir, env),
        secure_cookies=_bool(env, "WAYPOINT_SECURE_COOKIES", public_url.startswith("https://")),
        session_days=_int(env, "WAYPOINT_SESSION_DAYS", 30, 1, 365),
        session_max_days=_int(env, "WAYPOINT_SESSION_MAX_DAYS", 90, 1, 3650),
        login_rate=_rate(env, "WAYPOINT_LOGIN_RATE", "30/minute"),
        register_rate=_rate(env, "WAYPOINT_REGISTER_RATE", "5/minute"),
        login_backoff=_rate(env, "WAYPOINT_LOGIN_BACKOFF", "5/minute;10/hour;20/day", several=True),
        code_rate=_rate(env, "WAYPOINT_CODE_RATE", "10/minute;30/hour", several=True),
        forwarded_allow_ips=env.get("WAYPOINT_FORWARDED_ALLOW_IPS", "").strip() or None,
        header_timeout_seconds=_int(env, "WAYPOINT_HEADER_TIMEOUT_SECONDS", 10, 1, 300),
        body_timeout_seconds=_int(env, "WAYPOINT_BODY_TIMEOUT_SECONDS", 60, 1, 3600),
        max_connections=_int(env, "WAYPOINT_MAX_CONNECTIONS", 1000, 1, 1_000_000),
        pwa_dist=Path(env.get("WAYPOINT_PWA_DIST") or _REPO_ROOT / "pwa" / "dist"),
        demo_data=_bool(env, "WAYPOINT_DEMO_DATA", True),
        scheduler=_bool(env, "WAYPOINT_SCHEDULER", True),
        sse_heartbeat_seconds=_int(env, "WAYPOINT_SSE_HEARTBEAT_SECONDS", 20, 1, 300),
        vapid_private_key=env.get("WAYPOINT_VAPID_PRIVATE_KEY", "").strip() or None,
        vapid_subject=_vapid_subject(env, public_url),
        push_allow_http_loopback=_bool(env, "WAYPOINT_PUSH_ALLOW_HTTP_LOOPBACK", False),
        push_worker=_bool(env, "WAYPOINT_PUSH_WORKER", True),
        push_interval_ms=_int(env, "WAYPOINT_PUSH_INTERVAL_MS", 30_000, 50, 3_600_000),
        password_hashing=_password_hashing(env),
        retention=Retention(
            outcome_days=_int(env, "WAYPOINT_RETAIN_OUTCOME_DAYS", 60, 1, 3650),
            digest_days=_int(env, "WAYPOINT_RETAIN_DIGEST_DAYS", 365, 1, 3650),
            push_days=_int(env, "WAYPOINT_RETAIN_PUSH_DAYS", 7, 1, 3650),
            audit_days=_int(env, "WAYPOINT_RETAIN_AUDIT_DAYS", 730, 30, 36500),
        ),
    )


@functools.cache
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return load_settings()
