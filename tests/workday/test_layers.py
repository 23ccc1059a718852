"""workday is the top layer: it may import every app, and no app imports it (it would pull the
whole stack into the lower layers and make cycles)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOWER = (
    "core",
    "programs",
    "candidates",
    "placements",
    "mentors",
    "reports",
    "reminders",
    "history",
)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_lower_app_imports_workday() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for app in LOWER
        for path in (ROOT / app).rglob("*.py")
        if any(m == "workday" or m.startswith("workday.") for m in imported_modules(path))
    ]
    assert offenders == []


def test_the_domain_apps_own_what_is_due() -> None:
    """The reminder planner reads the domain apps' due selectors, not its own copies."""
    planning = imported_modules(ROOT / "reminders" / "planning.py")
    assert {"candidates.due", "mentors.due", "placements.selectors.due"} <= planning
