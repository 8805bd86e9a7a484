"""The shape of the package: rooms that say what they hold (docs/development.md).

A thin command layer over a plain library: no library message names a command or a flag (the
CLI adds those, from `about=` and `see=`); no module grows past what a reader takes in at once;
the package's top level stays a short list.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from helpers import ROOT

PACKAGE = ROOT / "syria_timeline"
MODULES = sorted(PACKAGE.rglob("*.py"))
# `timeline list`, `--year`: what only the command layer may say to a user.
COMMAND_WORDS = re.compile(r"`timeline \w+|(?<![\w-])--[a-z][a-z-]+")


def _strings(path: Path) -> list[tuple[int, str]]:
    """The string literals of a module that are not docstrings: what it may say to a user."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    documented = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, documented) and node.body
                  and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings]


def test_library_messages_never_name_a_command_or_a_flag() -> None:
    library = [p for p in MODULES if "cli" not in p.relative_to(PACKAGE).parts
               and p.name != "entry.py"]
    named = [f"{p.relative_to(ROOT)}:{line}: {text[:60]!r}" for p in library
             for line, text in _strings(p) if COMMAND_WORDS.search(text)]
    assert named == []


def test_no_module_is_over_450_lines() -> None:
    long = {str(p.relative_to(ROOT)): n for p in MODULES
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450}
    assert long == {}


def test_at_most_16_modules_at_the_top_level() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 16, top
