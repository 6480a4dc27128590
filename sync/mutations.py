"""Typed arguments of every mutation a device can push, keyed by mutation name.

Arguments arrive as raw JSON inside the push envelope and are decoded here one mutation at a
time, so one malformed mutation is rejected on its own instead of failing the whole batch.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Final, Literal

import msgspec
from msgspec import UNSET, Meta, UnsetType

from sync.kinds import (
    Amount,
    Bounded,
    ClassId,
    Clock,
    Day,
    FreeCategory,
    Instant,
    IsoWeek,
    LocalTime,
    Milestones,
    Minutes,
    Note,
    ObjectiveIds,
    ProfileText,
    Reason,
    RecordId,
    RestReason,
    Scale,
    Subject,
    Tags,
    Target,
    TimeKind,
    Title,
    Unit,
    UnitLabel,
    check_plan,
    check_rest,
)
from sync.records import (
    CHECK_IN,
    CONFLICT_NOTICE,
    GOAL,
    NUDGE,
    PREFERENCES,
    PROFILE,
    PROGRESS,
    REST,
    TIME_ENTRY,
)

Space = Annotated[int, Meta(ge=1)]
Base = Annotated[dict[str, Clock], Meta(max_length=16)]
# A device sends a new goal as proposed or active; `returned` is only a teacher's decision.
GoalStatus = Literal["proposed", "active", "completed", "abandoned"]


class Args(Bounded, kw_only=True, forbid_unknown_fields=True):
    """Base of all mutation arguments; every date and instant is checked against its window."""

    id: RecordId


class CreateArgs(Args, kw_only=True):
    """Arguments that create a record; ``space`` lets a teacher write into a student's space."""

    space: Space | None = None


class UpdateArgs(Args, kw_only=True):
    """Partial edit. ``base`` holds the clocks of the edited fields as this device last saw them.

    The server uses ``base`` to tell a knowing overwrite (no notice) from a concurrent one
    (the losing value becomes a conflict notice). A field missing from ``base`` means the
    device never saw a value for it.
    """

    base: Base = msgspec.field(default_factory=dict)


class GoalCreate(CreateArgs, kw_only=True):
    title: Title
    target: Target
    unit: Unit
    deadline: Day
    start_date: Day | None = None
    unit_label: UnitLabel = ""
    subject: Subject = ""
    class_id: ClassId | None = None
    milestones: Milestones = msgspec.field(default_factory=list)
    objectives: ObjectiveIds = msgspec.field(default_factory=list)
    description: Note = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        check_plan(
            target=self.target,
            start=self.start_date,
            deadline=self.deadline,
            milestones=self.milestones,
        )


class GoalUpdate(UpdateArgs, kw_only=True):
    title: Title | UnsetType = UNSET
    target: Target | UnsetType = UNSET
    unit: Unit | UnsetType = UNSET
    unit_label: UnitLabel | UnsetType = UNSET
    deadline: Day | UnsetType = UNSET
    start_date: Day | UnsetType = UNSET
    subject: Subject | UnsetType = UNSET
    # Only while the goal is a draft (proposed or returned): an approved goal keeps its class.
    class_id: ClassId | UnsetType | None = UNSET
    milestones: Milestones | UnsetType = UNSET
    objectives: ObjectiveIds | UnsetType = UNSET
    description: Note | UnsetType = UNSET
    status: GoalStatus | UnsetType = UNSET
    # Not a field of the goal: travels with a change that needs the teacher's approval.
    change_reason: Reason | UnsetType = UNSET
    # Not a field of the goal: a personal goal's change goes to the mentor for advice first.
    ask_mentor: bool | UnsetType = UNSET


class GoalDelete(Args, kw_only=True):
    change_reason: Reason | UnsetType = UNSET
    ask_mentor: bool | UnsetType = UNSET


class ProgressAdd(CreateArgs, kw_only=True):
    """An append-only progress event: two devices each adding 1 make 2."""

    goal_id: RecordId
    amount: Amount
    occurred_at: Instant
    note: Note = ""


class ProgressUpdate(UpdateArgs, kw_only=True):
    amount: Amount | UnsetType = UNSET
    occurred_at: Instant | UnsetType = UNSET
    note: Note | UnsetType = UNSET


class ProgressDelete(Args, kw_only=True):
    pass


class TimeLog(CreateArgs, kw_only=True):
    """A finished block of study or free time."""

    kind: TimeKind
    category: FreeCategory | None = None
    goal_id: RecordId | None = None
    started_at: Instant
    minutes: Minutes
    private: bool = False
    note: Note = ""


class TimeStart(CreateArgs, kw_only=True):
    """Starts the focus timer: a running entry whose minutes are set by ``time.stop``."""

    kind: TimeKind
    category: FreeCategory | None = None
    goal_id: RecordId | None = None
    started_at: Instant
    private: bool = False
    note: Note = ""


SHORTEST_RUN_SECONDS: Final = 30
"""A timer stopped sooner than this logged nothing worth keeping: the stop removes its entry
(a three-second run is a slip, not a minute of study)."""


class TimeStop(Args, kw_only=True):
    stopped_at: Instant


class TimeUpdate(UpdateArgs, kw_only=True):
    kind: TimeKind | UnsetType = UNSET
    category: FreeCategory | UnsetType | None = UNSET
    goal_id: RecordId | UnsetType | None = UNSET
    started_at: Instant | UnsetType = UNSET
    minutes: Minutes | UnsetType = UNSET
    private: bool | UnsetType = UNSET
    note: Note | UnsetType = UNSET


class TimeDelete(Args, kw_only=True):
    pass


class NudgeDismiss(Args, kw_only=True):
    pass


class NudgeAct(Args, kw_only=True):
    """The student took the nudge's suggestion (e.g. opened "adjust my goal")."""

    action: Annotated[str, Meta(min_length=1, max_length=40)]


class RestCreate(CreateArgs, kw_only=True):
    """Planned rest (holiday, illness, exams): its days pause the pace clock."""

    start_date: Day
    end_date: Day
    reason: RestReason
    note: Note = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        check_rest(self.start_date, self.end_date)


class RestUpdate(UpdateArgs, kw_only=True):
    start_date: Day | UnsetType = UNSET
    end_date: Day | UnsetType = UNSET
    reason: RestReason | UnsetType = UNSET
    note: Note | UnsetType = UNSET


class RestDelete(Args, kw_only=True):
    pass


class PreferencesSet(Args, kw_only=True):
    """The student's study preferences; ``id`` must be ``sync.records.preferences_id(space)``."""

    space: Space | None = None
    # The clocks of the values this device last saw: a knowing change makes no conflict notice.
    base: Base = msgspec.field(default_factory=dict)
    weekly_study_hours: Annotated[float, Meta(ge=0, le=100)] | UnsetType = UNSET
    nudge_window_start: LocalTime | UnsetType = UNSET
    nudge_window_end: LocalTime | UnsetType = UNSET
    quiet_start: LocalTime | UnsetType = UNSET
    quiet_end: LocalTime | UnsetType = UNSET


class CheckInSet(Args, kw_only=True):
    """The week's check-in, created or changed; ``id`` must be
    ``sync.records.check_in_id(space, week)``."""

    space: Space | None = None
    week: IsoWeek
    # All three each time: a check-in is answered whole, so every stored one reads whole.
    energy: Scale
    stress: Scale
    sleep: Scale
    note: Note | UnsetType = UNSET
    shared_with_parents: bool | UnsetType = UNSET


class ProfileSet(Args, kw_only=True):
    """The student's learner profile, created or changed in part; ``id`` must be
    ``sync.records.profile_id(space)``."""

    space: Space | None = None
    # The clocks of the parts this device last saw: a knowing change makes no conflict notice.
    base: Base = msgspec.field(default_factory=dict)
    strengths: ProfileText | UnsetType = UNSET
    challenges: ProfileText | UnsetType = UNSET
    interests: ProfileText | UnsetType = UNSET
    aims: ProfileText | UnsetType = UNSET
    tags: Tags | UnsetType = UNSET


class NoticeDismiss(Args, kw_only=True):
    """Marks a conflict notice as read."""


MUTATION_ARGS: Final[dict[str, type[Args]]] = {
    "goal.create": GoalCreate,
    "goal.update": GoalUpdate,
    "goal.delete": GoalDelete,
    "progress.add": ProgressAdd,
    "progress.update": ProgressUpdate,
    "progress.delete": ProgressDelete,
    "time.log": TimeLog,
    "time.start": TimeStart,
    "time.stop": TimeStop,
    "time.update": TimeUpdate,
    "time.delete": TimeDelete,
    "nudge.dismiss": NudgeDismiss,
    "nudge.act": NudgeAct,
    "rest.create": RestCreate,
    "rest.update": RestUpdate,
    "rest.delete": RestDelete,
    "preferences.set": PreferencesSet,
    "checkin.set": CheckInSet,
    "profile.set": ProfileSet,
    "notice.dismiss": NoticeDismiss,
}

MUTATION_NAMES: Final = tuple(MUTATION_ARGS)

KIND_OF_PREFIX: Final = {
    "goal": GOAL,
    "progress": PROGRESS,
    "time": TIME_ENTRY,
    "nudge": NUDGE,
    "notice": CONFLICT_NOTICE,
    "rest": REST,
    "preferences": PREFERENCES,
    "checkin": CHECK_IN,
    "profile": PROFILE,
}
"""The kind of record a mutation acts on, by the prefix of its name (``goal.update``)."""


class UnknownMutationError(ValueError):
    """The mutation name is not one this server knows."""


def decode_args(name: str, raw: bytes | Mapping[str, Any]) -> Args:
    """Decode the arguments of mutation ``name`` (JSON bytes or a decoded object) into its Struct.

    Raises UnknownMutationError for an unknown name and msgspec.ValidationError (or DecodeError)
    when the arguments do not match, with a message naming the field.
    """
    try:
        args_type = MUTATION_ARGS[name]
    except KeyError:
        raise UnknownMutationError(f"unknown mutation {name!r}") from None
    if isinstance(raw, bytes):
        return msgspec.json.decode(raw, type=args_type)
    return msgspec.convert(dict(raw), type=args_type)


NOT_FIELDS: Final = ("id", "space", "base", "change_reason", "ask_mentor")
"""Arguments that say which record, where, or how, but are no field of the record."""


def changed_fields(args: Args) -> dict[str, object]:
    """The JSON-ready field values an edit or create sets (``NOT_FIELDS`` excluded)."""
    values = msgspec.to_builtins(args)
    assert isinstance(values, dict)
    for key in NOT_FIELDS:
        values.pop(key, None)
    return values
