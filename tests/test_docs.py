"""The README cannot drift from the tool: commands, options and the set-up lines."""

from __future__ import annotations

import re

import typer.main
from conftest import ROOT

from syria_timeline.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMAND = typer.main.get_command(app)


def setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_exactly_two_one_line_setup_commands() -> None:
    install, tests = setup_commands()
    assert install.startswith("python3 -m venv .venv && ") and "timeline list" in install
    assert tests.startswith("python3 -m venv .venv && ") and "[test]" in tests
    assert tests.endswith("pytest")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert setup_commands()[1] in ci


def test_every_command_and_option_is_documented() -> None:
    assert isinstance(COMMAND, typer.main.TyperGroup)
    ctx = typer.Context(COMMAND)
    names = COMMAND.list_commands(ctx)
    assert names == ["list", "city", "summary", "show", "places", "actors", "validate", "schema"]
    undocumented = [f"`{name}`" for name in names if f"timeline {name}" not in README]
    for command in [COMMAND, *(COMMAND.get_command(ctx, n) for n in names)]:
        assert command is not None
        for param in command.params:
            for option in getattr(param, "opts", []) + getattr(param, "secondary_opts", []):
                if option.startswith("-") and f"`{option}" not in README \
                        and f"{option}`" not in README and f"{option}/" not in README:
                    undocumented.append(f"{command.name} {option}")
    assert undocumented == []


def test_environment_variables_are_documented() -> None:
    for name in ("TIMELINE_DATA", "TIMELINE_LANG", "TIMELINE_BIDI", "NO_COLOR"):
        assert name in README
