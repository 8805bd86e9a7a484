"""One UCDP GED row made one event: official yearly files, candidate files, HDX copies.

The codes are read as the GED codebook defines them (facts): `date_start` and `date_end` are
the earliest and latest day the event can have taken place, and `date_prec` says how well
the day is known (1 the day, 2 within 2–6 days, 3 a week, 4 within 8–30 days or the month,
5 longer, up to the year). The event's span is exactly date_start..date_end: a month or a
year is written only when the span is that whole month or year. A row whose figures or codes
disagree (best outside low–high, a date_prec its dates contradict) is kept with a review note.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from syria_timeline.errors import quoted
from syria_timeline.importers.actors import Actors
from syria_timeline.importers.layouts import Layout, Row
from syria_timeline.importers.places import Places
from syria_timeline.importers.values import (
    BadRow,
    coded,
    coordinate,
    count,
    gazetteer_admin1,
    missing,
    plausible,
    read_day,
)

TYPES = {"1": ("clash", "state-based conflict"), "2": ("clash", "non-state conflict"),
         "3": ("attack", "one-sided violence")}
DATE_PRECISION = {"1": "the day", "2": "within 2 to 6 days", "3": "within a week",
                  "4": "within 8 to 30 days, or the month", "5": "within more than a month"}
WHERE_PRECISION = {"1": "exact", "2": "near", "3": "district", "4": "province",
                   "5": "region", "6": "country", "7": "border"}


def ucdp_event(row: Row, places: Places, actors: Actors) -> dict[str, Any]:
    start, end = _day(row, "date_start"), _day(row, "date_end")
    if end < start:
        raise BadRow(f"date_end {quoted(row['date_end'].strip())} is before date_start "
                     f"{quoted(row['date_start'].strip())}")
    violence = row["type_of_violence"].strip()
    if violence not in TYPES:
        raise BadRow(f"type_of_violence {quoted(violence, 20)}: expected 1, 2 or 3")
    kind, label = TYPES[violence]
    where = coded(row, "where_prec", WHERE_PRECISION, "1 to 7")
    lat, lon = (coordinate(row[c], c, limit) for c, limit in (("latitude", 90.0),
                                                                 ("longitude", 180.0)))
    name = row["where_coordinates"].strip() or row["adm_2"].strip() or row["adm_1"].strip() \
        or row["country"].strip()
    if not name:
        raise BadRow("where_coordinates, adm_2, adm_1 and country are all empty")
    place = places.place(name, lat, lon, gazetteer_admin1(row, "adm_1"), where)
    return {
        "id": "ucdp-" + row["id"].strip(), **_span(row, start, end), "type": kind,
        "place": place, "place_precision": where,
        "actor": actors.actor(row["side_a"]), "target": actors.actor(row["side_b"]),
        **_figures(row, actors),
        "coded_as": [t.strip() for t in (row["conflict_name"], row["dyad_name"], label)
                     if t.strip()],
        "_label": label,
    }


def _day(row: Row, column: str) -> date:
    text = row[column]
    found = read_day(text, column, row["year"] if column == "date_start" else "")
    plausible(found.day, column, text)
    if found.assumed:
        row.review.append(f"{column} {quoted(text.strip())}: {found.assumed}")
    return found.day


def _span(row: Row, start: date, end: date) -> dict[str, Any]:
    """The dates at exactly the span the row gives; date_prec only checked against it."""
    code = row["date_prec"].strip()
    days = (end - start).days + 1
    if code and code not in DATE_PRECISION:
        row.review.append(f"date_prec {quoted(code, 20)} is not 1 to 5: the dates are kept as "
                          f"the row gives them ({days} days)")
    elif code == "1" and days > 1:
        row.review.append(f"date_prec 1 (the day) but the dates span {days} days: the span "
                          "is kept")
    if days == 1:
        return {"date": start.isoformat(), "precision": "day"}
    if start.day == 1 and end == _month_end(start):
        return {"date": start.isoformat()[:7], "precision": "month"}
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return {"date": str(start.year), "precision": "year"}
    return {"date": start.isoformat(), "precision": "day", "end": end.isoformat()}


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _figures(row: Row, actors: Actors) -> dict[str, Any]:
    """best, low and high as the row gives them; an order they break is a review note, and
    the figures out of order are left out (the best estimate always stays). Who gave them is
    `source_original` (the codebook's original source: "SOHR", "Syrian army"), when it names an
    actor the lexicon knows; "police" or "local sources" are not made actors."""
    best, low, high = (count(row[c], c) for c in ("best", "low", "high"))
    civilians = count(row["deaths_civilians"], "deaths_civilians")
    teller = row["source_original"].strip()
    known = actors.known_id(teller) if teller and not missing(teller) else None
    figures = {"killed": best, "killed_low": low, "killed_high": high,
               "civilians_killed": civilians,
               "figures_source": actors.actor(teller) if known and best is not None else None}
    if best is not None and low is not None and low > best:
        row.review.append(f"low {low} is more than best {best}: low left out")
        figures["killed_low"] = None
    if best is not None and high is not None and high < best:
        row.review.append(f"high {high} is less than best {best}: high left out")
        figures["killed_high"] = None
    if best is not None and civilians is not None and civilians > best:
        row.review.append(f"deaths_civilians {civilians} is more than best {best}: left out")
        figures["civilians_killed"] = None
    return figures


def published_day(row: Row) -> str | None:
    """UCDP rows carry no timestamp: the export's day comes from its latest date_end."""
    text = row["date_end"].strip()[:10]
    return text if len(text) == 10 and text[4] == "-" else None


UCDP = Layout(
    name="ucdp", title="UCDP GED", export="a UCDP GED export",
    needed=("id", "type_of_violence", "side_a", "side_b", "latitude", "longitude",
            "date_start", "date_end", "best"),
    quote_columns=("source_headline", "source_article"),
    signature=("type_of_violence", "side_a", "side_b", "date_prec", "where_prec",
               "dyad_name", "conflict_name", "best", "source_article", "priogrid_gid"),
    home="https://ucdp.uu.se/downloads/",
    licence=("CC BY 4.0: UCDP Georeferenced Event Dataset (GED), Uppsala Conflict Data "
             "Program, ucdp.uu.se; cite Sundberg and Melander (2013), Journal of Peace "
             "Research 50(4)"),
    to_event=ucdp_event, published_day=published_day,
)
