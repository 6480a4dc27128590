"""Classes: teachers create them and rotate join codes; students join with a code."""

from __future__ import annotations

from typing import Any

from litestar import Controller, delete, get, post
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest, Principal
from backend.accounts.roles import Role
from backend.approvals.policies import enrol, unenrol
from backend.audit.log import client_ip, record
from backend.classes.codes import find_class_by_join_code, new_join_code
from backend.classes.schemas import ClassCreate, ClassSummary, JoinRequest, RosterEntry
from backend.classes.tables import Enrolment, SchoolClass
from backend.clock import utcnow
from backend.db import write_transaction
from backend.deps import Services
from backend.syncing.pokes import poke, user_channel


def _summary(row: dict[str, Any], *, with_code: bool) -> ClassSummary:
    return ClassSummary(
        id=row["id"],
        name=row["name"],
        teacher_id=row["teacher"],
        teacher_name=row["teacher_name"],
        join_code=row["join_code"] if with_code else None,
        homeroom=bool(row["homeroom"]),
    )


_COLUMNS = (
    SchoolClass.id,
    SchoolClass.name,
    SchoolClass.teacher,
    SchoolClass.join_code,
    SchoolClass.homeroom,
    SchoolClass.teacher.display_name.as_alias("teacher_name"),
)


async def _owned_class(user: Principal, class_id: int) -> dict[str, Any]:
    rows = await SchoolClass.select(*_COLUMNS).where(
        (SchoolClass.id == class_id)
        & (SchoolClass.teacher == user.id)
        & (SchoolClass.school == user.school_id)
    )
    if not rows:
        raise NotFoundException(detail=f"No class {class_id} of yours.")
    return rows[0]


class ClassController(Controller):
    path = "/api/classes"
    tags = ["classes"]

    @post("/", guards=[allow(Role.TEACHER)], status_code=HTTP_201_CREATED)
    async def create(self, request: AuthedRequest, data: JSONBody[ClassCreate]) -> ClassSummary:
        """Create a class of the teacher's school with a fresh join code."""
        if request.user.school_id is None:
            raise PermissionDeniedException(
                detail="Your account belongs to no school; ask your school's administrator."
            )
        cls = SchoolClass(
            teacher=request.user.id,
            school=request.user.school_id,
            name=data.name.strip(),
            join_code=new_join_code(),
            created_at=utcnow(),
        )
        await cls.save()
        return _summary(await _owned_class(request.user, cls.id), with_code=True)

    @get("/")
    async def list_classes(self, request: AuthedRequest) -> list[ClassSummary]:
        """A teacher's own classes, a student's classes; a parent has none."""
        user = request.user
        if user.role is Role.TEACHER:
            rows = await SchoolClass.select(*_COLUMNS).where(SchoolClass.teacher == user.id)
            return [_summary(r, with_code=True) for r in rows]
        if user.role is Role.STUDENT:
            ids = await Enrolment.select(Enrolment.school_class).where(Enrolment.student == user.id)
            if not ids:
                return []
            rows = await SchoolClass.select(*_COLUMNS).where(
                SchoolClass.id.is_in([r["school_class"] for r in ids])
            )
            return [_summary(r, with_code=False) for r in rows]
        return []

    @get("/{class_id:int}")
    async def get_class(self, request: AuthedRequest, class_id: FromPath[int]) -> ClassSummary:
        """One class: its teacher, or a student enrolled in it."""
        user = request.user
        if user.role is Role.TEACHER:
            return _summary(await _owned_class(user, class_id), with_code=True)
        if user.role is Role.STUDENT and await Enrolment.exists().where(
            (Enrolment.school_class == class_id) & (Enrolment.student == user.id)
        ):
            rows = await SchoolClass.select(*_COLUMNS).where(SchoolClass.id == class_id)
            return _summary(rows[0], with_code=False)
        raise NotFoundException(detail=f"No class {class_id} that you belong to.")

    @get("/{class_id:int}/students", guards=[allow(Role.TEACHER)])
    async def roster(self, request: AuthedRequest, class_id: FromPath[int]) -> list[RosterEntry]:
        """The students enrolled in one of the teacher's classes."""
        await _owned_class(request.user, class_id)
        rows = (
            await Enrolment.select(
                Enrolment.student,
                Enrolment.created_at,
                Enrolment.student.display_name.as_alias("display_name"),
                Enrolment.student.login.as_alias("login"),
            )
            .where(Enrolment.school_class == class_id)
            .order_by(Enrolment.id)
        )
        return [
            RosterEntry(
                student_id=r["student"],
                display_name=r["display_name"],
                login=r["login"],
                joined_at=r["created_at"],
            )
            for r in rows
        ]

    @delete(
        "/{class_id:int}/students/{student_id:int}",
        guards=[allow(Role.TEACHER)],
        status_code=HTTP_204_NO_CONTENT,
    )
    async def remove_student(
        self,
        request: AuthedRequest,
        class_id: FromPath[int],
        student_id: FromPath[int],
        channels: NamedDependency[ChannelsPlugin],
    ) -> None:
        """Take a student out of my class. Their goals of this class become personal, and my
        devices drop them on their next pull."""
        await _owned_class(request.user, class_id)
        async with write_transaction(Enrolment._meta.db):
            if not await Enrolment.exists().where(
                (Enrolment.school_class == class_id) & (Enrolment.student == student_id)
            ):
                raise NotFoundException(detail=f"No student {student_id} in class {class_id}.")
            touched = await unenrol(student_id, class_id)
        await poke(channels, touched | {student_id})
        # No longer among the space's viewers, the teacher's own devices are poked by name.
        await channels.wait_published(b"poke", [user_channel(request.user.id)])
        await record(
            "class.student_removed",
            actor=request.user.id,
            subject=student_id,
            ip=client_ip(request),
            class_id=class_id,
        )

    @post("/{class_id:int}/join-code", guards=[allow(Role.TEACHER)], status_code=200)
    async def rotate_join_code(
        self, request: AuthedRequest, class_id: FromPath[int]
    ) -> ClassSummary:
        """Replace the join code; the old one stops working at once."""
        await _owned_class(request.user, class_id)
        await SchoolClass.update({SchoolClass.join_code: new_join_code()}).where(
            SchoolClass.id == class_id
        )
        await record(
            "class.join_code_rotated",
            actor=request.user.id,
            ip=client_ip(request),
            class_id=class_id,
        )
        return _summary(await _owned_class(request.user, class_id), with_code=True)

    @post("/join", guards=[allow(Role.STUDENT)], status_code=HTTP_201_CREATED)
    async def join(
        self,
        request: AuthedRequest,
        data: JSONBody[JoinRequest],
        channels: NamedDependency[ChannelsPlugin],
        services: NamedDependency[Services],
    ) -> ClassSummary:
        """A student joins another class of their school with its join code; the class's policy
        now governs their goals too, and their devices learn it on their next pull."""
        async with services.code_guard.attempt("join", client_ip(request), request.user.id):
            class_id = await find_class_by_join_code(data.join_code)
        school = await SchoolClass.select(SchoolClass.school).where(SchoolClass.id == class_id)
        if school[0]["school"] != request.user.school_id:
            # Said as "no such code": a code of another school reveals nothing about it.
            raise NotFoundException(
                detail="That join code does not match any class of your school. "
                "Ask your teacher for the current code."
            )
        async with write_transaction(Enrolment._meta.db):
            if await Enrolment.exists().where(
                (Enrolment.school_class == class_id) & (Enrolment.student == request.user.id)
            ):
                raise ClientException(status_code=409, detail="You are already in this class.")
            touched = await enrol(request.user.id, class_id)
        if touched:
            await poke(channels, touched)
        rows = await SchoolClass.select(*_COLUMNS).where(SchoolClass.id == class_id)
        return _summary(rows[0], with_code=False)
