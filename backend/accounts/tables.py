"""Accounts and their sessions."""

from piccolo.columns import ForeignKey, OnDelete, Serial, Timestamptz, Varchar
from piccolo.table import Table


class User(Table, tablename="app_user"):
    """A person using Waypoint in exactly one role: student, parent or teacher."""

    id = Serial(primary_key=True)

    role = Varchar(length=16, index=True)
    login = Varchar(length=64, unique=True)
    display_name = Varchar(length=80)
    password_hash = Varchar(length=255)
    time_zone = Varchar(length=64, default="UTC")
    locale = Varchar(length=16, default="en")
    created_at = Timestamptz()


class Session(Table, tablename="user_session"):
    """A signed-in browser or app; only a hash of the cookie's token is kept."""

    id = Serial(primary_key=True)

    token_hash = Varchar(length=64, unique=True)
    user = ForeignKey(references=User, on_delete=OnDelete.cascade, index=True)
    created_at = Timestamptz()
    expires_at = Timestamptz()
