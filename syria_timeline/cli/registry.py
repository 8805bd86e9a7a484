"""Where every command module adds its commands, and the command class they share."""

from typing import Any

import typer
from typer.core import TyperCommand

commands = typer.Typer()


class TimelineCommand(TyperCommand):
    """A command whose usage line reads `NAME`, `ID`, `PATH`: no braces around arguments."""

    def get_help(self, ctx: Any) -> str:
        from syria_timeline.cli.console import for_stdout, in_language  # as tables are shown

        in_language(self, ctx)
        return for_stdout(super().get_help(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        from syria_timeline.cli.console import usage_prefix

        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix=usage_prefix())

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [piece.replace("{", "").replace("}", "") for piece in
                super().collect_usage_pieces(ctx)]
