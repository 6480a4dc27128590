"""The Piccolo app: every table and the migrations folder."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from backend.accounts.tables import Session, User
from backend.audit.tables import AuditEvent
from backend.classes.tables import Enrolment, SchoolClass
from backend.devices.tables import Device
from backend.digests.tables import ParentDigest
from backend.families.tables import GuardianInvite, GuardianLink
from backend.mastery.tables import Objective
from backend.mentoring.tables import MentorNote, Mentorship
from backend.notifications.tables import PushAttempt, PushOutbox, PushPreference, PushSubscription
from backend.schools.tables import PasswordReset, School, StaffInvite, TrackLimit
from backend.syncing.tables import SyncOutcome, SyncRecord, SyncSpace

APP_CONFIG = AppConfig(
    app_name="waypoint",
    migrations_folder_path=str(Path(__file__).parent / "migrations"),
    table_classes=[
        School,
        StaffInvite,
        PasswordReset,
        TrackLimit,
        User,
        Session,
        SchoolClass,
        Enrolment,
        Objective,
        GuardianInvite,
        GuardianLink,
        Mentorship,
        MentorNote,
        Device,
        AuditEvent,
        SyncRecord,
        SyncSpace,
        SyncOutcome,
        ParentDigest,
        PushSubscription,
        PushPreference,
        PushOutbox,
        PushAttempt,
    ],
)
