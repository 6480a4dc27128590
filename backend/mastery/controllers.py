"""Learning objectives of a class, and the teacher's mastery marks."""

from __future__ import annotations

from litestar import Controller, delete, get, post, put
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, NotFoundException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest, Principal
from backend.accounts.roles import Role
from backend.audit.log import client_ip, record
from backend.mastery import service
from backend.mastery.objectives_csv import CsvProblem, NewObjective, parse_objectives
from backend.mastery.schemas import (
    Mastery,
    MasteryMark,
    Objective,
    ObjectiveCreate,
    ObjectivesImport,
    ObjectivesImported,
)
from backend.problems import field_error
from backend.syncing.pokes import poke


async def _own(teacher: Principal, class_id: int) -> None:
    if not await service.teaches(teacher, class_id):
        raise NotFoundException(detail=f"No class {class_id} of yours.")


class ObjectivesController(Controller):
    path = "/api/classes/{class_id:int}/objectives"
    tags = ["objectives"]
    guards = [allow(Role.TEACHER)]

    @get("/")
    async def list_objectives(
        self, request: AuthedRequest, class_id: FromPath[int]
    ) -> list[Objective]:
        """The class's learning objectives, in order."""
        await _own(request.user, class_id)
        return await service.objectives_of(class_id)

    async def _add(
        self,
        request: AuthedRequest,
        class_id: int,
        items: list[NewObjective],
        channels: ChannelsPlugin,
        field: str,
    ) -> ObjectivesImported:
        await _own(request.user, class_id)
        try:
            added, already, touched = await service.add_objectives(class_id, items)
        except service.TooManyObjectives as exc:
            raise field_error(field, str(exc)) from None
        if touched:
            await poke(channels, touched)
        await record(
            "class.objectives_added",
            actor=request.user.id,
            ip=client_ip(request),
            class_id=class_id,
            added=len(added),
        )
        return ObjectivesImported(added=added, already_listed=already)

    @post("/", status_code=HTTP_201_CREATED)
    async def add_objective(
        self,
        request: AuthedRequest,
        class_id: FromPath[int],
        data: JSONBody[ObjectiveCreate],
        channels: NamedDependency[ChannelsPlugin],
    ) -> Objective:
        """Add one objective at the end of the list; the class's students' devices get it on
        their next pull (the goal form offers it). The same code and title twice is a 409."""
        item = NewObjective(code=data.code.strip(), title=data.title.strip())
        if not item.title:
            raise field_error("title", "write what the student should be able to do")
        added = await self._add(request, class_id, [item], channels, "title")
        if not added.added:
            raise ClientException(status_code=409, detail="The class already lists this objective.")
        return added.added[0]

    @post("/import", status_code=HTTP_201_CREATED)
    async def import_objectives(
        self,
        request: AuthedRequest,
        class_id: FromPath[int],
        data: JSONBody[ObjectivesImport],
        channels: NamedDependency[ChannelsPlugin],
    ) -> ObjectivesImported:
        """Add the objectives of a CSV file (one per row: `code,title` or `title`, an optional
        header row). Rows the class already lists are skipped, so importing twice adds nothing;
        a row that cannot be read rejects the whole file, naming the row."""
        try:
            items = parse_objectives(data.csv)
        except CsvProblem as exc:
            raise field_error("csv", str(exc)) from None
        return await self._add(request, class_id, items, channels, "csv")

    @delete("/{objective_id:int}", status_code=HTTP_204_NO_CONTENT)
    async def remove_objective(
        self,
        request: AuthedRequest,
        class_id: FromPath[int],
        objective_id: FromPath[int],
        channels: NamedDependency[ChannelsPlugin],
    ) -> None:
        """Take an objective off the list. Marks made on it stay in the students' history but
        stop counting."""
        await _own(request.user, class_id)
        touched = await service.remove_objective(class_id, objective_id)
        if touched is None:
            raise NotFoundException(detail=f"Class {class_id} lists no objective {objective_id}.")
        if touched:
            await poke(channels, touched)
        await record(
            "class.objective_removed",
            actor=request.user.id,
            ip=client_ip(request),
            class_id=class_id,
            objective_id=objective_id,
        )


class MasteryController(Controller):
    path = "/api/classes/{class_id:int}/students/{student_id:int}/objectives"
    tags = ["objectives"]
    guards = [allow(Role.TEACHER)]

    @put("/{objective_id:int}")
    async def mark(
        self,
        request: AuthedRequest,
        class_id: FromPath[int],
        student_id: FromPath[int],
        objective_id: FromPath[int],
        data: JSONBody[MasteryMark],
        channels: NamedDependency[ChannelsPlugin],
    ) -> Mastery:
        """Mark a student's mastery of one of the class's objectives (or take the mark back),
        with a short note of the evidence. It reaches the student's devices like any write,
        and counts towards their goals in objectives."""
        await _own(request.user, class_id)
        try:
            marked = await service.mark_mastery(
                request.user, class_id, student_id, objective_id, data, client_ip(request)
            )
        except service.NotInClass as exc:
            raise NotFoundException(detail=str(exc)) from None
        await poke(channels, [student_id])
        return marked
