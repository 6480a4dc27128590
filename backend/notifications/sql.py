"""Kept while `backend/learner/store.py` and `backend/digests/store.py` import `run` from here:
the one SQL helper is `backend.db.run_sql`."""

from __future__ import annotations

from backend.db import run_sql as run

__all__ = ["run"]
