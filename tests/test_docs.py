"""The documentation cannot drift from the tool: commands, options, set-up lines, examples.

Every `console` block of the README and of `docs/` is run, command by command, in an empty
folder of its own (one per page, so a page's later examples see the files its earlier ones
wrote), exactly as a new user would type it; what each prints must be what the page shows.
`python tests/test_docs.py --update` rewrites the pages with what the tool prints now.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import typer.main
from helpers import ROOT

from syria_timeline.cli.app import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
# The pages a user reads; docs/cli.md is generated (test_the_cli_reference_is_what_cog_would_write).
PAGES = [ROOT / "README.md", *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "cli.md")]
DOCS = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)
COMMAND = typer.main.get_command(app)
# A command that feeds a file to the shell: `cat > x.csv <<'EOF'`, its lines, then `EOF`.
HEREDOC = re.compile(r"<<'(\w+)'$")


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


def test_the_readme_is_a_front_door() -> None:
    assert len(README.encode("utf-8")) <= 16 * 1024
    linked = set(re.findall(r"\]\(docs/([\w-]+\.md)\)", README))
    assert linked == {p.name for p in (ROOT / "docs").glob("*.md")}


def test_every_command_and_option_is_documented() -> None:
    assert isinstance(COMMAND, typer.main.TyperGroup)
    ctx = typer.Context(COMMAND)
    names = COMMAND.list_commands(ctx)
    assert names == ["list", "city", "summary", "show", "places", "actors", "validate", "extract",
                     "merge", "import", "schema", "map"]
    undocumented = [f"`{name}`" for name in names if f"timeline {name}" not in DOCS]
    for command in [COMMAND, *(COMMAND.get_command(ctx, n) for n in names)]:
        assert command is not None
        for param in command.params:
            for option in getattr(param, "opts", []) + getattr(param, "secondary_opts", []):
                if option.startswith("-") and f"`{option}" not in DOCS \
                        and f"{option}`" not in DOCS and f"{option}/" not in DOCS:
                    undocumented.append(f"{command.name} {option}")
    assert undocumented == []


def test_environment_variables_are_documented() -> None:
    for name in ("TIMELINE_DATA", "TIMELINE_LANG", "TIMELINE_BIDI", "NO_COLOR"):
        assert name in README


def examples(text: str) -> list[tuple[str, str]]:
    """(command, the output shown under it) for every example in a page's console blocks."""
    found = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        lines = block.splitlines()
        at = 0
        while at < len(lines):
            if not lines[at].startswith("$ "):
                raise AssertionError(f"output with no command before it: {lines[at]!r}")
            command, at = [lines[at][2:]], at + 1
            end = HEREDOC.search(command[0])
            if end:
                while lines[at] != end.group(1):
                    command.append(lines[at])
                    at += 1
                command.append(lines[at])
                at += 1
            output = []
            while at < len(lines) and not lines[at].startswith("$ "):
                output.append(lines[at])
                at += 1
            found.append(("\n".join(command), "".join(f"{line}\n" for line in output)))
    return found


def run_example(command: str, folder: Path) -> str:
    """What `command` prints (stdout and stderr) when typed in `folder`."""
    script = f'timeline() {{ "{sys.executable}" -m syria_timeline "$@"; }}\n{command}'
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    result = subprocess.run(["bash", "-c", script], capture_output=True, cwd=folder, timeout=60,
                            env={**env, "COLUMNS": "100", "PYTHONPATH": str(ROOT)})
    return (result.stdout + result.stderr).decode("utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_example_shows_what_the_tool_prints(page: Path, tmp_path: Path) -> None:
    text = page.read_text(encoding="utf-8")
    if "| jq" in text and shutil.which("jq") is None:
        pytest.skip("needs jq")
    for command, shown in examples(text):
        assert (command, run_example(command, tmp_path)) == (command, shown)


def test_a_page_without_examples_is_not_a_silent_pass() -> None:
    pages = [p.name for p in PAGES if examples(p.read_text(encoding="utf-8"))]
    assert pages == ["README.md", "building-stores.md", "commands.md"]


def test_the_cli_reference_is_what_cog_would_write() -> None:
    result = subprocess.run([sys.executable, "-m", "cogapp", "--check", "docs/cli.md"],
                            capture_output=True, cwd=ROOT, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()


def update(page: Path) -> None:
    """Rewrite a page's example outputs with what the tool prints now."""
    text = page.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as folder:
        for command, shown in examples(text):
            now = run_example(command, Path(folder))
            text = text.replace(f"$ {command}\n{shown}", f"$ {command}\n{now}", 1)
    page.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/test_docs.py --update   (rewrites the docs' example outputs)")
    for path in PAGES:
        update(path)


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = "".join(c for c in heading.strip().lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def test_every_link_between_the_pages_leads_somewhere() -> None:
    broken = []
    for page in PAGES:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if "://" in target:
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            if not linked.exists():
                broken.append(f"{page.name}: {target}")
            elif anchor and linked.suffix == ".md":
                headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), flags=re.M)
                if anchor not in {_anchor(h) for h in headings}:
                    broken.append(f"{page.name}: {target}")
    assert broken == []
