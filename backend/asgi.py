"""The ASGI entry point for uvicorn workers: the app inside its edge wrappers."""

from backend.app import create_app
from backend.malformed import RefuseNulInUrl
from backend.security_headers import SecurityHeaders
from backend.settings import get_settings

_settings = get_settings()
app = SecurityHeaders(
    RefuseNulInUrl(create_app(_settings)), https=_settings.public_url.startswith("https://")
)
