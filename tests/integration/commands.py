"""Running the `waypoint` command line against a test server's own database."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.integration.servers import REPO, Server


def waypoint(server: Server, *args: str, stdin: str | None = None) -> str:
    """Run `waypoint ARGS` with the server's data directory and database; return its output.

    `stdin` is what the command reads (a password, say)."""
    env = {
        **os.environ,
        **dict(server.settings),
        "WAYPOINT_DATA_DIR": str(server.data_dir),
        "DATABASE_URL": server.database_url or "",
    }
    done = subprocess.run(
        [sys.executable, "-m", "backend.cli", *args],
        cwd=REPO,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout
