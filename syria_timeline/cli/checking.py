"""The commands that check and describe stores: validate, schema."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from syria_timeline.cli.console import progress_wanted, say, write, write_document
from syria_timeline.cli.registry import TimelineCommand, commands
from syria_timeline.errors import visible


@commands.command(cls=TimelineCommand)
def validate(
    path: Annotated[str, typer.Argument(metavar="PATH", help="A store file to check.")],
) -> None:
    """Check a store and print every problem, not only the first (exit 1 if any)."""
    from syria_timeline.cli.progress import for_store
    from syria_timeline.store.loading import validate_file

    terminal = sys.stderr is not None and sys.stderr.isatty()
    shown = for_store(Path(path), terminal) if progress_wanted() else None
    try:
        problems, summary_line = validate_file(Path(path), progress=shown)
    finally:
        if shown is not None:
            shown.close()
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {path}"
        say("\n".join([*problems, count]))
        raise typer.Exit(1)
    write(visible(summary_line) + "\n")


@commands.command(cls=TimelineCommand)
def schema() -> None:
    """Print the store's JSON Schema, for editors and for building a store of your own."""
    from syria_timeline.store.schema import schema_text

    write_document(schema_text())
