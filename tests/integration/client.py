"""An HTTP client that behaves like the PWA: cookies, and the CSRF header on unsafe methods."""

from __future__ import annotations

from typing import Any

import httpx


class Api:
    """One browser-like session against a running server."""

    def __init__(self, base_url: str, source_ip: str | None = None) -> None:
        self.base_url = base_url
        # A source address in 127.0.0.0/8 lets one machine act as several clients.
        transport = httpx.HTTPTransport(local_address=source_ip) if source_ip else None
        self.http = httpx.Client(base_url=base_url, timeout=30, transport=transport)
        # Any GET sets the CSRF cookie, as the app's first request does.
        self.http.get("/api/health").raise_for_status()

    @property
    def csrf(self) -> str:
        return self.http.cookies.get("csrftoken") or ""

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if method.upper() not in {"GET", "HEAD", "OPTIONS"}:
            headers.setdefault("x-csrftoken", self.csrf)
        return self.http.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)

    def close(self) -> None:
        self.http.close()
