"""Name first: the place a row or a sentence names, never merely the place nearest its point.

A dataset row names a place (and often its governorate) and gives coordinates. The name is
looked up under every spelling, within the governorate when the row gives one; coordinates
only choose among places of that name (two villages called تل أبيض), and a row whose point
lies more than `FAR_KM` from the place it names is flagged, not moved to a nearer place. A
Latin name no spelling finds is tried by its consonants (`names.latin_skeleton`) within the
governorate; such a loose match is accepted only when the row's point is within `FAR_KM`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from syria_timeline.gazetteer.data import Entry, entries
from syria_timeline.gazetteer.names import find, latin_skeleton, skeletons, without_generic
from syria_timeline.model import PLACE_SIZE_ORDER

FAR_KM = 25.0
# How alike two Latin names' consonants must be for a loose match (Tuz Khurma, Tuz Khurmatu).
LOOSE_RATIO = 0.8
WRITTEN_RATIO = 0.6
_NOT_TELLING = frozenset({"al", "el", "ar", "as", "ash", "ad", "az", "at", "an", "eastern", "western",
                          "northern", "southern", "east", "west", "north", "south", "upper", "lower",
                          "big", "small", "great", "little", "new", "old"})
# Words after a name in a dataset that say what kind of place it is.
KIND_WORDS = {"camp": "camp", "village": "village", "town": "town", "city": "city", "dam": "dam",
              "airport": "airport", "airbase": "airbase", "prison": "prison"}


@dataclass(frozen=True)
class Resolution:
    """The place a name resolved to, and how sure that is."""

    entry: Entry
    loose: bool = False  # found by its Latin consonants, not by a spelling the gazetteer has
    distance_km: float | None = None  # from the row's point to the place's, when both are known
    others: int = 0  # other places of the same name that were not chosen

    @property
    def far(self) -> bool:
        """The row's point lies far from the place it names: worth a reviewer's look."""
        return self.distance_km is not None and self.distance_km > FAR_KM


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _size(entry: Entry) -> int:
    kind = entry.place.kind
    return PLACE_SIZE_ORDER.index(kind) if kind in PLACE_SIZE_ORDER else 0


def _within(found: tuple[Entry, ...], province: str | None) -> list[Entry]:
    if province is None:
        return list(found)
    return [e for e in found if province in (e.place.province, e.place.id)]


def _distance(entry: Entry, lat: float | None, lon: float | None) -> float | None:
    place = entry.place
    if lat is None or lon is None or place.lat is None or place.lon is None:
        return None
    return distance_km(lat, lon, place.lat, place.lon)


def _choose(found: list[Entry], lat: float | None, lon: float | None, loose: bool) -> Resolution:
    # A governorate's point (Damascus has one) only labels it: a settlement of its name is
    # what a row's point is compared with.
    settled = [e for e in found if e.kind not in ("province", "country")] or found
    if lat is not None and lon is not None and any(e.place.lat is not None for e in settled):
        located = [e for e in settled if e.place.lat is not None]
        best = min(located, key=lambda e: (_distance(e, lat, lon) or 0.0, _size(e)))
    else:
        # No point to choose by: the city rather than the governorate named after it.
        best = min(found, key=_size)
    return Resolution(best, loose, _distance(best, lat, lon), len(found) - 1)


def resolve(name: str, province: str | None = None, lat: float | None = None,
            lon: float | None = None) -> Resolution | None:
    """The place `name` names (within `province`, a governorate's id, when given); None if none.

    A name with parts ("Baghdad - Kadhimiya", as ACLED writes a neighbourhood) is tried from
    its last part to its first; a name with a word like "camp" or "village" after it is tried
    without it, and a place of that kind is preferred ("Hole Camp": the camp, not the town).
    """
    tries = _spellings_to_try(name)
    hint = next((KIND_WORDS[w] for w in name.lower().split() if w in KIND_WORDS), None)
    named = _by_name(tries, province, lat, lon, hint)
    if province is None or (named is not None and (hint is None or named.entry.kind == hint)):
        return named
    for part in tries:
        # The row's governorate may not be the gazetteer's for a place near a boundary
        # (Rukban, Halabja): the same name elsewhere, if the row's point is near it.
        anywhere = list(find(part))
        near = _near_enough(_choose(anywhere, lat, lon, loose=False)) if anywhere else None
        chosen = near or _loose(part, province, lat, lon, hint)
        if chosen and (hint is None or chosen.entry.kind == hint or named is None):
            return chosen
    return named


def _spellings_to_try(name: str) -> list[str]:
    """The name; its parts from the last ("Baghdad - Kadhimiya"); each without "camp", "town"…"""
    parts = [p.strip() for p in name.split(" - ") if p.strip()]
    tries = [name.strip(), *reversed(parts)] if len(parts) > 1 else [name.strip()]
    return tries + [bare for t in tries if (bare := without_generic(t)) != t]


def _by_name(tries: list[str], province: str | None, lat: float | None, lon: float | None,
             hint: str | None) -> Resolution | None:
    """The first spelling that names a place in the governorate (of the hinted kind, if any has)."""
    first = None
    for part in tries:
        found = _within(find(part), province)
        if found and (hint is None or _of_kind(found, hint)):
            return _choose(_of_kind(found, hint) or found, lat, lon, loose=False)
        first = first or (_choose(found, lat, lon, loose=False) if found else None)
    return first


def _of_kind(found: list[Entry], kind: str | None) -> list[Entry]:
    return [e for e in found if e.kind == kind]


def _near_enough(chosen: Resolution) -> Resolution | None:
    return chosen if chosen.distance_km is not None and not chosen.far else None


def _loose(name: str, province: str, lat: float | None, lon: float | None,
           hint: str | None = None) -> Resolution | None:
    """A match by the Latin name's consonants in the governorate, the row's point near it.

    Two consonants say too little (Ruwaiha and Ariha are both r-h): three at least. Names whose
    consonants are only alike must also be alike as written (not Eastern Ghariyeh for the
    eastern Daraa countryside).
    """
    skeleton = latin_skeleton(name)
    if len(skeleton) < 3:
        return None
    found = _within(skeletons().get(skeleton, ()), province)
    if not found and len(skeleton) >= 4:
        written = _plain(name)
        found = [e for key, e in _province_skeletons(province)
                 if _alike(key, skeleton) and _alike_as_written(written, e)]
    if not found:
        return None
    return _near_enough(_choose(_of_kind(found, hint) or found, lat, lon, loose=True))


def _alike(key: str, skeleton: str) -> bool:
    """`SequenceMatcher(None, key, skeleton).ratio() >= LOOSE_RATIO`, its cheap upper bounds
    first (as difflib's get_close_matches does): a new place name of an export is compared
    with every name of its governorate, and most differ already in length or letters."""
    matcher = _matcher(skeleton)
    matcher.set_seq1(key)
    return (matcher.real_quick_ratio() >= LOOSE_RATIO and matcher.quick_ratio() >= LOOSE_RATIO
            and matcher.ratio() >= LOOSE_RATIO)


@lru_cache(maxsize=1)
def _matcher(skeleton: str) -> SequenceMatcher[str]:
    """One matcher per skeleton: what it learns of its second sequence is kept across keys."""
    matcher: SequenceMatcher[str] = SequenceMatcher(None)
    matcher.set_seq2(skeleton)
    return matcher


def _plain(name: str) -> str:
    """The words that tell a name apart: no articles, and no Eastern, Upper, Big…"""
    return " ".join(w for w in without_generic(name).lower().replace("-", " ").split()
                    if w not in _NOT_TELLING)


def _alike_as_written(written: str, entry: Entry) -> bool:
    names = (entry.place.name_en, *entry.place.aliases)
    return any(SequenceMatcher(None, written, _plain(n)).ratio() >= WRITTEN_RATIO
               for n in names if n.isascii())


@lru_cache(maxsize=64)
def _province_skeletons(province: str) -> tuple[tuple[str, Entry], ...]:
    found: list[tuple[str, Entry]] = []
    for entry in entries().values():
        if entry.place.province != province or entry.place.lat is None:
            continue
        for name in (entry.place.name_en, *entry.place.aliases):
            key = latin_skeleton(name)
            if len(key) >= 4:
                found.append((key, entry))
    return tuple(found)
