""" "Who can see my data": the student's own list of every parent, teacher and mentor who can,
since when.

A pending guardian link is listed too (it sees nothing yet): that is how the student is told a
teacher's invite was redeemed, and where they confirm or decline it.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get

from backend.accounts.guards import allow
from backend.accounts.principal import Principal
from backend.accounts.roles import Role
from backend.students import service
from backend.students.schemas import Viewer


class ViewerController(Controller):
    path = "/api/me/viewers"
    tags = ["students"]

    @get("/", guards=[allow(Role.STUDENT)])
    async def viewers(self, request: Request[Principal, int, Any]) -> list[Viewer]:
        """Every parent, teacher and mentor who can see my data, and since when; pending links
        first."""
        return await service.viewers_of(request.user.id)
