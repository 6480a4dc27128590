"""Property: what one offline device shows is what the server makes of its changes.

For any class policy, a goal in a class or personal, and any run of goal edits made offline on
one device (moving it between the student's classes among them), the device's view
(pulled state with the outbox replayed) equals the server's state after the device syncs, and
what it shows as waiting for the teacher is exactly what the server turned into change
requests.
"""

from __future__ import annotations

import asyncio
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.approvals import decide
from sync.client import Device
from sync.policy import ApprovalPolicy
from sync.records import CHANGE_REQUEST, GOAL
from sync.replay import PENDING_PROPOSAL
from tests.unit.sync.scenarios import STUDENT, SimClock, goal_args, new_id, new_server

policies = st.builds(
    ApprovalPolicy,
    approve_new_goals=st.booleans(),
    approve_target_decrease=st.booleans(),
    approve_abandon=st.booleans(),
    deadline_shift_free_days=st.integers(0, 10),
)
DEADLINES = ["2027-01-01", "2027-01-12", "2027-01-20"]
CLASS, OTHER_CLASS = 3, 5
homes = st.sampled_from([CLASS, None])
edits = st.one_of(
    st.fixed_dictionaries({"class_id": st.sampled_from([CLASS, OTHER_CLASS, None])}),
    st.fixed_dictionaries({"target": st.sampled_from([4, 9, 10, 11, 30])}),
    st.fixed_dictionaries({"deadline": st.sampled_from(DEADLINES)}),
    st.fixed_dictionaries({"status": st.sampled_from(["completed", "abandoned", "proposed"])}),
    st.fixed_dictionaries({"title": st.sampled_from(["Read", "Read more"])}),
    st.just({"delete": True}),
)


async def _run(
    policy: ApprovalPolicy, home: int | None, approved: bool, changes: list[dict[str, Any]]
) -> None:
    clock = SimClock()
    server = new_server(clock)
    await server.set_policies(STUDENT, {CLASS: policy, OTHER_CLASS: ApprovalPolicy()})
    phone = Device("phone", STUDENT, STUDENT, clock)
    goal_id = new_id()
    phone.mutate("goal.create", goal_args(goal_id, deadline="2027-01-10", class_id=home))
    await phone.push(server)
    goal = next(r for r in server.store.records() if r.kind == GOAL)
    if approved and goal.fields["status"] == "proposed":
        with server.store.transaction():
            await decide(
                server.store,
                item_type="new_goal",
                item_id=goal_id,
                decision="approve",
                seen_goal_version=goal.version,
                comment="",
                decided_by=100,
                allowed_spaces=frozenset({STUDENT}),
                now_ms=clock(),
            )
    await phone.pull(server)
    for change in changes:
        clock.advance(1000)
        if "delete" in change:
            phone.mutate("goal.delete", {"id": goal_id})
        else:
            base = phone.base_clocks(GOAL, goal_id, list(change))
            phone.mutate("goal.update", {"id": goal_id, **change, "base": base})
    shown = phone.view().get((GOAL, goal_id))
    await phone.push(server)

    stored = next(r for r in server.store.records() if r.kind == GOAL)
    requests = sorted(
        (r for r in server.store.records() if r.kind == CHANGE_REQUEST),
        key=lambda r: r.fields["requested_hlc"],
    )
    waiting: dict[str, Any] = {}
    for request in requests:
        waiting.update(request.fields["proposed"])
    if stored.deleted:
        assert shown is None
        return
    assert shown is not None
    fields = dict(shown.fields)
    assert fields.pop(PENDING_PROPOSAL, {}) == waiting
    assert fields == stored.fields


@settings(max_examples=150, deadline=None)
@given(policies, homes, st.booleans(), st.lists(edits, max_size=6))
def test_an_offline_device_shows_what_the_server_will_do(
    policy: ApprovalPolicy, home: int | None, approved: bool, changes: list[dict[str, Any]]
) -> None:
    asyncio.run(_run(policy, home, approved, changes))
