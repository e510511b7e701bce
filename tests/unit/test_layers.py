"""The layers hold: rules, exports, importers and domain import nothing above them, and a
pure rule, export or parser loads no database library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "rosterapp"
# Each lower layer, and the packages it must never import.
FORBIDDEN = {
    # domain is the bottom: it imports nothing of the app's but itself.
    "domain": (
        "rosterapp.services",
        "rosterapp.storage",
        "rosterapp.rules",
        "rosterapp.solver",
        "rosterapp.exports",
        "rosterapp.importers",
        "rosterapp.cli",
        "rosterapp.ui",
    ),
    "rules": ("rosterapp.services", "rosterapp.storage", "rosterapp.exports", "rosterapp.ui"),
    "solver": ("rosterapp.services", "rosterapp.storage", "rosterapp.exports", "rosterapp.ui"),
    "exports": ("rosterapp.services", "rosterapp.storage", "rosterapp.rules", "rosterapp.ui"),
    "importers": ("rosterapp.services", "rosterapp.storage", "rosterapp.ui"),
}


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layers_import_nothing_above_them(layer: str) -> None:
    bad = [
        f"{path.relative_to(PACKAGE.parent)} imports {module}"
        for path in sorted((PACKAGE / layer).rglob("*.py"))
        for module in sorted(imported_modules(path))
        if module.startswith(FORBIDDEN[layer])
    ]
    assert not bad, "\n".join(bad)


def test_rules_solver_exports_and_parsers_load_no_database_library() -> None:
    code = (
        "import sys\n"
        "import rosterapp.rules.engine, rosterapp.exports.excel, rosterapp.exports.briefing\n"
        "import rosterapp.exports.roster_pdf, rosterapp.exports.ics\n"
        "import rosterapp.importers.members, rosterapp.importers.roster\n"
        "import rosterapp.domain.report, rosterapp.domain.cover, rosterapp.domain.policy\n"
        "import rosterapp.solver.search\n"
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'PySide6') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"


def test_no_qt_outside_the_window() -> None:
    bad = [
        f"{path.relative_to(PACKAGE.parent)} imports {module}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        for module in sorted(imported_modules(path))
        if module.split(".")[0] in ("PySide6", "shiboken6")
    ]
    assert not bad, "\n".join(bad)
