"""The `timeline` command: options wired to the query layer and the output modules.

`TimelineGroup.main` is the one place where errors become a message on stderr and an exit
code: 0 success (empty results included), 1 not found, an unusable store or output that
cannot be written, 2 a usage error. The library's messages name no option or command;
the names are added here (`OPTION_NAMES`, `LISTED_BY`).
"""

import errno
import importlib
import os
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
import typer.main
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from syria_timeline import __version__
from syria_timeline.cli import console
from syria_timeline.cli.options import BidiOpt
from syria_timeline.cli.registry import commands
from syria_timeline.errors import INTERRUPTED, OutputError, TimelineError

# No `from __future__ import annotations` here: Typer would evaluate every option's annotation
# string at each start (get_type_hints), 8 ms of it on `list`.
if TYPE_CHECKING:  # the real imports wait for the commands that use them (start-up time)
    from syria_timeline.store.loading import Store

# The order of `timeline --help`: reading, then checking and building; new commands at the end.
# Each command, in the order of `timeline --help`, and the module of `cli/` that holds it: only
# the module of the command asked for is imported (start-up time; `--help` imports them all).
COMMAND_MODULES = {"list": "reading", "city": "reading", "summary": "reading",
                   "show": "reading", "places": "reading", "actors": "reading",
                   "validate": "checking", "extract": "building", "merge": "building",
                   "import": "building", "schema": "checking", "map": "mapping"}
_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EBADF, errno.EFBIG}
# What the library calls a parameter -> the option a user typed it in.
OPTION_NAMES = {"output": "--output", "years": "--year", "start": "--from", "end": "--to",
                "range": "--from/--to", "text": "--text"}
# What lists the accepted values, for messages that could suggest none.
LISTED_BY = {"force": "; give --force to replace it",
             "skip-bad": "; give --skip-bad to leave such rows out and list them",
             "import acled": ": `timeline import acled`",
             "import ucdp": ": `timeline import ucdp`",
             "places": "; `timeline places` lists them all",
             "actors": "; `timeline actors` lists them all",
             "ids": "; `timeline list --ids` shows the ids",
             "problems": " (`timeline validate FILE` lists them all)"}


class TimelineGroup(TyperGroup):
    """The top-level command: builds only the subcommand asked for, and reports errors."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        # Typer builds every command's options at each start (3 ms of a 60 ms start-up);
        # built on demand, a run builds one (click's "lazily loading subcommands").
        if cmd_name not in COMMAND_MODULES:
            return None
        importlib.import_module(f"syria_timeline.cli.{COMMAND_MODULES[cmd_name]}")
        for info in commands.registered_commands:
            if _command_name(info) == cmd_name:
                command = typer.main.get_command_from_info(
                    info, pretty_exceptions_short=True, rich_markup_mode=None)
                # The command list shows each summary whole, not cut at 45 characters.
                command.short_help = (command.help or "").strip().split("\n")[0]
                if os.environ.get("_TIMELINE_COMPLETE"):  # the shell asks for completions
                    _complete_by_name(command)
                return command
        return None

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except ClickException as failure:
            console.click_failure(failure)

    def invoke(self, ctx: Any) -> Any:
        # From here on, Ctrl-C unwinds the command (every `finally` and clean-up runs: no
        # temporary file, no half-made folder stays), then the program ends as the entry
        # module's handler ends it during start-up: quietly, 130.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        try:
            return super().invoke(ctx)
        except ClickException as failure:
            console.click_failure(failure)
        except KeyboardInterrupt:
            _restore_terminal()
            os._exit(INTERRUPTED)
        except (TimelineError, typer.Exit):
            raise
        except Exception:
            # A store trusted on the word of its cache marker broke a query: check it again,
            # so the user gets its real problem instead of a traceback.
            store: Store | None = ctx.meta.get("store")
            error = store.recheck() if store is not None and store.trusted else None
            if error is None:
                raise
            raise error from None

    def get_help(self, ctx: Any) -> str:
        console.in_language(self, ctx)
        return console.for_stdout(super().get_help(ctx))

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)),
                              prefix=console.usage_prefix())

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except OSError as error:
            if error.errno not in _WRITE_ERRORS:
                raise
            # click's own output (--help) to a full disk or a closed descriptor
            self._fail(OutputError(f"cannot write the output: {error.strerror or error}"))
        except TimelineError as error:
            self._fail(error)
        except MemoryError:
            self._fail(TimelineError("not enough memory for this (the process's memory limit, "
                                     "`ulimit -v`, or the machine's); nothing was written"))

    @staticmethod
    def _fail(error: TimelineError) -> NoReturn:
        if isinstance(error, OutputError):
            _discard_stdout()
        console.say(f"Error: {_message(error)}")
        sys.exit(error.exit_code)


def _complete_by_name(command: Any) -> None:
    """Give each parameter its completion values, by the parameter's name."""
    from syria_timeline.cli import completion

    for param in command.params:
        values = completion.BY_PARAMETER.get(param.name or "")
        if values is not None:
            # What click's `shell_complete=` sets: Typer's own `autocompletion=` drops every
            # value that does not start with what was typed, and رق must complete to الرقة.
            param._custom_shell_complete = completion.unfiltered(values)


def _command_name(info: Any) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__)


def _message(error: TimelineError) -> str:
    message = str(error)
    if error.about in OPTION_NAMES:
        message = f"{OPTION_NAMES[error.about]}: {message}"
    return message + LISTED_BY.get(error.see or "", "")


def _given(option: str, args: Sequence[str]) -> str | None:
    """The last value given for an option on the command line, before it is parsed."""
    value = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == option and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith(f"{option}="):
            value = arg.partition("=")[2]
    return value


def _discard_stdout() -> None:
    """After a failed write, let the interpreter's final flush go nowhere instead of failing."""
    stdout = sys.__stdout__
    if stdout is not None and sys.stdout is stdout:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())


app = typer.Typer(
    cls=TimelineGroup,
    help="The Islamic State group's defeats in Syria, 2014-2018, from a sourced AFP timeline.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        console.write(f"timeline {__version__}\n")
        raise typer.Exit()


@app.callback()
def _global(
    # A plain string: click's Path type would stat it first and fail on a NUL byte.
    data: Annotated[str | None, typer.Option(
        "--data", metavar="PATH", envvar="TIMELINE_DATA",
        help="Use this store instead of the bundled one.")] = None,
    version: Annotated[bool, typer.Option(
        "--version", "-V", callback=_version, is_eager=True, help="Print the version.")] = False,
    bidi: BidiOpt = None,
    lang: Annotated[str | None, typer.Option(
        "--lang", "-l", metavar="ar|en", show_default=False,
        help="Language of help and messages (and of tables, unless a command's own --lang "
        "says otherwise); else TIMELINE_LANG, else the locale (LANG=ar_*: Arabic).")] = None,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Show no progress on stderr: no bar, no lines, no running count "
        "(errors, warnings and each command's one-line result stay).")] = False,
) -> None:
    """Query the timeline: list, city, summary, show, places, actors; validate, schema."""
    console.ask_quiet(quiet)
    if lang is not None:
        console.ask_lang(lang)
    if bidi is not None and bidi != os.environ.get("TIMELINE_BIDI"):
        console.bidi_mode(bidi)  # TIMELINE_BIDI alone is checked where a table is drawn
        console.ask_bidi(bidi)



def main(argv: Sequence[str] | None = None) -> None:
    """Run the command line (the entry module has settled signals and encodings)."""
    args = released_flags(list(argv) if argv is not None else sys.argv[1:])
    # Errors in parsing the command line and help are shown by the `--bidi` it gives too.
    console.ask_bidi(_given("--bidi", args))
    from syria_timeline.output import i18n  # help, messages and errors in this language

    i18n.settle(i18n.language(_given("--lang", args) or _given("-l", args)))
    app(prog_name="timeline", args=args)


def released_flags(args: list[str]) -> list[str]:
    """Flags an earlier release documented, in the words this one reads (promises kept).

    1.0 had `--bidi/--no-bidi`, a switch: `--no-bidi` is now `--bidi off`, and a `--bidi`
    with no mode after it is `--bidi app`, what the switch turned on.
    """
    out: list[str] = []
    for at, arg in enumerate(args):
        if arg == "--":
            return out + args[at:]
        if arg == "--no-bidi":
            out += ["--bidi", "off"]
        elif arg == "--bidi" and (at + 1 == len(args) or args[at + 1].startswith("-")):
            out += ["--bidi", "app"]
        else:
            out.append(arg)
    return out


def _restore_terminal() -> None:
    """A terminal switched to explicit bidi for a table is switched back (Ctrl-C mid-write)."""
    people = sys.modules.get("syria_timeline.output.people")  # loaded only if it laid text out
    if people is not None:
        people.restore_now()
