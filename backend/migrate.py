"""Applying Piccolo migrations, the only way the schema changes."""

from __future__ import annotations

import contextlib
import io

from piccolo.apps.migrations.commands.forwards import run_forwards


class MigrationError(RuntimeError):
    pass


async def migrate(*, quiet: bool = True) -> None:
    """Apply every migration not yet applied, on whichever engine is configured."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out) if quiet else contextlib.nullcontext():
        result = await run_forwards(app_name="all")
    if not result.success:
        raise MigrationError(f"migrations failed: {result.message}\n{out.getvalue()}")
