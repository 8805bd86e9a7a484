"""The commands that build stores: extract, merge, import."""

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from syria_timeline.cli.console import published_day, say, write_document
from syria_timeline.cli.registry import TimelineCommand, commands
from syria_timeline.errors import TimelineError

ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Replace files written before (never an input, a folder or a device).")]


@commands.command(cls=TimelineCommand)
def extract(
    article: Annotated[str, typer.Argument(metavar="ARTICLE", help="A UTF-8 text file.")],
    published: Annotated[str, typer.Option(
        "--published", metavar="DATE", help="The article's publication day, e.g. 2019-03-23.")],
    publisher: Annotated[str, typer.Option("--publisher", metavar="NAME")] = "unknown",
    title: Annotated[str | None, typer.Option("--title", metavar="TEXT")] = None,
    url: Annotated[str | None, typer.Option("--url", metavar="URL")] = None,
    out: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="PATH",
        help="Write the store here, and the article beside it under sources/ (so that its "
        "quotes can be checked); else print the store.")] = None,
    force: ForceOpt = False,
) -> None:
    """A draft store from an Arabic article of dated milestones: one event per dated statement."""
    from datetime import date

    from syria_timeline.extract.drafting import default_names, draft_store, read_article
    from syria_timeline.files import write_outputs
    from syria_timeline.output.documents import dumps

    path = Path(article)
    data, text = read_article(path)
    day = published_day(published, "2019-03-23")
    source = {"publisher": publisher, "title": title, "url": url,
              "file": f"sources/{path.name}" if out else None}
    document = draft_store(text, date.fromisoformat(day), source, default_names())
    events = document["events"]
    if not events:
        raise TimelineError(f"{article}: no dated statement found; the tool reads articles that "
                            "date their events (في 14 تشرين الأول/أكتوبر 2017، …)")
    if out:
        target, copy = Path(out), Path(out).parent / "sources" / path.name
        write_outputs({copy: data, target: dumps(document).encode("utf-8")}, inputs=[path],
                      force=force, unchanged_ok=[copy], input_words="the article itself")
    else:
        write_document(dumps(document))
    review = sum(1 for e in events if len(e["review"]) > 1)
    say(f"{len(events)} event{'s' if len(events) != 1 else ''}, {review} to review"
        + (f"; written to {out}" if out else ""))


@commands.command(cls=TimelineCommand)
def merge(
    stores: Annotated[list[str], typer.Argument(
        metavar="STORE", help="Stores to merge; the word `bundled` names the bundled one.")],
    out: Annotated[str, typer.Option("--output", "-o", metavar="PATH",
                                     help="The merged store; its folders are made.")],
    force: ForceOpt = False,
) -> None:
    """One store from several: the same places, actors and happenings told once, every quote kept."""
    from syria_timeline import merge as merging
    from syria_timeline.files import write_outputs
    from syria_timeline.output.documents import dumps

    target = Path(out)
    inputs = merging.load_inputs(stores)
    document, conflicts, texts = merging.merge(inputs)
    files = merging.source_files(texts, target.parent)
    read = [i.path for i in inputs] + list(texts.values())
    write_outputs({**files, target: dumps(document).encode("utf-8")}, inputs=read, force=force,
                  unchanged_ok=list(files), input_words="one of the stores to merge")
    for conflict in conflicts:
        say(f"Contradiction: {conflict}")
    several = sum(1 for e in document["events"] if e["other_sources"])
    say(f"{len(document['events'])} events from {len(inputs)} stores ({several} told by several "
        f"sources), {len(conflicts)} contradiction{'s' if len(conflicts) != 1 else ''}; "
        f"written to {out}")


class Dataset(str, Enum):
    acled = "acled"
    ucdp = "ucdp"


@commands.command("import", cls=TimelineCommand)
def import_dataset(
    dataset: Annotated[Dataset, typer.Argument(
        metavar="DATASET", help="acled or ucdp: whose export FILE is.")],
    export: Annotated[str, typer.Argument(metavar="FILE", help=(
        "The export as downloaded or as a spreadsheet saved it (UTF-8, Windows-1252 or "
        "Latin-1; commas or semicolons)."))],
    out: Annotated[str, typer.Option("--output", "-o", metavar="PATH", help=(
        "The store to write; the export is copied beside it under sources/, so that every "
        "quote can be checked."))],
    skip_bad: Annotated[bool, typer.Option(
        "--skip-bad", help="Leave out rows that cannot be read, and list them all.")] = False,
    report: Annotated[str | None, typer.Option("--report", metavar="FILE", help=(
        "Also write every skipped and flagged row there, one JSON object a line."))] = None,
    published: Annotated[str | None, typer.Option("--published", metavar="DATE", help=(
        "The export's day, e.g. 2025-06-30 (else the newest ACLED timestamp or UCDP "
        "date_end in it)."))] = None,
    force: ForceOpt = False,
) -> None:
    """A store from an ACLED or UCDP GED export: Arabic names, spans of days, every row's text."""
    from syria_timeline import gazetteer
    from syria_timeline.cli import importing
    from syria_timeline.files import FileProblem, check_output
    from syria_timeline.importers.known import ACLED_REMINDER, LAYOUTS
    from syria_timeline.importers.run import ImportProblem, import_export
    from syria_timeline.lexicon import known_actors
    from syria_timeline.store.loading import load

    path, target = Path(export), Path(out)
    day = published_day(published, "2025-06-30") if published is not None else None
    copy = target.parent / "sources" / path.name
    check_output(copy, [path], force, same=path, input_words="the export itself")
    check_output(target, [path], force, input_words="the export itself")
    if report is not None:
        check_output(Path(report), [path, target], force, input_words="an input or the store")
    layout = LAYOUTS[dataset.value]
    if layout.name == "acled":
        say(ACLED_REMINDER)
    progress = importing.progress_line(export, path)
    try:
        done = import_export(layout, path, target, skip_bad=skip_bad, published=day,
                             known_actors=known_actors(load().actors.values()),
                             gazetteer=gazetteer.places(), progress=progress)
    except (FileProblem, ImportProblem) as problem:
        raise TimelineError(f"{export}: {problem}", see=getattr(problem, "see", None)) from None
    finally:
        importing.end_progress(progress)
    importing.tell(export, out, done, report)
