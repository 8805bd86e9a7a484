"""A dataset's English place names matched to the gazetteer.

A place matches a gazetteer place when it lies within `NEAR_KM` of it and the names agree
(spelled alike once articles, hyphens and words like "town" are set aside); then it takes the
gazetteer's Arabic name, kind and governorate. Otherwise it stays as the dataset names it, a
`locality` at the dataset's coordinates, in the governorate its admin1 column names when that
is one the gazetteer knows. Ids stay stable: the same file gives the same ids.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from functools import lru_cache

from syria_timeline.model import Place, slug

NEAR_KM = 5.0
_NAME_RATIO = 0.8
# Words a dataset adds to a place's name that are not the name (UCDP: "Raqqa town").
_GENERIC = frozenset({"town", "city", "village", "camp", "district", "subdistrict", "sub",
                      "governorate", "province", "muhafazat", "region", "area", "countryside",
                      "outskirts", "nahiya", "mantiqat", "of"})
_ARTICLES = ("al", "ar", "as", "ash", "ad", "adh", "az", "at", "an", "el", "es", "ed", "ez", "ech")
# Governorate spellings of ACLED and UCDP that the gazetteer does not list (facts: names).
GOVERNORATE_SPELLINGS = {
    "rural damascus": "rif-dimashq-province", "rif dimashq": "rif-dimashq-province",
    "reef dimashq": "rif-dimashq-province", "idleb": "idlib-province",
    "dayr az zawr": "deir-ez-zor-province", "deir ez zor": "deir-ez-zor-province",
    "hasakeh": "hasakah-province", "hassakeh": "hasakah-province", "hasaka": "hasakah-province",
    "dara": "daraa-province", "deraa": "daraa-province", "sweida": "suwayda-province",
    "sweyda": "suwayda-province", "tartous": "tartus-province", "tartous governorate":
    "tartus-province", "lattakia": "latakia-province", "ladhiqiyah": "latakia-province",
    "raqqah": "raqqa-province", "raqqa": "raqqa-province", "ninewa": "nineveh-province",
    "ninawa": "nineveh-province", "salah al din": "salah-ad-din-province",
    "salahaddin": "salah-ad-din-province", "arbil": "erbil-province", "dohuk": "duhok-province",
    "dahuk": "duhok-province", "anbar": "anbar-province", "damascus": "damascus",
}
@lru_cache(maxsize=65536)
def latin_key(name: str) -> str:
    """A place or actor name reduced to what spellings share: `Al-Hasakeh` → `hasakeh`."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    plain = re.sub(r"\([^)]*\)", " ", plain.lower().replace("'", "").replace("`", ""))
    words = [w for w in re.split(r"[^a-z0-9\u0600-\u06ff]+", plain) if w]
    while words and words[0] in _ARTICLES and len(words) > 1:
        words = words[1:]
    return " ".join(w for w in words if w not in _GENERIC) or " ".join(words)


def _names_agree(a: str, b: str) -> bool:
    a, b = a.replace(" ", ""), b.replace(" ", "")
    return bool(a and b) and (a == b or SequenceMatcher(None, a, b).ratio() >= _NAME_RATIO)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine), ample for "within a few kilometres"."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class Places:
    """Places met in a dataset, matched once per (name, coordinates); the records to store."""

    def __init__(self, gazetteer: dict[str, Place]) -> None:
        self.gazetteer = gazetteer
        self.records: dict[str, Place] = {}  # id -> record, in first-use order
        self._met: dict[tuple[str, float, float, str], str] = {}
        self._grid: dict[tuple[int, int], list[Place]] = {}
        self._provinces: dict[str, str] = {}
        self._agree: dict[tuple[str, str], bool] = {}  # (name's key, place id): names agree
        for place in gazetteer.values():
            if place.lat is not None and place.lon is not None:
                self._grid.setdefault(_cell(place.lat, place.lon), []).append(place)
            if place.kind == "province":
                for name in (place.name_en, *place.aliases):
                    self._provinces.setdefault(latin_key(name), place.id)
        for spelling, ident in GOVERNORATE_SPELLINGS.items():
            self._provinces.setdefault(latin_key(spelling), ident)

    def place(self, name: str, lat: float, lon: float, admin1: str = "",
              precision: str | None = None) -> str:
        """The id of the place a row names (matched or new), its record kept for the store.

        A row placed only in a province or a country names that province or country.
        """
        key = (name, round(lat, 4), round(lon, 4), f"{admin1}|{precision}")
        ident = self._met.get(key)
        if ident is None:
            ident = self._wider(name, admin1, precision) or self._match(name, lat, lon) \
                or self._new(name, lat, lon, admin1)
            self._met[key] = ident
        return ident

    def _wider(self, name: str, admin1: str, precision: str | None) -> str | None:
        found = None
        if precision == "province":
            found = self.province(name) or self.province(admin1)
        elif precision == "country":
            wanted = latin_key(name)
            found = next((p.id for p in self.gazetteer.values() if p.kind == "country" and
                          wanted in {latin_key(n) for n in (p.name_en, *p.aliases)}), None)
        if found:
            self._keep(self.gazetteer[found])
        return found

    def province(self, admin1: str) -> str | None:
        """The governorate an admin1 name means, if the gazetteer has it."""
        wanted = latin_key(admin1)
        if not wanted:
            return None
        found = self._provinces.get(wanted)
        if found is None:
            close = [(SequenceMatcher(None, wanted, k).ratio(), i) for k, i in self._provinces.items()]
            ratio, ident = max(close, default=(0.0, ""))
            found = ident if ratio >= 0.85 else None
            self._provinces[wanted] = found or ""
        return found or None

    def _match(self, name: str, lat: float, lon: float) -> str | None:
        wanted = latin_key(name)
        best: tuple[float, Place] | None = None
        for place in self._near(lat, lon):
            far = distance_km(lat, lon, place.lat or 0.0, place.lon or 0.0)
            if far > NEAR_KM or (best is not None and far >= best[0]):
                continue
            if self._names_agree(wanted, place):
                best = (far, place)
        if best is None:
            return None
        self._keep(best[1])
        return best[1].id

    def _names_agree(self, wanted: str, place: Place) -> bool:
        agree = self._agree.get((wanted, place.id))
        if agree is None:
            agree = any(_names_agree(wanted, latin_key(n))
                        for n in (place.name_en, place.id, *place.aliases))
            self._agree[wanted, place.id] = agree
        return agree

    def _near(self, lat: float, lon: float) -> Iterable[Place]:
        row, column = _cell(lat, lon)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                yield from self._grid.get((row + dr, column + dc), ())

    def _keep(self, place: Place) -> None:
        self.records.setdefault(place.id, place)
        if place.province and place.province in self.gazetteer:
            self._keep(self.gazetteer[place.province])

    def _new(self, name: str, lat: float, lon: float, admin1: str) -> str:
        base = slug(name, 60) or "place"
        ident, n = base, 1
        while ident in self.records or ident in self.gazetteer:
            n += 1
            ident = f"{base}-{n}"
        province = self.province(admin1) if admin1 else None
        if province:
            self._keep(self.gazetteer[province])
        self.records[ident] = Place(id=ident, name_ar=name, name_en=name, kind="locality",
                                    province=province, lat=lat, lon=lon)
        return ident


def _cell(lat: float, lon: float) -> tuple[int, int]:
    # 0.1° cells: a match within NEAR_KM is always in the cell or one of its neighbours.
    return math.floor(lat * 10), math.floor(lon * 10)
