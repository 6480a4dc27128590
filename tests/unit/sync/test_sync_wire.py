"""The wire shapes refuse what the protocol forbids, with messages that name the field."""

from __future__ import annotations

import msgspec
import pytest

from sync.mutations import MUTATION_NAMES, GoalUpdate, decode_args
from sync.wire import MAX_MUTATIONS_PER_PUSH, MAX_PUSH_BYTES, PushRequest


def push_body(count: int, **extra: object) -> bytes:
    mutation = {
        "mutation_id": 1,
        "name": "goal.delete",
        "args": {"id": "00000000-0000-4000-8000-000000000000"},
        "hlc": "1750000000000-000000-phone",
    }
    body = {"protocol_version": 1, "client_id": "phone", "mutations": [mutation] * count}
    return msgspec.json.encode({**body, **extra})


def test_limits_are_the_documented_ones() -> None:
    assert (MAX_MUTATIONS_PER_PUSH, MAX_PUSH_BYTES) == (500, 1024 * 1024)


def test_push_of_500_mutations_decodes() -> None:
    assert len(msgspec.json.decode(push_body(500), type=PushRequest).mutations) == 500


def test_push_over_the_mutation_limit_is_refused_naming_it() -> None:
    with pytest.raises(msgspec.ValidationError, match=r"length <= 500.*mutations"):
        msgspec.json.decode(push_body(501), type=PushRequest)


def test_unknown_envelope_field_is_refused() -> None:
    with pytest.raises(msgspec.ValidationError, match="unknown field"):
        msgspec.json.decode(push_body(1, surprise=True), type=PushRequest)


def test_partial_update_leaves_unsent_fields_unset() -> None:
    args = decode_args(
        "goal.update", b'{"id": "00000000-0000-4000-8000-000000000000", "title": "x"}'
    )
    assert isinstance(args, GoalUpdate)
    assert args.target is msgspec.UNSET


def test_naive_datetime_is_refused() -> None:
    raw = (
        b'{"id": "00000000-0000-4000-8000-000000000000", "goal_id": '
        b'"00000000-0000-4000-8000-000000000001", "amount": 1, '
        b'"occurred_at": "2025-06-01T10:00:00"}'
    )
    with pytest.raises(msgspec.ValidationError, match="occurred_at"):
        decode_args("progress.add", raw)


def test_every_documented_mutation_name_is_known() -> None:
    assert set(MUTATION_NAMES) >= {
        "goal.create", "goal.update", "goal.delete",
        "progress.add", "progress.update", "progress.delete",
        "time.log", "time.start", "time.stop", "time.update", "time.delete",
        "nudge.dismiss",
    }  # fmt: skip
