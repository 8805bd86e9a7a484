"""The gazetteer: every populated place of Syria and Iraq, so that any place can be named.

`data/gazetteer.json` (built by `data/build_gazetteer.py` from GeoNames, CC BY 4.0) holds
about 500 places: towns and cities of 500 inhabitants or more, the governorates of both
countries, the countries, and the bundled store's places under the store's ids. It is read
only when a name is not one of the store's own, so no ordinary query pays for it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from syria_timeline.arabic import normalize
from syria_timeline.files import shipped
from syria_timeline.model import Place


def path() -> Path:
    """The gazetteer file shipped with the package."""
    return shipped("gazetteer.json")


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    document = json.loads(path().read_text(encoding="utf-8"))
    return {p["id"]: Place.from_json(p) for p in document["places"]}


@lru_cache(maxsize=1)
def _index() -> dict[str, list[Place]]:
    index: dict[str, list[Place]] = {}
    for place in places().values():
        for spelling in (place.name_ar, place.name_en, place.id, *place.aliases):
            found = index.setdefault(normalize(spelling), [])
            if place not in found:
                found.append(place)
    return index


def lookup(name: str) -> list[Place]:
    """The places known by this name under any spelling (several places can share one)."""
    return list(_index().get(normalize(name), []))


def spellings() -> dict[str, list[Place]]:
    """Every normalized spelling, for suggestions."""
    return _index()
