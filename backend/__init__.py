"""Waypoint's backend: the Litestar service, its tables and its command line."""

import os

# Piccolo finds its engine through this module; set before any table touches the database.
os.environ.setdefault("PICCOLO_CONF", "backend.piccolo_conf")
