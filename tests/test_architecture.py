"""The package's layout rules, checked on its source: one concept per module, no private reach-ins.

These read ``analysis/`` as text (the AST), so a change that breaks a rule fails here with the file and
line, whoever makes it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "analysis"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if ".venv" not in p.parts)
MAX_LINES = 470  # "no module over ~450 lines" (about: within 5 %)
# Private-by-design modules and the one module allowed to import them.
PRIVATE_MODULE_OWNERS = {"_textblob_fast": "sentiment", "_vader_fast": "sentiment"}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _target(node: ast.ImportFrom, here: str) -> str:
    """The absolute module an ``ImportFrom`` reads from."""
    if node.level == 0:
        return node.module or ""
    base = here.split(".")[: -node.level]
    return ".".join(base + ([node.module] if node.module else []))


def private_reach_ins(path: Path, here: str | None = None) -> list[str]:
    """Every import of a private name from another module of the package, and every ``module._name``.

    >>> private_reach_ins(PACKAGE / "__init__.py")
    []
    """
    here = here or _module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found, aliases = [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _target(node, here)
            if not source.startswith("analysis"):
                continue
            last = source.rsplit(".", 1)[-1]
            if _private(last) and PRIVATE_MODULE_OWNERS.get(last) != here.rsplit(".", 1)[-1]:
                found.append(f"{path.name}:{node.lineno} imports private module {source}")
            for alias in node.names:
                if _private(alias.name) and alias.name not in PRIVATE_MODULE_OWNERS:
                    found.append(f"{path.name}:{node.lineno} imports {source}.{alias.name}")
                aliases[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("analysis"):
                    aliases[alias.asname or alias.name.split(".")[0]] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases
                and _private(node.attr)):
            found.append(f"{path.name}:{node.lineno} reaches into {aliases[node.value.id]}.{node.attr}")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_name_is_imported_across_modules(path):
    assert private_reach_ins(path) == []


def test_the_check_finds_a_private_reach_in(tmp_path):
    bad = tmp_path / "probe.py"
    bad.write_text("from .tokens import _memo\nfrom . import tokens\ntokens._memo.clear()\nfrom ._vader_fast import x\n",
                   encoding="utf-8")
    assert private_reach_ins(bad, "analysis.probe") == [
        "probe.py:1 imports analysis.tokens._memo", "probe.py:4 imports private module analysis._vader_fast",
        "probe.py:3 reaches into analysis.tokens._memo"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_about_450_lines(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(PACKAGE)} has {lines} lines: split it by concept"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_assert_as_a_runtime_guard(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    asserts = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Assert)]
    assert asserts == [], f"{path.name}: assert at lines {asserts} (python -O removes it; raise instead)"


TESTS = Path(__file__).resolve().parent
#: Modules tested end to end rather than in a file of their own.
TESTED_ELSEWHERE = {"__main__": "the command line runs in tests/test_report.py and tests/test_any_set.py"}


def test_tests_mirror_the_package():
    """Each module ``analysis/X.py`` has ``tests/test_X.py``; a sub-package has one file (``test_plots.py``)."""
    wanted = set()
    for path in MODULES:
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = parts[0] if len(parts) > 1 else parts[0].strip("_")
        if parts[-1] not in TESTED_ELSEWHERE:
            wanted.add("init" if name == "init" else name)
    missing = sorted(name for name in wanted if not (TESTS / f"test_{name}.py").is_file())
    assert missing == [], f"modules without their test file: {missing}"
