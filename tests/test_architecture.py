"""The apps meet through selectors: a test that reads every module's imports.

DESIGN.md's rule, checked on the source (ast), not on a running process:

- a module of one app never imports another app's `models` or `validators` (an app inside
  another's folder, `practices.visits`, counts as an app of its own); it reads
  the other app through that app's `selectors` (the core, `coalition`, is the
  exception: every app builds on its models and shared validators);
- nothing imports modules by string (`importlib`, Django's `import_string`): an import
  is a line a reader and a linter can follow;
- the core's models import no app, and no model module imports `coalition.access`, so
  no import cycle can arise.

Imports under `if TYPE_CHECKING:` are left out: they name a type for an annotation and
never run. Migrations and tests are not walked. Every exception is listed below with its
reason, and an exception that is no longer needed fails too, so the list only shrinks.

Beside the imports: no module over 500 lines, the tests' own included (issue 12).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("coalition", "practices", "training", "surveys", "content")
# Apps that live inside another app's folder: an app of their own all the same.
NESTED_APPS = ("practices.visits",)
CORE = "coalition"
# The parts of an app that no other app may import (beside them: its selectors).
PRIVATE = ("models", "validators")

# (importing module, imported module) → why it may. The importing module covers its
# submodules too (`coalition.access` may become a package).
ALLOWED: dict[tuple[str, str], str] = {
    **{
        ("coalition.access", f"{app}.models"): (
            "access is the one door for scoping (DESIGN.md): its visible_* queries "
            "and can_* predicates are written on every app's models"
        )
        for app in ("practices", "practices.visits", "training", "content", "surveys")
    },
    # The demo package builds a region with rows of every app: it writes through the
    # services, but finds its own rows again by their natural keys (idempotence) and
    # writes history the services refuse (past dates) with full_clean.
    **{
        ("coalition.demo", f"{app}.models"): (
            "the demo region reads and writes every app's rows (issue 12, item 9)"
        )
        for app in ("practices", "practices.visits", "training", "content", "surveys")
    },
}

# Modules that may import by string: none. (The issue allows the demo runner;
# coalition/demo/runner.py imports each app's step directly.)
STRING_IMPORTS_ALLOWED: dict[str, str] = {}
STRING_IMPORTERS = ("importlib", "django.utils.module_loading")


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # what it imports, dotted (module, or module.name for `from … import`)
    line: int

    @property
    def app(self) -> str:
        return _app_of(self.module)


def _app_of(dotted: str) -> str:
    """The app a dotted name belongs to: `practices.visits.views` → `practices.visits`."""
    for nested in NESTED_APPS:
        if dotted == nested or dotted.startswith(f"{nested}."):
            return nested
    return dotted.split(".")[0]


def _modules() -> Iterator[tuple[str, Path]]:
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if "migrations" in rel.parts:
                continue
            yield ".".join(rel.with_suffix("").parts).removesuffix(".__init__"), path


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(module: str, source: str, *, is_package: bool = False) -> Iterator[Import]:
    package = module if is_package else module.rpartition(".")[0]

    def walk(node: ast.AST) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for branch in child.orelse:
                    yield from walk_one(branch)
            else:
                yield from walk_one(child)

    def walk_one(node: ast.AST) -> Iterator[Import]:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(module, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = parts[: len(parts) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            yield Import(module, base, node.lineno)
            for alias in node.names:
                yield Import(module, f"{base}.{alias.name}", node.lineno)
        else:
            yield from walk(node)

    yield from walk_one(ast.parse(source))


def _all_imports() -> list[Import]:
    return [
        i
        for module, path in _modules()
        for i in _imports(
            module,
            path.read_text(encoding="utf-8"),
            is_package=path.name == "__init__.py",
        )
    ]


def _private_target(imp: Import) -> str | None:
    """The other app's private module this import reaches, e.g. `practices.models`."""
    other = _app_of(imp.target)
    if other.split(".")[0] not in APPS or other in (imp.app, CORE):
        return None
    parts = imp.target.removeprefix(other).split(".")[1:]
    if parts and parts[0] in PRIVATE:
        return f"{other}.{parts[0]}"
    return None


def _exception(key: tuple[str, str]) -> tuple[str, str] | None:
    module, target = key
    for allowed_module, allowed_target in ALLOWED:
        if target == allowed_target and (
            module == allowed_module or module.startswith(f"{allowed_module}.")
        ):
            return (allowed_module, allowed_target)
    return None


WALK_SAMPLE = """
from typing import TYPE_CHECKING
import importlib
from practices.models import Practice
from . import selectors
from ..models import Session

if TYPE_CHECKING:
    from surveys.models import Response
else:
    from content import models

def f():
    from coalition.models import Vendor

class C:
    class Meta:
        from training import validators
"""


def test_the_walk_sees_the_imports_it_must_judge():
    """The checks are only as good as the walk: it finds imports at the top, in
    functions and class bodies, resolves relative ones, and skips TYPE_CHECKING."""
    found = {(i.target, i.line) for i in _imports("training.sub.mod", WALK_SAMPLE)}
    assert ("importlib", 3) in found
    assert ("practices.models.Practice", 4) in found
    assert ("training.sub.selectors", 5) in found
    assert ("training.models.Session", 6) in found
    assert ("content.models", 11) in found
    assert ("coalition.models.Vendor", 14) in found
    assert ("training.validators", 18) in found
    assert not any(t.startswith("surveys") for t, _ in found)
    private = {_private_target(i) for i in _imports("surveys.sub.mod", WALK_SAMPLE)} - {
        None
    }
    # the core's models are everyone's; another app's models and validators are not
    assert private == {"practices.models", "content.models", "training.validators"}
    # an app inside another's folder is an app of its own, both ways
    nested = {
        (module, target): _private_target(Import(module, target, 1))
        for module, target in (
            ("practices.visits.views", "practices.models.Practice"),
            ("practices.views", "practices.visits.models.Visit"),
            ("practices.visits.views", "practices.visits.models.Visit"),
            ("practices.visits.views", "practices.visits.selectors"),
            ("coalition.access", "practices.visits.models"),
        )
    }
    assert list(nested.values()) == [
        "practices.models",
        "practices.visits.models",
        None,
        None,
        "practices.visits.models",
    ]
    # the real tree: the walk reaches every app's modules
    assert len({i.module for i in _all_imports()}) > 100


def test_no_app_imports_another_apps_models_or_validators():
    found: dict[tuple[str, str], list[str]] = {}
    for imp in _all_imports():
        target = _private_target(imp)
        if target:
            found.setdefault((imp.module, target), []).append(
                f"{imp.module}:{imp.line} imports {imp.target}"
            )
    wrong = [
        line
        for key, lines in sorted(found.items())
        if _exception(key) is None
        for line in lines
    ]
    assert not wrong, (
        "Read another app through its selectors.py, not its models or validators:\n"
        + "\n".join(wrong)
    )
    used = {_exception(key) for key in found}
    stale = sorted(set(ALLOWED) - used)
    assert not stale, f"Exceptions no longer needed, remove them: {stale}"


def test_nothing_imports_by_string():
    found: dict[str, list[str]] = {}
    for imp in _all_imports():
        if any(
            imp.target == name or imp.target.startswith(f"{name}.")
            for name in STRING_IMPORTERS
        ):
            found.setdefault(imp.module, []).append(f"{imp.module}:{imp.line}")
    wrong = [
        line
        for module, lines in found.items()
        if module not in STRING_IMPORTS_ALLOWED
        for line in lines
    ]
    assert not wrong, "Import modules by name, not by string:\n" + "\n".join(wrong)
    stale = sorted(set(STRING_IMPORTS_ALLOWED) - set(found))
    assert not stale, f"Exceptions no longer needed, remove them: {stale}"


def test_the_core_models_import_no_app_and_no_model_imports_access():
    imports = _all_imports()
    core_models = [
        f"{i.module}:{i.line} imports {i.target}"
        for i in imports
        if i.module.startswith(("coalition.models", "coalition.models_audit"))
        and i.target.split(".")[0] in APPS
        and i.target.split(".")[0] != CORE
    ]
    assert not core_models, core_models
    model_modules = [
        f"{i.module}:{i.line}"
        for i in imports
        if (
            i.module.split(".")[1:2] == ["models"] or i.module.endswith(".models_audit")
        )
        and (i.target == "coalition.access" or i.target.startswith("coalition.access."))
    ]
    assert not model_modules, model_modules


# What an app registers (menu items, cards) lives in its `hooks.py`, so a reader finds
# every app's contributions under one name. module → why it may register elsewhere.
REGISTERS_ELSEWHERE: dict[str, str] = {}
REGISTRIES = {"nav", "navigation", "panels"}


def _registrations(source: str) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "register"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in REGISTRIES
    ]


def test_apps_register_menu_items_and_cards_in_their_hooks_module():
    found = {
        module: lines
        for module, path in _modules()
        if (lines := _registrations(path.read_text(encoding="utf-8")))
    }
    assert "training.hooks" in found and "practices.visits.hooks" in found
    wrong = [
        f"{module}:{lines}"
        for module, lines in sorted(found.items())
        if module.rpartition(".")[2] != "hooks" and module not in REGISTERS_ELSEWHERE
    ]
    assert not wrong, "Register menu items and cards in the app's hooks.py: " + str(
        wrong
    )
    stale = sorted(set(REGISTERS_ELSEWHERE) - set(found))
    assert not stale, f"Exceptions no longer needed, remove them: {stale}"


# Issue 12: a module stays under 500 lines; a larger one becomes a package with a module
# per area (README, "Layout"). Tests and scripts too; migrations (generated) and the demo
# (one region's data, read top to bottom) are left out.
MAX_LINES = 500


def _modules_kept_short() -> Iterator[Path]:
    for top in (*APPS, "tests", "scripts"):
        for path in sorted((ROOT / top).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if "migrations" in rel.parts or rel.parts[:2] == ("coalition", "demo"):
                continue
            yield path
    yield from sorted(ROOT.glob("*.py"))


def test_no_module_is_over_500_lines():
    walked = {p.relative_to(ROOT).as_posix(): p for p in _modules_kept_short()}
    # the walk sees the tests and the top level, and leaves the demo out
    assert {"tests/test_architecture.py", "manage.py"} <= set(walked)
    assert not any(rel.startswith("coalition/demo/") for rel in walked)
    long = {
        rel: n
        for rel, path in walked.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"Modules over {MAX_LINES} lines, split them by area: {long}"
