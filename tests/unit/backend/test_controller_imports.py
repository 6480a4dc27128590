"""Controllers translate HTTP to a service call and back: none of them imports a table module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[3] / "backend"

# Domains still being reworked elsewhere; each leaves this list once its controllers call a
# service module.
NOT_YET_MOVED = frozenset(
    {
        "notifications",  # controllers.py queries its tables directly
        "digests",  # controllers.py queries its tables directly
    }
)


def _controller_modules() -> list[Path]:
    """Every backend module that defines a Litestar ``Controller`` subclass."""
    found = []
    for path in sorted(BACKEND.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(
            isinstance(node, ast.ClassDef)
            and any(isinstance(base, ast.Name) and base.id == "Controller" for base in node.bases)
            for node in ast.walk(tree)
        ):
            found.append(path)
    return found


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _is_table_module(name: str) -> bool:
    return name == "tables" or name.endswith(".tables")


CONTROLLERS = _controller_modules()


def test_the_scan_finds_the_controllers() -> None:
    domains = {path.parent.name for path in CONTROLLERS}
    assert {"classes", "accounts", "students", "syncing"} <= domains


@pytest.mark.parametrize("path", CONTROLLERS, ids=lambda p: str(p.relative_to(BACKEND)))
def test_no_controller_imports_a_table_module(path: Path) -> None:
    if path.parent.name in NOT_YET_MOVED:
        pytest.skip(f"{path.parent.name} has not moved its queries into a service yet")
    tables = sorted(name for name in _imported_modules(path) if _is_table_module(name))
    assert not tables, f"{path.relative_to(BACKEND)} imports {tables}; query through its service"
