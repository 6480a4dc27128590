"""The OpenAPI document: what Litestar derives from the routes, plus every mutation's arguments.

A push carries each mutation's arguments as a plain object that the server decodes by mutation
name, one at a time, so one malformed mutation is refused alone. The routes alone would leave
those objects undescribed; here their schemas come from the same msgspec Structs that decode
them, and `MutationArgs` maps each mutation name to its arguments, so clients generate exact
types from the one definition (the PWA's `src/api/schema.d.ts`).
"""

from __future__ import annotations

import re
from typing import Any, Final

import msgspec
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.openapi.spec import OpenAPIType, Reference, Schema

from sync.kinds import FIELDS_OF_KIND
from sync.mutations import MUTATION_ARGS

REF_TEMPLATE: Final = "#/components/schemas/{name}"
MUTATION_ARGS_SCHEMA: Final = "MutationArgs"
RECORD_FIELDS_SCHEMA: Final = "RecordFields"


def _snake(key: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", key).lower()


def _convert(node: Any) -> Any:
    """A JSON Schema value (as msgspec writes it) as Litestar's OpenAPI objects."""
    if isinstance(node, list):
        return [_convert(item) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        return Reference(ref=node["$ref"])
    values: dict[str, Any] = {}
    for key, value in node.items():
        if key == "type":
            values["type"] = OpenAPIType(value)
        elif key == "properties":
            values["properties"] = {name: _convert(v) for name, v in value.items()}
        elif key in ("default", "examples", "enum", "const", "required"):
            values[_snake(key)] = value
        else:
            values[_snake(key)] = _convert(value)
    return Schema(**values)


def mutation_schemas() -> dict[str, Schema]:
    """The argument schema of every mutation and the name-to-arguments map; the fields of every
    record kind (``sync.kinds``) and the kind-to-fields map a pulled change's ``fields`` follow."""
    _, found = msgspec.json.schema_components(
        [*MUTATION_ARGS.values(), *FIELDS_OF_KIND.values()], ref_template=REF_TEMPLATE
    )
    schemas: dict[str, Schema] = {name: _convert(s) for name, s in found.items()}
    schemas[RECORD_FIELDS_SCHEMA] = Schema(
        type=OpenAPIType.OBJECT,
        description=(
            "The fields of each record kind, by kind: what a pulled change's `fields` hold. "
            "A tombstone has none; a parent's copy of a private time entry has no category, "
            "note or goal link."
        ),
        properties={
            kind: Reference(ref=REF_TEMPLATE.format(name=fields.__name__))
            for kind, fields in FIELDS_OF_KIND.items()
        },
        required=list(FIELDS_OF_KIND),
    )
    schemas[MUTATION_ARGS_SCHEMA] = Schema(
        type=OpenAPIType.OBJECT,
        description="The arguments of each mutation, by mutation name.",
        properties={
            name: Reference(ref=REF_TEMPLATE.format(name=args.__name__))
            for name, args in MUTATION_ARGS.items()
        },
        required=list(MUTATION_ARGS),
    )
    return schemas


def openapi_config() -> OpenAPIConfig:
    """The document at /schema/openapi.json (and /schema), with no browsable page.

    A browsable page would run a documentation viewer's scripts on the app's own origin, with
    the visitor's session; the JSON document opens in any OpenAPI viewer instead.
    """
    return OpenAPIConfig(
        title="Waypoint",
        version="1",
        description="Offline-first student companion API.",
        path="/schema",
        render_plugins=[JsonRenderPlugin(path=["/", "/openapi.json"])],
    )
