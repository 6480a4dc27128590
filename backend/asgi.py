"""The ASGI entry point for uvicorn workers."""

from backend.app import create_app

app = create_app()
