"""The signed-in user as the request sees them."""

import msgspec

from backend.accounts.roles import Role


class Principal(msgspec.Struct, frozen=True):
    """Who is making the request: set on `request.user` by the session middleware."""

    id: int
    role: Role
    login: str
    display_name: str
    time_zone: str
    locale: str
    session_id: int
    # The school of a student, teacher or administrator; None for a parent.
    school_id: int | None = None
