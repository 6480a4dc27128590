"""Security headers on every response, built with the `secure` library.

The PWA loads only its own scripts, styles, icons and manifest, so the policy allows 'self' and
nothing else (no inline script, no CDN). The app must never be framed (clickjacking a teacher's
"approve all"). Personal JSON under /api/ must not stay in shared caches or a shared tablet's
disk cache, hence no-store there. HSTS is sent only when people reach the app over https:
over plain http a browser ignores it, and on a development host it would pin https for months.
"""

from __future__ import annotations

from typing import Any

import secure
from litestar.types import ASGIApp, Receive, Scope, Send
from secure.middleware import SecureASGIMiddleware

HSTS_SECONDS = 63_072_000
"""Two years: the duration browsers' preload lists ask for."""


def _policy(*, https: bool, api: bool) -> secure.Secure:
    csp = (
        secure.ContentSecurityPolicy()
        .default_src("'self'")
        .base_uri("'self'")
        .object_src("'none'")
        .frame_ancestors("'none'")
        .form_action("'self'")
        .img_src("'self'", "data:")
    )
    return secure.Secure(
        csp=csp,
        xcto=secure.XContentTypeOptions().nosniff(),
        xfo=secure.XFrameOptions().deny(),
        referrer=secure.ReferrerPolicy().strict_origin_when_cross_origin(),
        permissions=secure.PermissionsPolicy().geolocation().microphone().camera().payment().usb(),
        coop=secure.CrossOriginOpenerPolicy().same_origin(),
        hsts=secure.StrictTransportSecurity().max_age(HSTS_SECONDS) if https else None,
        cache=secure.CacheControl().no_store() if api else None,
    )


class SecurityHeaders:
    """ASGI wrapper around the whole app, so 404s and errors get the headers too."""

    def __init__(self, app: ASGIApp, *, https: bool) -> None:
        self._api = SecureASGIMiddleware(app, secure=_policy(https=https, api=True))
        self._other = SecureASGIMiddleware(app, secure=_policy(https=https, api=False))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: Any = scope.get("path", "")
        chosen = self._api if str(path).startswith("/api/") else self._other
        await chosen(scope, receive, send)  # type: ignore[arg-type]
