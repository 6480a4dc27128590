"""The modules that decide what a digest says and when it is due import no framework."""

from __future__ import annotations

import subprocess
import sys

PURE = (
    "backend.digests.period",
    "backend.digests.content",
    "backend.digests.check_ins",
    "backend.digests.privacy",
    "backend.digests.prompts",
    "backend.learner.state",
    "backend.learner.records",
    "backend.digests.text",
    "backend.notifications.retry",
)


def test_pure_digest_modules_import_neither_litestar_nor_piccolo() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in PURE)
        + "print(sorted(m for m in ('litestar', 'piccolo') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
