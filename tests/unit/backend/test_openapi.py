"""The OpenAPI document describes every mutation's arguments exactly as the server decodes them."""

from __future__ import annotations

from typing import Any

import msgspec
import pytest

from backend.app import create_app
from backend.openapi import MUTATION_ARGS_SCHEMA, REF_TEMPLATE
from backend.settings import load_settings
from sync.mutations import MUTATION_ARGS


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    # Warnings are errors in the tests, so this also fails on any deprecation the app's
    # routes raise while it is built.
    settings = load_settings({"WAYPOINT_DATA_DIR": str(tmp_path_factory.mktemp("data"))})
    document = create_app(settings).openapi_schema.to_schema()
    found: dict[str, Any] = document["components"]["schemas"]
    return found


def _without_null_defaults(node: Any) -> Any:
    """JSON Schema with `"default": null` dropped (the OpenAPI writer omits null values)."""
    if isinstance(node, list):
        return [_without_null_defaults(item) for item in node]
    if isinstance(node, dict):
        return {
            key: _without_null_defaults(value)
            for key, value in node.items()
            if not (key == "default" and value is None)
        }
    return node


def test_every_mutation_name_maps_to_its_arguments(schemas: dict[str, Any]) -> None:
    by_name = schemas[MUTATION_ARGS_SCHEMA]
    assert sorted(by_name["required"]) == sorted(MUTATION_ARGS)
    for name, args in MUTATION_ARGS.items():
        ref = by_name["properties"][name]["$ref"]
        assert ref == REF_TEMPLATE.format(name=args.__name__)
        assert args.__name__ in schemas, f"{ref} does not resolve"


def test_argument_schemas_are_the_decoders_own(schemas: dict[str, Any]) -> None:
    _, expected = msgspec.json.schema_components(MUTATION_ARGS.values(), ref_template=REF_TEMPLATE)
    for name, schema in expected.items():
        assert schemas[name] == _without_null_defaults(schema), name


def test_route_schemas_are_kept_beside_them(schemas: dict[str, Any]) -> None:
    # The push body itself still comes from the routes.
    assert "PushRequest" in schemas
    assert "Mutation" in schemas
