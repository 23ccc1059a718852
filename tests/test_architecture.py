"""The code's shape: modules stay small, and the layers hold (lint-imports checks them in lint)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 450
# Application code; tests and the vendored/virtual-env trees are not modules of the product.
SKIPPED = {"tests", ".venv", "var", "static", "node_modules", "locale", "docs", "templates"}


def _modules() -> list[Path]:
    return [
        path
        for path in ROOT.rglob("*.py")
        if not ({*path.relative_to(ROOT).parts[:-1]} & (SKIPPED | {"migrations"}))
        and not path.relative_to(ROOT).parts[0].startswith(".")
    ]


def test_no_module_outside_migrations_is_over_450_lines() -> None:
    modules = _modules()
    assert len(modules) > 100  # the walk found the apps
    long = {
        str(path.relative_to(ROOT)): n
        for path in modules
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these by responsibility: {long}"


# --- Lists of people sort through one helper -------------------------------------------------


def _person_name(value: object) -> bool:
    from core.names import PERSON_NAME_FIELDS

    if not isinstance(value, str):
        return False
    return value.lstrip("-").rsplit("__", 1)[-1] in PERSON_NAME_FIELDS


HELPERS = {"Norwegian", "person_order", "name_order", "user_order", "PersonOrderingFilter"}


def _bypasses(tree: ast.AST) -> list[tuple[int, str]]:
    # Names handed to the helpers themselves are how it should be done.
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in HELPERS:
            for arg in ast.walk(node):
                if isinstance(arg, ast.Constant):
                    arg.value = None
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "order_by":
                found += [
                    (node.lineno, arg.value)
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and _person_name(arg.value)
                ]
            if name == "OrderingFilter":  # django-filter's own: core.filters.PersonOrderingFilter
                found += [
                    (node.lineno, c.value)
                    for c in ast.walk(node)
                    if isinstance(c, ast.Constant) and _person_name(c.value)
                ]
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "ordering" for t in node.targets
        ):
            found += [
                (node.lineno, c.value)
                for c in ast.walk(node.value)
                if isinstance(c, ast.Constant) and _person_name(c.value)
            ]
    return found


def test_every_order_by_a_persons_name_uses_the_norwegian_helper() -> None:
    """A list sorted by a person's name sorts through core.names.person_order (or a helper built
    on it: candidates.selectors.name_order, core.names.user_order), which collates in Norwegian
    on PostgreSQL; a plain ``order_by("family_name")`` puts Ø before O there."""
    offenders = []
    for path in _modules():
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {"bench"} or relative == Path("core/names.py"):
            continue
        for line, value in _bypasses(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{relative}:{line} {value}")
    assert offenders == []


def test_the_scan_finds_a_plain_order_by_a_name() -> None:
    source = 'qs.order_by("candidate__family_name")\nclass Meta:\n    ordering = ["last_name"]\n'
    assert [value for _, value in _bypasses(ast.parse(source))] == [
        "candidate__family_name",
        "last_name",
    ]
