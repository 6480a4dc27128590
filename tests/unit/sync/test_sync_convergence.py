"""Convergence under offline edits, random sync orders, lost responses and retries.

Three devices of one student (one clock right, one hours behind, one ahead beyond the drift
limit) and a teacher's device edit offline and sync in any order. After everyone syncs:
every device equals the server, each progress event counts exactly once, and every value that
was written and is gone was either knowingly replaced, turned into a change request, erased by
a delete, or named in a conflict notice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from sync.client import Device
from sync.records import CHANGE_REQUEST, CONFLICT_NOTICE, GOAL, PROGRESS, Record
from sync.wire import MutationResult
from tests.unit.sync.scenarios import STUDENT, TEACHER, SimClock, new_server, run

HOUR = 60 * 60 * 1000
STUDENT_SKEWS = (0, -3 * HOUR, 2 * HOUR)
EDITABLE = ("title", "target", "deadline")
# Few goals make devices collide on the same fields, which is where merges can go wrong.
MAX_GOALS = 2

Written = tuple[str, str, Any]


class OfflineDevices(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.clock = SimClock()
        self.server = new_server(self.clock, max_page=3)
        self.devices = [
            Device(f"student-{n}", STUDENT, STUDENT, self._device_clock(skew))
            for n, skew in enumerate(STUDENT_SKEWS)
        ]
        self.teacher = Device("teacher-0", TEACHER, STUDENT, self._device_clock(0))
        self.serial = 0
        self.goals_created: list[str] = []
        self.goals_written_by: set[tuple[int, str]] = set()
        self.written: list[Written] = []
        self.knowingly_replaced: set[Written] = set()
        self.progress: dict[str, int] = {}
        self.progress_adds: list[tuple[Device, int]] = []
        self.deleted_progress: set[str] = set()

    def _device_clock(self, skew: int) -> Any:
        return lambda: self.clock.now + skew

    def _unique(self, field: str) -> Any:
        self.serial += 1
        if field == "title":
            return f"title {self.serial}"
        if field == "target":
            return self.serial
        return (dt.date(2026, 1, 1) + dt.timedelta(days=self.serial)).isoformat()

    def _new_id(self, data: st.DataObject) -> str:
        return str(data.draw(st.uuids(version=4)))

    def _visible(self, device: Device, kind: str) -> list[str]:
        return sorted(key[1] for key in device.view() if key[0] == kind)

    @initialize()
    def start(self) -> None:
        pass

    @precondition(lambda self: len(self.goals_created) < MAX_GOALS)
    @rule(n=st.integers(0, 2), data=st.data())
    def create_goal(self, n: int, data: st.DataObject) -> None:
        goal_id = self._new_id(data)
        values = {field: self._unique(field) for field in EDITABLE}
        self.devices[n].mutate("goal.create", {"id": goal_id, "unit": "pages", **values})
        self.written += [(goal_id, field, value) for field, value in values.items()]
        self.goals_created.append(goal_id)
        self.goals_written_by.add((n, goal_id))

    @precondition(lambda self: self.goals_created)
    @rule(n=st.integers(0, 2), data=st.data())
    def create_the_same_goal_elsewhere(self, n: int, data: st.DataObject) -> None:
        # The same id created on a device that does not hold it: one record, nothing lost.
        # (A device replaces its own earlier values knowingly, so it must not have written any.)
        device = self.devices[n]
        goal_id = data.draw(st.sampled_from(self.goals_created))
        if (GOAL, goal_id) in device.view() or (n, goal_id) in self.goals_written_by:
            return
        values = {field: self._unique(field) for field in EDITABLE}
        device.mutate("goal.create", {"id": goal_id, "unit": "pages", **values})
        self.written += [(goal_id, field, value) for field, value in values.items()]
        self.goals_written_by.add((n, goal_id))

    @rule(n=st.integers(0, 2), field=st.sampled_from(EDITABLE), data=st.data())
    def edit_goal(self, n: int, field: str, data: st.DataObject) -> None:
        device = self.devices[n]
        goals = self._visible(device, GOAL)
        if not goals:
            return
        goal_id = data.draw(st.sampled_from(goals))
        seen = device.view()[(GOAL, goal_id)].fields.get(field)
        self.knowingly_replaced.add((goal_id, field, seen))
        value = self._unique(field)
        base = device.base_clocks(GOAL, goal_id, [field])
        device.mutate("goal.update", {"id": goal_id, field: value, "base": base})
        self.written.append((goal_id, field, value))
        self.goals_written_by.add((n, goal_id))

    @rule(data=st.data())
    def teacher_approves(self, data: st.DataObject) -> None:
        goals = [
            goal_id
            for goal_id in self._visible(self.teacher, GOAL)
            if self.teacher.view()[(GOAL, goal_id)].fields.get("status") == "proposed"
        ]
        if not goals:
            return
        goal_id = data.draw(st.sampled_from(goals))
        base = self.teacher.base_clocks(GOAL, goal_id, ["status"])
        self.teacher.mutate("goal.update", {"id": goal_id, "status": "active", "base": base})

    @rule(n=st.integers(0, 2), data=st.data())
    def delete_goal(self, n: int, data: st.DataObject) -> None:
        goals = self._visible(self.devices[n], GOAL)
        if goals:
            self.devices[n].mutate("goal.delete", {"id": data.draw(st.sampled_from(goals))})

    @rule(n=st.integers(0, 2), amount=st.integers(1, 5), data=st.data())
    def add_progress(self, n: int, amount: int, data: st.DataObject) -> None:
        device = self.devices[n]
        goals = self._visible(device, GOAL)
        if not goals:
            return
        progress_id = self._new_id(data)
        mutation = device.mutate(
            "progress.add",
            {
                "id": progress_id,
                "goal_id": data.draw(st.sampled_from(goals)),
                "amount": amount,
                "occurred_at": "2025-06-01T16:00:00Z",
            },
        )
        self.progress[progress_id] = amount
        self.progress_adds.append((device, mutation.mutation_id))

    @rule(n=st.integers(0, 2), data=st.data())
    def delete_progress(self, n: int, data: st.DataObject) -> None:
        entries = self._visible(self.devices[n], PROGRESS)
        if entries:
            progress_id = data.draw(st.sampled_from(entries))
            self.devices[n].mutate("progress.delete", {"id": progress_id})
            self.deleted_progress.add(progress_id)

    @rule(n=st.integers(0, 3), lose_response=st.booleans(), retry=st.booleans())
    def push(self, n: int, lose_response: bool, retry: bool) -> None:
        device = self._device(n)
        run(device.push(self.server, drop_response=lose_response))
        if retry:
            run(device.push(self.server))

    @rule(n=st.integers(0, 3))
    def pull_one_page(self, n: int) -> None:
        run(self._device(n).pull_page(self.server))

    @rule(minutes=st.integers(0, 90))
    def time_passes(self, minutes: int) -> None:
        self.clock.advance(minutes * 60 * 1000)

    def _device(self, n: int) -> Device:
        return self.devices[n] if n < len(self.devices) else self.teacher

    @rule()
    def everyone_syncs_and_converges(self) -> None:
        self.check_convergence()

    def teardown(self) -> None:
        self.check_convergence()

    def check_convergence(self) -> None:
        everyone = [*self.devices, self.teacher]
        for device in everyone:
            while run(device.push(self.server)) is not None:
                pass
        for device in everyone:
            run(device.pull(self.server))
        records = {(r.kind, r.id): r for r in self.server.store.records()}
        live = {key: r for key, r in records.items() if not r.deleted}
        for device in everyone:
            assert device.outbox == []
            view = device.view()
            assert set(view) == set(live)
            for key, record in live.items():
                assert (view[key].fields, view[key].clocks) == (record.fields, record.clocks)
        self._check_progress(records)
        self._check_identical_answers()
        self._check_nothing_silently_lost(records)

    def _outcome(self, client_id: str, mutation_id: int) -> MutationResult | None:
        found = run(self.server.store.load_outcomes(client_id, mutation_id, mutation_id))
        return found.get(mutation_id)

    def _check_progress(self, records: dict[tuple[str, str], Record]) -> None:
        for device, mutation_id in self.progress_adds:
            outcome = self._outcome(device.client_id, mutation_id)
            assert outcome is not None
            assert outcome.outcome == "applied"
        expected = sum(
            amount for pid, amount in self.progress.items() if pid not in self.deleted_progress
        )
        counted = sum(
            r.fields["amount"]
            for (kind, _), r in records.items()
            if kind == PROGRESS and not r.deleted
        )
        assert counted == expected
        assert {rid for (kind, rid) in records if kind == PROGRESS} == set(self.progress)

    def _check_identical_answers(self) -> None:
        for device in [*self.devices, self.teacher]:
            for mutation_id, result in device.results.items():
                assert self._outcome(device.client_id, mutation_id) == result

    def _check_nothing_silently_lost(self, records: dict[tuple[str, str], Record]) -> None:
        accounted: set[Written] = set(self.knowingly_replaced)
        for record in records.values():
            # Only the fields this machine writes are tracked (a create also sends defaults).
            if record.kind == CONFLICT_NOTICE and record.fields["field"] in EDITABLE:
                f = record.fields
                accounted.add((f["record_id"], f["field"], f["lost_value"]))
            elif record.kind == CHANGE_REQUEST:
                for field, value in record.fields["proposed"].items():
                    accounted.add((record.fields["goal_id"], field, value))
        for goal_id, field, value in self.written:
            goal = records[(GOAL, goal_id)]
            if goal.deleted or goal.fields.get(field) == value:
                continue
            assert (goal_id, field, value) in accounted, (goal_id, field, value)


OfflineDevices.TestCase.settings = settings(
    max_examples=150,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_offline_devices_converge_without_silent_loss = OfflineDevices.TestCase
