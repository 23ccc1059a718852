"""The code's shape: modules stay small, and the layers hold (lint-imports checks them in lint)."""

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
