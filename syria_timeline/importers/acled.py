"""One ACLED row made one event, in every layout ACLED has published since 1997.

The codes are read as ACLED's codebooks define them (facts): `time_precision` 1 is the day,
2 a week or weekend around the coded day, 3 only the month; `geo_precision` 1 the place, 2
near it, 3 the region. Nothing is made more precise than the row says. `assoc_actor_1` names
actors ACLED codes as associated with `actor1` (fighting with it, or identifying it), not
actors backing it: they are kept as the dataset's words about the first actor.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
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

# (event_type, sub_event_type) -> type; an event_type alone stands for its other sub-types.
TYPES = {
    ("Battles", "Government regains territory"): "capture",
    ("Battles", "Non-state actor overtakes territory"): "capture",
    ("Strategic developments", "Non-violent transfer of territory"): "capture",
    ("Battles", ""): "clash",
    ("Explosions/Remote violence", ""): "strike",
    ("Violence against civilians", ""): "attack",
    ("Protests", ""): "protest",
    ("Riots", ""): "protest",
    ("Strategic developments", ""): "other",
    # Before 2019 an event_type held what is now split in two (facts: ACLED codebooks 5–7).
    ("Battle-No change of territory", ""): "clash",
    ("Battle-Government regains territory", ""): "capture",
    ("Battle-Non-state actor overtakes territory", ""): "capture",
    ("Non-violent transfer of territory", ""): "capture",
    ("Remote violence", ""): "strike",
    ("Riots/Protests", ""): "protest",
    ("Strategic development", ""): "other",
    ("Battle-Non-state actors overtake territory", ""): "capture",
    ("Headquarters or base established", ""): "other",
}
_TYPES = {(a.lower(), b.lower()): kind for (a, b), kind in TYPES.items()}
TIME_PRECISION = {"1": "the day", "2": "a week or weekend around the coded day",
                  "3": "only the month"}
GEO_PRECISION = {"1": "exact", "2": "near", "3": "region"}


def acled_event(row: Row, places: Places, actors: Actors) -> dict[str, Any]:
    day = _date(row)
    kind = _type(row)
    where = coded(row, "geo_precision", GEO_PRECISION, f"one of {', '.join(GEO_PRECISION)}")
    lat, lon = (coordinate(row[c], c, limit) for c, limit in (("latitude", 90.0),
                                                                 ("longitude", 180.0)))
    location = row["location"].strip() or row["admin2"].strip() or row["admin1"].strip()
    if not location:
        raise BadRow("location is empty")
    place = places.place(location, lat, lon, gazetteer_admin1(row, "admin1"), where)
    first, second = actors.actor(_name(row, "actor1")), actors.actor(_name(row, "actor2"))
    return {
        "id": "acled-" + _ident(row), **_when(row, day), "type": kind,
        "place": place, "place_precision": where, **_roles(kind, first, second),
        "killed": count(row["fatalities"], "fatalities"),
        "associated": _associated(row, actors),
        "coded_as": _labels(row),
        "_label": row["sub_event_type"].strip() or row["event_type"].strip(),
    }


def _ident(row: Row) -> str:
    """event_id_cnty (`SYR1234`); the 2017 realtime files swapped it with event_id_no_cnty,
    which then holds the id with letters (`1619RTA`) while event_id_cnty holds a number."""
    ident, other = row["event_id_cnty"].strip(), row["event_id_no_cnty"].strip()
    if ident.isdigit() and other and not other.isdigit():
        return other
    if missing(ident):
        raise BadRow("event_id_cnty is empty: the row has no id")
    return ident


def _date(row: Row) -> date:
    text = row["event_date"]
    found = read_day(text, "event_date", row["year"])
    plausible(found.day, "event_date", text)
    if found.assumed:
        row.review.append(f"event_date {quoted(text.strip())}: {found.assumed}")
    year = row["year"].strip()
    if year.isdigit() and year != str(found.day.year):
        row.review.append(f"event_date {quoted(text.strip())} is in {found.day.year} but the year "
                          f"column says {year}: day and month may have been swapped")
    return found.day


def _when(row: Row, day: date) -> dict[str, Any]:
    precision = row["time_precision"].strip()
    if precision == "2":  # some day of the week or weekend around the coded day
        return {"date": (day - timedelta(days=3)).isoformat(), "precision": "day",
                "end": (day + timedelta(days=3)).isoformat()}
    if precision == "3":
        return {"date": day.isoformat()[:7], "precision": "month"}
    if precision != "1":
        row.review.append(f"time_precision {quoted(precision, 20)} is not 1, 2 or 3: the date is "
                          "kept as the month, the least the codebook allows")
        return {"date": day.isoformat()[:7], "precision": "month"}
    return {"date": day.isoformat(), "precision": "day"}


def _type(row: Row) -> str:
    event_type, sub_type = row["event_type"].strip(), row["sub_event_type"].strip()
    kind = _TYPES.get((event_type.lower(), sub_type.lower())) or \
        _TYPES.get((event_type.lower(), ""))
    if kind is None:
        if not event_type:
            raise BadRow("event_type is empty")
        row.review.append(f"event_type {quoted(event_type, 60)} is not one of ACLED's: typed other")
        return "other"
    return kind


def _roles(kind: str, first: str | None, second: str | None) -> dict[str, str | None]:
    """Captures: actor1 took the place from actor2; else actor1 acted against actor2."""
    if kind == "capture":
        return {"victor": first, "loser": second}
    return {"actor": first, "target": second}


def _labels(row: Row) -> list[str]:
    """The row's own codes; then the actors ACLED associates with actor1 and actor2, in the
    dataset's own words (they fight with that actor or say who it is: not backers)."""
    labels = [t.strip() for t in (row["event_type"], row["sub_event_type"]) if t.strip()]
    for column in ("assoc_actor_1", "assoc_actor_2"):
        names = [n.strip() for n in row[column].split(";") if not missing(n)]
        if names:
            labels.append(f"{column}: {'; '.join(names)}")
    return labels


def _associated(row: Row, actors: Actors) -> list[str]:
    """The actors ACLED associates with actor1 or actor2, matched like them (their side stays
    in `coded_as`, in the dataset's words)."""
    names = [n.strip() for column in ("assoc_actor_1", "assoc_actor_2")
             for n in row[column].split(";") if not missing(n)]
    return list(dict.fromkeys(ident for ident in map(actors.actor, names) if ident))


def _name(row: Row, column: str) -> str:
    text = row[column]
    return "" if missing(text) else text


def published_day(row: Row) -> str | None:
    """The row's timestamp (when ACLED last changed it) as a day, if it has one."""
    stamp = row["timestamp"].strip()
    if stamp.isascii() and stamp.isdigit() and 9 <= len(stamp) <= 10:
        return datetime.fromtimestamp(int(stamp), tz=timezone.utc).date().isoformat()
    return None


ACLED = Layout(
    name="acled", title="ACLED", export="an ACLED export",
    needed=("event_id_cnty", "event_date", "time_precision", "event_type", "actor1",
            "location", "latitude", "longitude"),
    quote_columns=("notes",),
    signature=("event_id_cnty", "actor1", "notes", "time_precision", "geo_precision",
               "event_type", "sub_event_type", "fatalities", "admin1", "ally_actor_1"),
    home="https://acleddata.com",
    licence=("ACLED's terms of use: the data are for the user's own analysis and may not be "
             "redistributed; cite the Armed Conflict Location & Event Data Project (ACLED), "
             "acleddata.com"),
    to_event=acled_event, published_day=published_day,
)
