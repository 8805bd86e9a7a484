"""The options several commands share, declared once, and the choices they take."""

from enum import Enum
from typing import Annotated

import typer

from syria_timeline.model import EVENT_TYPES

# No `from __future__ import annotations` in the cli package: Typer would evaluate every
# option's annotation string at each start (get_type_hints), 8 ms of it on `list`.


class Sort(str, Enum):
    date = "date"
    newest = "-date"


class SummaryKey(str, Enum):
    year = "year"
    month = "month"
    place = "place"
    actor = "actor"
    type = "type"


class Lang(str, Enum):
    ar = "ar"
    en = "en"


# Options shared by several commands, declared once.
YearOpt = Annotated[list[str] | None, typer.Option(
    "--year", "-y", metavar="YEAR",
    help="Keep events in this year (repeatable); Arabic digits work: ٢٠١٧.")]
FromOpt = Annotated[str | None, typer.Option(
    "--from", metavar="DATE",
    help="Keep events whose period reaches this date or later: 2016-08-15, 2016-08, "
    "آب 2016, ١٥ اغسطس ٢٠١٦. A month or year means its first day.")]
ToOpt = Annotated[str | None, typer.Option(
    "--to", metavar="DATE",
    help="Keep events whose period starts by this date: a month or year covers all of it.")]
PlaceOpt = Annotated[list[str] | None, typer.Option(
    "--place", "-p", metavar="NAME",
    help="Keep events at this place, or in this province (repeatable); any spelling: "
    "الرقة, Raqqa, ar-Raqqah.")]
ActorOpt = Annotated[list[str] | None, typer.Option(
    "--actor", "-a", metavar="NAME",
    help="Keep events naming this actor in any role: victor, loser, actor, target, backer, "
    "alongside a side, or source of figures (repeatable); any name or alias: قسد, SDF, داعش, "
    "regime.")]
VictorOpt = Annotated[list[str] | None, typer.Option(
    "--victor", metavar="NAME",
    help="Keep events where this actor took the place (repeatable).")]
LoserOpt = Annotated[list[str] | None, typer.Option(
    "--loser", metavar="NAME",
    help="Keep events where this actor lost the place (repeatable).")]
TextOpt = Annotated[str | None, typer.Option(
    "--text", "-s", metavar="WORDS",
    help="Keep events whose quote, summaries, place or actors contain every word, under any "
    "Arabic spelling: روسي finds الروسي; prefixes and plurals are ignored.")]
IdsOpt = Annotated[bool, typer.Option("--ids", help="Add a column with each event's id.")]
ExcelOpt = Annotated[bool, typer.Option(
    "--excel", help="CSV for Excel and LibreOffice: UTF-8 with BOM, CRLF, no cell read as a "
    "formula.")]
TypeOpt = Annotated[list[str] | None, typer.Option(
    "--type", "-t", metavar="TYPE",
    help=f"Keep events of this type (repeatable): {', '.join(EVENT_TYPES)}.")]
SortOpt = Annotated[Sort, typer.Option("--sort", help="date (oldest first) or -date.")]
LimitOpt = Annotated[int | None, typer.Option(
    "--limit", "-n", metavar="N", min=0, help="At most this many events, after sorting.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="One JSON array (UTF-8).")]
JsonlOpt = Annotated[bool, typer.Option("--jsonl", help="One JSON object per line.")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="CSV with a header row.")]
GeojsonOpt = Annotated[bool, typer.Option(
    "--geojson", help="A GeoJSON FeatureCollection of the events that have coordinates.")]
HijriOpt = Annotated[bool, typer.Option(
    "--hijri", help="Add the Umm al-Qura Hijri date (JSON gains `hijri`).")]
LangOpt = Annotated[Lang, typer.Option(
    "--lang", "-l", envvar="TIMELINE_LANG", case_sensitive=False,
    help="Language of headers, names and summaries: ar or en.")]
BidiOpt = Annotated[str | None, typer.Option(
    "--bidi", envvar="TIMELINE_BIDI", metavar="MODE", show_default=False,
    help="How Arabic is shown on a terminal, for tables, messages and help alike: auto (the "
    "default: chosen from what the terminal says about itself, inside tmux or screen from the "
    "terminal outside), app (the tool shapes and reorders: xterm, VTE, Alacritty), terminal "
    "(logical text for terminals that reorder by themselves: mlterm, Konsole), runs (each "
    "Arabic run turned back, for kitty), off (logical text). 1 and 0 mean app and off. Piped "
    "output is always off.")]
