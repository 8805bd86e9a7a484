"""The README cannot drift from the tool: commands, options and the set-up lines."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from exports import ACLED_COLUMNS, ACLED_ROWS, UCDP_COLUMNS, UCDP_ROWS, export_text
from helpers import ROOT, bundled, event

from syria_timeline.cli.app import app

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
    assert names == ["list", "city", "summary", "show", "places", "actors", "validate", "extract",
                     "merge", "import", "schema", "map"]
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


def readme_examples() -> list[tuple[str, str]]:
    """($ command, the output shown under it) for every example in the README's console blocks."""
    examples = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, output.rstrip("\n") + "\n"))
    return examples


def write_readme_store(folder: Path) -> None:
    """The broken store of the README's `validate` example."""
    document = bundled()
    for source in document["sources"]:
        source.pop("file")
    event(document, "2016-10-dabiq")["place"] = "dabik"
    event(document, "2016-08-manbij")["date"] = "2016-08-31"
    event(document, "2017-02-al-bab")["victor"] = "turkey"
    (folder / "my-store.json").write_text(json.dumps(document, ensure_ascii=False), "utf-8")


def prepare_imports(folder: Path, command: str) -> None:
    """The README's import examples run in a folder of their own, the stores they query made."""
    shutil.copytree(ROOT / "docs" / "examples", folder / "docs" / "examples")
    for dataset, export in (("ucdp", "ged"), ("acled", "acled")):
        if f"--data {export}/store.json" in command:
            subprocess.run([sys.executable, "-m", "syria_timeline", "import", dataset,
                            f"docs/examples/{export}-example.csv", "-o", f"{export}/store.json",
                            "--published", "2025-06-30"], cwd=folder, check=True,
                           capture_output=True, timeout=60)


def test_the_example_exports_are_the_tests_rows() -> None:
    assert (ROOT / "docs" / "examples" / "acled-example.csv").read_text(encoding="utf-8") == \
        export_text(ACLED_COLUMNS, ACLED_ROWS)
    assert (ROOT / "docs" / "examples" / "ged-example.csv").read_text(encoding="utf-8") == \
        export_text(UCDP_COLUMNS, UCDP_ROWS)


@pytest.mark.parametrize(("command", "shown"), readme_examples(), ids=lambda v: v[:40])
def test_readme_examples_show_what_the_tool_prints(command: str, shown: str,
                                                   tmp_path: Path) -> None:
    cwd = ROOT
    if "my-store.json" in command:
        write_readme_store(tmp_path)
        cwd = tmp_path
    if "docs/examples" in command or "/store.json" in command:
        prepare_imports(tmp_path, command)
        cwd = tmp_path
    if "jq" in command and shutil.which("jq") is None:
        pytest.skip("needs jq")
    script = f'timeline() {{ "{sys.executable}" -m syria_timeline "$@"; }}\n{command}'
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    result = subprocess.run(["bash", "-c", script], capture_output=True, cwd=cwd, timeout=60,
                            env={**env, "COLUMNS": "100"})
    assert (result.stdout + result.stderr).decode("utf-8") == shown


def test_the_cli_reference_is_what_cog_would_write() -> None:
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "docs/cli.md"],
                            capture_output=True, cwd=ROOT, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
