"""A dataset's place names matched to the gazetteer, name first.

A row names a place, its governorate (admin1) and a point. The name is resolved in the
gazetteer under any spelling, within the row's governorate (`gazetteer.resolve`): the place
takes the gazetteer's Arabic name, kind and governorate. The point only chooses among places
of that name, and never brings in another place because it is near; a row whose point lies
more than `gazetteer.FAR_KM` from the place it names keeps the place and gets a note
(`note`), for a reviewer. A name the gazetteer does not know stays as the dataset names it, a
`locality` at the row's point, in the governorate its admin1 names. Ids stay stable: the same
file gives the same ids.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import get_close_matches
from functools import lru_cache

from syria_timeline import gazetteer as gaz
from syria_timeline.model import Place, slug

_ARTICLES = ("al", "ar", "as", "ash", "ad", "adh", "az", "at", "an", "el", "es", "ed", "ez", "ech")
_GENERIC = frozenset({"governorate", "province", "muhafazat", "of"})
# Governorate spellings of ACLED and UCDP that the gazetteer does not list (facts: names).
GOVERNORATE_SPELLINGS = {
    "rural damascus": "rif-dimashq-province", "rif dimashq": "rif-dimashq-province",
    "reef dimashq": "rif-dimashq-province", "idleb": "idlib-province",
    "dayr az zawr": "deir-ez-zor-province", "deir ez zor": "deir-ez-zor-province",
    "hasakeh": "hasakah-province", "hassakeh": "hasakah-province", "hasaka": "hasakah-province",
    "dara": "daraa-province", "deraa": "daraa-province", "sweida": "suwayda-province",
    "sweyda": "suwayda-province", "tartous": "tartus-province", "lattakia": "latakia-province",
    "ladhiqiyah": "latakia-province", "raqqah": "raqqa-province", "raqqa": "raqqa-province",
    "ninewa": "nineveh-province", "ninawa": "nineveh-province", "salah al din": "salah-ad-din-province",
    "sala al din": "salah-ad-din-province", "salahaddin": "salah-ad-din-province",
    "arbil": "erbil-province", "dohuk": "duhok-province", "dahuk": "duhok-province",
    "anbar": "anbar-province", "damascus": "damascus", "thi qar": "dhi-qar-province",
    "qadissiya": "qadisiyyah-province", "qadisiyah": "qadisiyyah-province",
    "basrah": "basra-province", "wassit": "wasit-province", "babylon": "babil-province",
    "kerbala": "karbala-province", "missan": "maysan-province", "sulaimaniya": "sulaymaniyah-province",
    "as sulaymaniyah": "sulaymaniyah-province", "quneitra": "quneitra-province",
    "as suwayda": "suwayda-province", "al qunaytirah": "quneitra-province",
}


@lru_cache(maxsize=4096)
def latin_key(name: str) -> str:
    """A governorate's name reduced to what spellings share: `Al-Hasakeh` → `hasakeh`."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    plain = re.sub(r"\([^)]*\)", " ", plain.lower().replace("'", "").replace("`", ""))
    words = [w for w in re.split(r"[^a-z0-9\u0600-\u06ff]+", plain) if w]
    while words and words[0] in _ARTICLES and len(words) > 1:
        words = words[1:]
    return " ".join(w for w in words if w not in _GENERIC) or " ".join(words)


class Places:
    """Places met in a dataset, matched once per (name, governorate, point); the records to store."""

    def __init__(self, gazetteer: dict[str, Place]) -> None:
        self.gazetteer = gazetteer
        self.records: dict[str, Place] = {}  # id -> record, in first-use order
        self.note: str | None = None  # about the row last placed: its point is far from its place
        self._met: dict[tuple[str, float, float, str], tuple[str, str | None]] = {}
        self._provinces: dict[str, str] = {}
        for place in gazetteer.values():
            if place.kind == "province":
                for name in (place.name_en, *place.aliases):
                    self._provinces.setdefault(latin_key(name), place.id)
        for spelling, ident in GOVERNORATE_SPELLINGS.items():
            self._provinces.setdefault(latin_key(spelling), ident)

    def place(self, name: str, lat: float, lon: float, admin1: str = "",
              precision: str | None = None) -> str:
        """The id of the place a row names (matched or new), its record kept for the store.

        A row placed only in a province or a country names that province or country. After
        the call, `note` says whether the row's point lies far from the place it names.
        """
        key = (name, round(lat, 4), round(lon, 4), f"{admin1}|{precision}")
        met = self._met.get(key)
        if met is None:
            self.note = None
            ident = self._wider(name, admin1, precision) or self._match(name, lat, lon, admin1) \
                or self._new(name, lat, lon, admin1)
            met = self._met[key] = (ident, self.note)
        ident, self.note = met
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
            # Once per distinct admin1 (then cached); get_close_matches skips most keys on its
            # quick bounds, so a world-wide file's hundreds of admin1 names cost little.
            close = get_close_matches(wanted, [k for k, i in self._provinces.items() if i], n=1, cutoff=0.85)
            found = self._provinces[close[0]] if close else ""
            self._provinces[wanted] = found
        return found or None

    def _match(self, name: str, lat: float, lon: float, admin1: str) -> str | None:
        province = self.province(admin1) if admin1 else None
        found = gaz.resolve(name, province, lat, lon)
        if found is None or found.entry.place.id not in self.gazetteer:
            return None
        place = self.gazetteer[found.entry.place.id]
        if found.far and found.distance_km is not None:
            self.note = (f"the row's point lies {found.distance_km:.0f} km from {place.name_en} "
                         f"({place.name_ar}), the place it names")
        self._keep(place)
        return place.id

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
