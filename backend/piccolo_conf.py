"""Piccolo's configuration module (PICCOLO_CONF): the engine comes from Waypoint's settings."""

from piccolo.conf.apps import AppRegistry

from backend.db import make_engine
from backend.settings import get_settings

DB = make_engine(get_settings())

APP_REGISTRY = AppRegistry(apps=["backend.piccolo_app"])
