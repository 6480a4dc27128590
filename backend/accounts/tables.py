"""Accounts and their sessions."""

from piccolo.columns import Boolean, ForeignKey, OnDelete, Serial, Timestamptz, Varchar
from piccolo.table import Table

from backend.schools.tables import School


class User(Table, tablename="app_user"):
    """A person using Waypoint in exactly one role: student, parent, teacher or administrator.

    Students, teachers and administrators belong to one school; parents to none (their
    children may be at different schools).
    """

    id = Serial(primary_key=True)

    role = Varchar(length=16, index=True)
    login = Varchar(length=64, unique=True)
    display_name = Varchar(length=80)
    password_hash = Varchar(length=255)
    time_zone = Varchar(length=64, default="UTC")
    locale = Varchar(length=16, default="en")
    created_at = Timestamptz()
    school = ForeignKey(references=School, on_delete=OnDelete.restrict, null=True, index=True)
    # A deactivated account cannot sign in; its sessions were ended when it was deactivated.
    active = Boolean(default=True)
    # Set when the person asked to erase their account: erased then, unless they sign in first.
    erase_after = Timestamptz(null=True, default=None)
    # When a student read, on their first screen, who sees what of their data.
    privacy_notice_at = Timestamptz(null=True, default=None)


class Session(Table, tablename="user_session"):
    """A signed-in browser or app; only a hash of the cookie's token is kept."""

    id = Serial(primary_key=True)

    token_hash = Varchar(length=64, unique=True)
    user = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz()
    expires_at = Timestamptz()
    # When the password was typed: a refresh keeps it, so a session cannot outlive the
    # absolute lifetime (WAYPOINT_SESSION_MAX_DAYS) however often it is refreshed.
    signed_in_at = Timestamptz(null=True, default=None)
    last_seen_at = Timestamptz(null=True, default=None)
    user_agent = Varchar(length=200, default="")
    client_ip = Varchar(length=64, default="")
