"""The gazetteer: the places of Syria and Iraq, named as Arabic news names them.

`data/gazetteer.json` (built by `data/build_gazetteer.py` from GeoNames, CC BY 4.0, and the
project's own lists in `data/places/`) holds the countries, governorates and districts, every
populated place two packages of GeoNames carry, and the neighbourhoods, regions, camps, dams,
air bases, fields, crossings and mountains the war is told by. It is read only when a name is
not one of the store's own, so no ordinary query pays for it.

- `places()`, `lookup(name)`, `spellings()`: places as a store records them, by any spelling;
- `entry(id)`: what the gazetteer knows of a place besides (its own kind, its point's source);
- `resolve(name, province, lat, lon)`: name first, for datasets (see `resolve`);
- `forms()`, `NOT_PLACE_WORDS`, `mentions(text)`: names in running text (see `text`);
- `suggestions(name)`: names like a misspelt one; `other_meaning(name, id)`: the city or the
  governorate that shares a name with the place chosen.
"""

from __future__ import annotations

from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path

from syria_timeline.gazetteer.data import Entry, attribution, entries, path
from syria_timeline.gazetteer.names import find, index, keys, latin_skeleton
from syria_timeline.gazetteer.resolve import FAR_KM, Resolution, resolve
from syria_timeline.gazetteer.text import NOT_PLACE_WORDS, Mention, forms, mentions
from syria_timeline.model import Place

__all__ = ["FAR_KM", "NOT_PLACE_WORDS", "Entry", "Mention", "Resolution", "attribution", "entry",
           "forms", "keys", "latin_skeleton", "lookup", "mentions", "other_meaning", "path",
           "places", "resolve", "spellings", "suggestions"]


@lru_cache(maxsize=1)
def places() -> dict[str, Place]:
    """Every place by id, as a store would record it (one dict, shared: do not change it)."""
    return {ident: e.place for ident, e in entries().items()}


def entry(ident: str) -> Entry | None:
    return entries().get(ident)


def lookup(name: str) -> list[Place]:
    """The places known by this name under any spelling (several places can share one)."""
    return [e.place for e in find(name)]


@lru_cache(maxsize=1)
def spellings() -> dict[str, list[Place]]:
    """Every normalized spelling → its places, for suggestions (shared: do not change it)."""
    return {key: [e.place for e in found] for key, found in index().items()}


def suggestions(name: str, limit: int = 3) -> list[Place]:
    """Places whose names are spelt most like `name` (a misspelling), best first."""
    table = index()
    close = get_close_matches(keys(name)[0], list(table), n=limit * 3, cutoff=0.75)
    found = list(dict.fromkeys(e.place for key in close for e in table[key]))
    return found[:limit]


def other_meaning(name: str, chosen: str) -> Place | None:
    """The city or governorate that `name` also names, when `chosen` is the other one.

    حلب is a city and a governorate; so are دير الزور, الرقة, حمص. The answer says which one it
    took and how to ask for the other.
    """
    pair = ("province", "city", "town")
    found = [e.place for e in find(name) if e.place.id != chosen and e.place.kind in pair]
    mine = entries().get(chosen)
    if mine is None or mine.place.kind not in pair:
        return None
    wanted = ("province",) if mine.place.kind != "province" else ("city", "town")
    return next((p for p in found if p.kind in wanted
                 and (p.province == chosen or mine.place.province == p.id)), None)


def data_path() -> Path:
    return path()
