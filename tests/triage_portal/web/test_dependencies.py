"""Dependencies run one way: assessments -> usecases -> triage_portal."""

import ast
from pathlib import Path

import triage_portal

ABOVE = ("usecases", "assessments")


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_triage_portal_imports_nothing_from_the_apps_above_it():
    root = Path(triage_portal.__file__).parent
    offending = sorted(
        f"{path.relative_to(root.parent)}: {module}"
        for path in root.rglob("*.py")
        if "migrations" not in path.parts
        for module in imported_modules(path)
        if module.split(".")[0] in ABOVE
    )

    assert offending == []
