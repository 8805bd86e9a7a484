"""Write a large made-up export in ACLED's or UCDP's layout, to measure `timeline import`.

    .venv/bin/python benchmarks/make_export.py acled|ucdp OUT [--rows N]

Rows are generated here (no real data): places are the gazetteer's Syrian towns, moved up to
a kilometre, or made-up localities; actors, codes and dates vary as in real exports.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from exports import ACLED_COLUMNS, UCDP_COLUMNS  # noqa: E402

ACTORS = ("Military Forces of Syria (2000-)", "Islamic State (Syria)",
          "SDF: Syrian Democratic Forces", "Military Forces of Russia (2000-)",
          "Hayat Tahrir al Sham", "Military Forces of Turkey (2016-)", "Civilians (Syria)",
          "Unidentified Armed Group (Syria)", "Syrian National Army")
UCDP_SIDES = ("Government of Syria", "IS", "SDF", "Government of Turkey", "Syrian insurgents",
              "Civilians")
ACLED_KINDS = (("Battles", "Armed clash"), ("Battles", "Government regains territory"),
               ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
               ("Explosions/Remote violence", "Air/drone strike"),
               ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"),
               ("Strategic developments", "Looting/property destruction"))


def towns() -> list[tuple[str, float, float, str]]:
    document = json.loads((ROOT / "data" / "gazetteer.json").read_text(encoding="utf-8"))
    places = document["places"]
    names = {p["id"]: p["name_en"] for p in places}
    return [(p["name_en"], p["lat"], p["lon"], names.get(p["province"] or "", ""))
            for p in places if p["lat"] is not None and p["kind"] != "country"]


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("dataset", choices=("acled", "ucdp"), help="whose layout")
    parser.add_argument("out", type=Path, help="the CSV file to write (must not exist)")
    parser.add_argument("--rows", type=int, default=100_000, help="how many rows (100,000)")
    options = parser.parse_args()
    if options.out.exists():
        parser.error(f"{options.out} exists; choose a new file")
    return options


def main() -> None:
    options = arguments()
    dataset, out, count = options.dataset, options.out, options.rows
    rng = random.Random(7)
    known = towns()
    with out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        columns = ACLED_COLUMNS if dataset == "acled" else UCDP_COLUMNS
        writer.writerow(columns)
        for n in range(count):
            row = (acled_row if dataset == "acled" else ucdp_row)(n, rng, known)
            writer.writerow([row.get(c, "") for c in columns])
    print(f"{out}: {count} rows, {out.stat().st_size / 1e6:.1f} MB")


def place(rng: random.Random, known: list[tuple[str, float, float, str]]
          ) -> tuple[str, float, float, str]:
    name, lat, lon, province = rng.choice(known)
    if rng.random() < 0.2:  # a locality the gazetteer does not have
        return f"{name} Farms {rng.randint(1, 300)}", lat + 0.2, lon + 0.2, province
    return name, lat + rng.uniform(-0.01, 0.01), lon + rng.uniform(-0.01, 0.01), province


def acled_row(n: int, rng: random.Random, known: list[tuple[str, float, float, str]]
              ) -> dict[str, str]:
    day = date(2014, 1, 1) + timedelta(days=rng.randrange(2191))
    name, lat, lon, province = place(rng, known)
    kind, sub = rng.choice(ACLED_KINDS)
    one, two = rng.sample(ACTORS, 2)
    dead = rng.randrange(30)
    return {"event_id_cnty": f"SYR{n + 1}", "event_date": day.strftime("%d %B %Y"),
            "year": str(day.year), "time_precision": rng.choice("1112113"),
            "event_type": kind, "sub_event_type": sub, "actor1": one, "actor2": two,
            "country": "Syria", "admin1": province.replace(" Governorate", ""),
            "location": name, "latitude": f"{lat:.4f}", "longitude": f"{lon:.4f}",
            "geo_precision": rng.choice("1123"), "fatalities": str(dead),
            "notes": f"On {day:%d %B %Y}, {one} and {two} were reported in fighting near "
                     f"{name}; {dead} fatalities, according to \"local sources\".",
            "timestamp": str(1600000000 + n)}


def ucdp_row(n: int, rng: random.Random, known: list[tuple[str, float, float, str]]
             ) -> dict[str, str]:
    start = date(2014, 1, 1) + timedelta(days=rng.randrange(2191))
    code = rng.choice("1111234")
    end = start + timedelta(days={"1": 0, "2": 3, "3": 6, "4": 0}[code])
    name, lat, lon, province = place(rng, known)
    side_a, side_b = rng.sample(UCDP_SIDES, 2)
    best = rng.randrange(40)
    return {"id": str(300000 + n), "type_of_violence": rng.choice("1123"),
            "conflict_name": "Syria: Government", "dyad_name": f"{side_a} - {side_b}",
            "side_a": side_a, "side_b": side_b,
            "source_headline": f"{side_a} and {side_b} clash near {name} ({start:%d %B %Y})",
            "where_prec": rng.choice("1123"), "where_coordinates": f"{name} town",
            "adm_1": f"{province}", "latitude": f"{lat:.4f}", "longitude": f"{lon:.4f}",
            "country": "Syria", "date_prec": code, "date_start": start.isoformat(),
            "date_end": end.isoformat(), "best": str(best), "low": str(best),
            "high": str(best + rng.randrange(5))}


if __name__ == "__main__":
    main()
