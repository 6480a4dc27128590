"""Settings are validated at start-up with messages that name the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.settings import SettingsError, load_settings


def test_defaults_to_sqlite_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings({"WAYPOINT_DATA_DIR": str(tmp_path)})
    assert settings.engine == "sqlite"
    assert settings.sqlite_path == tmp_path / "waypoint.sqlite3"
    assert settings.public_url == "http://127.0.0.1:8000"
    assert settings.secure_cookies is False
    assert settings.password_hashing == "argon2id"


def test_missing_secret_is_generated_once_and_reused(tmp_path: Path) -> None:
    first = load_settings({"WAYPOINT_DATA_DIR": str(tmp_path)}).secret_key
    second = load_settings({"WAYPOINT_DATA_DIR": str(tmp_path)}).secret_key
    assert first == second
    assert len(first) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_postgres_url_selects_postgres(tmp_path: Path) -> None:
    settings = load_settings(
        {"WAYPOINT_DATA_DIR": str(tmp_path), "DATABASE_URL": "postgresql://db/waypoint"}
    )
    assert settings.engine == "postgres"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("PORT", "eighty", "PORT must be a whole number"),
        ("PORT", "70000", "PORT must be between"),
        ("DATABASE_URL", "mysql://x/y", "DATABASE_URL must start with postgresql://"),
        ("REDIS_URL", "http://x", "REDIS_URL must start with redis://"),
        ("WAYPOINT_SECRET_KEY", "short", "at least 32 characters"),
        ("WAYPOINT_SECURE_COOKIES", "maybe", "true or false"),
        ("WAYPOINT_LOGIN_RATE", "lots", "WAYPOINT_LOGIN_RATE must look like"),
        ("WAYPOINT_PASSWORD_HASHING", "fast", "must be argon2id or fast-insecure"),
    ],
)
def test_bad_values_are_named(tmp_path: Path, name: str, value: str, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings({"WAYPOINT_DATA_DIR": str(tmp_path), name: value})


def test_https_public_url_turns_on_secure_cookies(tmp_path: Path) -> None:
    settings = load_settings(
        {"WAYPOINT_DATA_DIR": str(tmp_path), "WAYPOINT_PUBLIC_URL": "https://waypoint.school"}
    )
    assert settings.secure_cookies is True
