"""Honest help: whole summaries, plain metavars, and what each option really prints."""

from __future__ import annotations

import pytest
from helpers import invoke


def test_the_command_list_shows_every_summary_whole() -> None:
    help_text = invoke("--help", env={"COLUMNS": "80"}).stdout
    commands = help_text.split("Commands:\n", 1)[1]
    assert not any(line.endswith("...") for line in commands.splitlines())
    assert "Count events by year, month, place, actor (any role) or type; the\n" in commands
    assert "list filters apply." in commands


@pytest.mark.parametrize(("command", "usage"), [
    ("city", "Usage: root city [OPTIONS] NAME"), ("show", "Usage: root show [OPTIONS] ID"),
    ("validate", "Usage: root validate [OPTIONS] PATH"), ("list", "Usage: root list [OPTIONS]"),
])
def test_usage_lines_read_plain_metavars(command: str, usage: str) -> None:
    help_text = invoke(command, "--help").stdout
    assert help_text.splitlines()[0] == usage
    assert "{" not in help_text


def test_show_help_says_json_is_one_object() -> None:
    assert "The event as one JSON object." in invoke("show", "--help").stdout
