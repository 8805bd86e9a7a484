"""Where every command module adds its commands, and the command class they share."""

from typing import Any

import typer
from typer.core import TyperCommand

commands = typer.Typer()


class TimelineCommand(TyperCommand):
    """A command whose usage line reads `NAME`, `ID`, `PATH`: no braces around arguments."""

    def get_help(self, ctx: Any) -> str:
        from syria_timeline.cli.console import for_stdout  # laid out as tables are

        return for_stdout(super().get_help(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [piece.replace("{", "").replace("}", "") for piece in
                super().collect_usage_pieces(ctx)]
