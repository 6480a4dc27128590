"""Applying a push: a batch of one device's mutations, in order, exactly once.

Run ``apply_push`` inside one database transaction: the effects of each mutation, its stored
outcome and the device's last mutation id then commit together, so a retried push whose response
was lost is answered identically from the stored outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass

import msgspec

from sync import hlc, mutations
from sync.actor import Actor
from sync.errors import ClientOwnershipError, MutationGapError, UnsupportedProtocolError
from sync.mutations import Args
from sync.policy import DEFAULT_RULE, ApprovalRule, no_approval
from sync.port import SyncStore
from sync.records import GOAL, Record
from sync.rules import Rejected, Step, dispatch
from sync.staging import StagedPush
from sync.wire import (
    SUPPORTED_PROTOCOL_VERSIONS,
    Mutation,
    MutationResult,
    PushRequest,
    PushResponse,
)


@dataclass(frozen=True, slots=True)
class PushOutcome:
    """The response body plus what the caller needs after commit."""

    response: PushResponse
    touched_spaces: frozenset[int]
    clamped_mutation_ids: tuple[int, ...]


async def write_record(store: SyncStore, record: Record, now_ms: int) -> Record:
    """Write `record` as the next version of its space, for a single write outside a push
    (a teacher's decision, a nudge). It upserts: use it for records that may exist."""
    written = msgspec.structs.replace(
        record, version=await store.next_version(record.space), updated_ms=now_ms
    )
    await store.put_record(written)
    return written


def _decode(mutation: Mutation, client_id: str) -> Args | MutationResult:
    """The mutation's typed arguments, or its ``rejected`` result when they cannot be used."""
    rejected = MutationResult(mutation_id=mutation.mutation_id, outcome="rejected")
    try:
        args = mutations.decode_args(mutation.name, mutation.args)
    except (mutations.UnknownMutationError, msgspec.DecodeError) as exc:
        return msgspec.structs.replace(rejected, reason=str(exc))
    if hlc.client_of(mutation.hlc) != client_id:
        return msgspec.structs.replace(rejected, reason="the clock was issued by another client")
    return args


def _named_records(name: str, args: Args) -> list[tuple[str, str]]:
    """The records a mutation reads: its own, and the goal it refers to, if any."""
    keys = [(mutations.KIND_OF_PREFIX[name.partition(".")[0]], args.id)]
    goal_id = getattr(args, "goal_id", None)
    if isinstance(goal_id, str):
        keys.append((GOAL, goal_id))
    return keys


async def _apply_one(
    staged: StagedPush,
    actor: Actor,
    client_id: str,
    mutation: Mutation,
    args: Args,
    admission: hlc.Admission,
    now_ms: int,
    approval: ApprovalRule,
    advice: ApprovalRule,
    touched: set[int],
) -> MutationResult:
    step = Step(
        staged, actor, client_id, mutation.mutation_id, admission.clock, now_ms, approval, advice
    )
    try:
        result = await dispatch(step, mutation.name, args)
    except Rejected as exc:
        # Handlers check before they write, so a rejected mutation has no effects to undo.
        return MutationResult(mutation_id=mutation.mutation_id, outcome="rejected", reason=str(exc))
    touched |= step.touched
    if admission.clamped:
        result = msgspec.structs.replace(result, clock_clamped=True)
    return result


async def apply_push(
    store: SyncStore,
    request: PushRequest,
    actor: Actor,
    now_ms: int,
    approval: ApprovalRule = DEFAULT_RULE,
    advice: ApprovalRule = no_approval,
) -> PushOutcome:
    """Apply a device's batch of mutations in order and return the per-mutation results.

    Raises UnsupportedProtocolError, ClientOwnershipError or MutationGapError (nothing applied)
    for a request refused as a whole, and IdTakenMeanwhileError (roll back; running the push
    again answers it) when a record it created was created concurrently in another space.
    ``approval`` decides which goal edits need approval; pass ``sync.policy.no_approval`` for
    actors whose edits apply directly. ``advice`` decides what of an edit the student sends to
    their mentor first (``sync.policy.advice_rule``) waits for the mentor.
    """
    if request.protocol_version not in SUPPORTED_PROTOCOL_VERSIONS:
        raise UnsupportedProtocolError(request.protocol_version)
    state = await store.bind_client(request.client_id, actor.user_id)
    if state.user_id != actor.user_id:
        raise ClientOwnershipError(request.client_id)
    last = state.last_mutation_id
    expected = request.mutations[0].mutation_id
    if expected > last + 1:
        raise MutationGapError(request.client_id, last + 1, expected)
    for mutation in request.mutations:
        if mutation.mutation_id != expected:
            raise MutationGapError(request.client_id, expected, mutation.mutation_id)
        expected += 1

    already = [m for m in request.mutations if m.mutation_id <= last]
    stored = (
        await store.load_outcomes(request.client_id, already[0].mutation_id, last)
        if already
        else {}
    )
    fresh = [(m, _decode(m, request.client_id)) for m in request.mutations if m.mutation_id > last]
    staged = StagedPush(store, now_ms)
    if fresh:
        await store.lock_spaces(sorted(actor.writable_spaces))
        await staged.load(
            key
            for mutation, args in fresh
            if isinstance(args, Args)
            for key in _named_records(mutation.name, args)
        )

    results = [
        stored.get(m.mutation_id) or MutationResult(mutation_id=m.mutation_id, outcome="duplicate")
        for m in already
    ]
    touched: set[int] = set()
    clamped: list[int] = []
    # The clock admitted for the device's previous mutation: clamping must keep their order.
    last_clock: str | None = None
    for mutation, args in fresh:
        if isinstance(args, MutationResult):
            result = args
        else:
            admission = hlc.admit(mutation.hlc, now_ms, last_clock)
            last_clock = admission.clock
            result = await _apply_one(
                staged,
                actor,
                request.client_id,
                mutation,
                args,
                admission,
                now_ms,
                approval,
                advice,
                touched,
            )
        if result.clock_clamped:
            clamped.append(mutation.mutation_id)
        staged.outcome(result)
        last = mutation.mutation_id
        results.append(result)
    await staged.flush(request.client_id)
    return PushOutcome(
        PushResponse(last_mutation_id=last, results=results),
        frozenset(touched),
        tuple(clamped),
    )
