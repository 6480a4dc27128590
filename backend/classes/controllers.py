"""Classes: teachers create them and rotate join codes; students join with a code."""

from __future__ import annotations

from litestar import Controller, delete, get, post
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency
from litestar.exceptions import ClientException, NotFoundException, PermissionDeniedException
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.accounts.guards import allow
from backend.accounts.principal import AuthedRequest, Principal
from backend.accounts.roles import Role
from backend.audit.log import client_ip, record
from backend.classes import service
from backend.classes.codes import find_class_by_join_code
from backend.classes.schemas import ClassCreate, ClassSummary, JoinRequest, RosterEntry
from backend.deps import Services
from backend.syncing.pokes import poke, user_channel


async def _owned_class(user: Principal, class_id: int) -> ClassSummary:
    try:
        return await service.owned_class(user, class_id)
    except service.ClassNotFound as exc:
        raise NotFoundException(detail=str(exc)) from None


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
        try:
            return await service.create_class(request.user, request.user.school_id, data.name)
        except service.ClassNotFound as exc:
            raise NotFoundException(detail=str(exc)) from None

    @get("/")
    async def list_classes(self, request: AuthedRequest) -> list[ClassSummary]:
        """A teacher's own classes, a student's classes; a parent has none."""
        user = request.user
        if user.role is Role.TEACHER:
            return await service.classes_taught(user.id)
        if user.role is Role.STUDENT:
            return await service.classes_joined(user.id)
        return []

    @get("/{class_id:int}")
    async def get_class(self, request: AuthedRequest, class_id: FromPath[int]) -> ClassSummary:
        """One class: its teacher, or a student enrolled in it."""
        user = request.user
        if user.role is Role.TEACHER:
            return await _owned_class(user, class_id)
        if user.role is Role.STUDENT:
            joined = await service.joined_class(user.id, class_id)
            if joined is not None:
                return joined
        raise NotFoundException(detail=f"No class {class_id} that you belong to.")

    @get("/{class_id:int}/students", guards=[allow(Role.TEACHER)])
    async def roster(self, request: AuthedRequest, class_id: FromPath[int]) -> list[RosterEntry]:
        """The students enrolled in one of the teacher's classes."""
        try:
            return await service.roster(request.user, class_id)
        except service.ClassNotFound as exc:
            raise NotFoundException(detail=str(exc)) from None

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
        try:
            touched = await service.remove_student(request.user, class_id, student_id)
        except service.ClassNotFound as exc:
            raise NotFoundException(detail=str(exc)) from None
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
        try:
            await service.rotate_join_code(request.user, class_id)
        except service.ClassNotFound as exc:
            raise NotFoundException(detail=str(exc)) from None
        await record(
            "class.join_code_rotated",
            actor=request.user.id,
            ip=client_ip(request),
            class_id=class_id,
        )
        return await _owned_class(request.user, class_id)

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
        try:
            touched, joined = await service.join(request.user, class_id)
        except service.ClassNotFound as exc:
            raise NotFoundException(detail=str(exc)) from None
        except service.AlreadyEnrolled as exc:
            raise ClientException(status_code=409, detail=str(exc)) from None
        if touched:
            await poke(channels, touched)
        return joined
