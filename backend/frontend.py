"""The built app at `/`: pre-compressed copies where the client takes them, and cache lifetimes
that let a phone keep hashed files for good while it always revalidates the entry points.

The build writes `name.br` and `name.gz` beside each text file; the server never compresses
per request. Files under `assets/` carry a content hash in their names (Vite's naming), so a new
release has new names and the old ones may be cached for a year. Everything else
(`index.html`, `sw.js`, the web manifest, icons) keeps its name across releases and is sent
with `no-cache`: used from cache only after the server confirms it is current.
"""

from __future__ import annotations

import mimetypes
import os
from pathlib import Path, PurePosixPath
from typing import Any

from litestar import Request, Router, get, head
from litestar.exceptions import NotFoundException
from litestar.response.file import ASGIFileResponse
from litestar.types import ControllerRouterHandler

from backend.content_coding import preferred_coding
from backend.settings import Settings

HASHED_DIR = "assets"
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
# Suffix of each pre-compressed copy, by the coding it holds, in order of preference.
COPIES = {"br": ".br", "gzip": ".gz"}
MEDIA_TYPES = {".webmanifest": "application/manifest+json", ".js": "text/javascript"}

_NOT_BUILT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>Waypoint</title></head>
<body><main><h1>Waypoint</h1><p>The API is running. The app is not built yet:
run <code>make run</code> to build it.</p>
<p><a href="/schema/openapi.json">API description (OpenAPI)</a></p></main>
</body></html>"""


def cache_control(relative: PurePosixPath) -> str:
    """`immutable` for content-hashed files, `no-cache` for those that keep their names."""
    return IMMUTABLE if relative.parts[:1] == (HASHED_DIR,) else REVALIDATE


def _media_type(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return MEDIA_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _stat_file(path: Path) -> os.stat_result | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat if path.is_file() else None


class AppFiles:
    """Looks files up under the build directory and answers with the best copy of each."""

    def __init__(self, dist: Path) -> None:
        self.dist = dist.resolve()

    def _locate(self, url_path: str) -> PurePosixPath | None:
        """The file under dist for `url_path`: directories mean their index.html; None if none."""
        relative = PurePosixPath(url_path.lstrip("/"))
        # No way out of the build directory, and nothing hidden (the build keeps its manifest
        # in .vite/).
        if any(part in {"..", ""} or part.startswith(".") for part in relative.parts):
            return None
        candidate = self.dist.joinpath(*relative.parts)
        if candidate.is_dir():
            relative, candidate = relative / "index.html", candidate / "index.html"
        return relative if _stat_file(candidate) else None

    def respond(
        self, url_path: str, accept_encoding: str | None, *, head: bool
    ) -> ASGIFileResponse:
        relative = self._locate(url_path)
        status = 200
        if relative is None:
            # Unknown paths get the app (the build's 404.html), which routes by its path.
            relative = PurePosixPath("404.html")
            status = 404
            if _stat_file(self.dist / relative) is None:
                raise NotFoundException(f"no file at {url_path}")
        path = self.dist.joinpath(*relative.parts)
        stat = _stat_file(path)
        assert stat is not None
        copies = self._fresh_copies(path, stat)
        headers = {"Cache-Control": cache_control(relative)}
        if copies:
            headers["Vary"] = "Accept-Encoding"
        coding = preferred_coding(accept_encoding, list(copies))
        if coding is not None:
            path, stat = copies[coding]
            headers["Content-Encoding"] = coding
        return ASGIFileResponse(
            file_path=path,
            filename=relative.name,
            media_type=_media_type(relative.name),
            content_disposition_type="inline",
            stat_result=stat,
            headers=headers,
            status_code=status,
            is_head_response=head,
        )

    @staticmethod
    def _fresh_copies(path: Path, stat: os.stat_result) -> dict[str, tuple[Path, os.stat_result]]:
        """The pre-compressed copies of `path` that are at least as new as the file itself.

        A copy older than its file is stale (the file was replaced after the build, as a
        deploy that patches one file does), so the file is sent as it is instead.
        """
        copies = {}
        for coding, suffix in COPIES.items():
            copy = path.with_name(path.name + suffix)
            copy_stat = _stat_file(copy)
            if copy_stat is not None and copy_stat.st_mtime_ns >= stat.st_mtime_ns:
                copies[coding] = (copy, copy_stat)
        return copies


def frontend_routes(settings: Settings) -> list[ControllerRouterHandler]:
    """The app's files at `/`, or a page saying how to build it when there is no build."""
    if not (settings.pwa_dist / "index.html").exists():

        @get("/", opt={"exclude_from_auth": True}, include_in_schema=False, media_type="text/html")
        async def not_built() -> str:
            return _NOT_BUILT

        return [not_built]

    files = AppFiles(settings.pwa_dist)

    @get(["/", "/{file_path:path}"], name="app-files")
    async def get_file(request: Request[Any, Any, Any]) -> ASGIFileResponse:
        return files.respond(request.url.path, request.headers.get("accept-encoding"), head=False)

    @head(["/", "/{file_path:path}"], name="app-files-head")
    async def head_file(request: Request[Any, Any, Any]) -> ASGIFileResponse:
        return files.respond(request.url.path, request.headers.get("accept-encoding"), head=True)

    return [
        Router(
            path="/",
            route_handlers=[get_file, head_file],
            opt={"exclude_from_auth": True},
            include_in_schema=False,
        )
    ]
