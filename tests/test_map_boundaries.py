"""The shipped outlines, and the geometry `data/build_boundaries.py` makes them with."""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
from typing import Any

from helpers import ROOT
from hypothesis import given
from hypothesis import strategies as st

BOUNDARIES = ROOT / "data" / "boundaries.json"
_SPEC = importlib.util.spec_from_file_location("build_boundaries",
                                               ROOT / "data" / "build_boundaries.py")
assert _SPEC is not None and _SPEC.loader is not None
build: Any = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(build)


def _outlines() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    return document


def test_the_outlines_are_small_credited_and_name_every_governorate() -> None:
    assert BOUNDARIES.stat().st_size < 100_000  # the budget is 1 MB all told
    outlines = _outlines()
    assert "Natural Earth" in outlines["source"] and "public domain" in outlines["licence"]
    named = [g for g in outlines["governorates"] if g["place"]]
    assert len(named) == 32  # 14 Syrian governorates, 18 Iraqi
    gazetteer = json.loads((ROOT / "data" / "gazetteer.json").read_text(encoding="utf-8"))
    provinces = {p["id"]: p for p in gazetteer["places"]}
    for governorate in named:
        assert governorate["place"] in provinces, governorate["code"]
        assert governorate["name_ar"] in provinces[governorate["place"]]["name_ar"]
    assert set(outlines["borders"]) == {"SY", "IQ"}


def test_every_label_lies_inside_its_governorate() -> None:
    for governorate in _outlines()["governorates"]:
        if governorate["label"]:
            lon, lat = (v / 1000 for v in governorate["label"])
            rings = [_points(r) for r in governorate["rings"]]
            assert any(_inside((lon, lat), ring) for ring in rings), governorate["code"]


def _points(flat: list[int]) -> list[tuple[float, float]]:
    return [(flat[i] / 1000, flat[i + 1] / 1000) for i in range(0, len(flat), 2)]


def _inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    crossings = 0
    for (ax, ay), (bx, by) in itertools.pairwise(ring):
        if (ay <= y) != (by <= y) and x < ax + (y - ay) * (bx - ax) / (by - ay):
            crossings += 1
    return crossings % 2 == 1


coordinates = st.floats(min_value=-50, max_value=50, allow_nan=False)
lines = st.lists(st.tuples(coordinates, coordinates), min_size=2, max_size=60)


@given(lines, st.floats(min_value=0.001, max_value=5))
def test_simplifying_keeps_the_ends_and_strays_less_than_the_tolerance(
        points: list[tuple[float, float]], tolerance: float) -> None:
    positions = build.kept_indexes(points, tolerance)
    assert build.simplify(points, tolerance) == [points[i] for i in positions]
    assert positions[0] == 0 and positions[-1] == len(points) - 1
    assert positions == sorted(set(positions))
    # Every dropped point lies within the tolerance of the kept segment that spans it.
    for start, end in itertools.pairwise(positions):
        for point in points[start + 1:end]:
            assert build._distance(point, points[start], points[end]) <= tolerance + 1e-9


@given(lines.filter(lambda p: len(p) >= 3))
def test_a_clipped_ring_stays_in_the_box(points: list[tuple[float, float]]) -> None:
    box = (-10.0, -5.0, 10.0, 5.0)
    clipped = build.clip([*points, points[0]], box)
    assert clipped == [] or clipped[0] == clipped[-1]
    for lon, lat in clipped:
        assert box[0] - 1e-9 <= lon <= box[2] + 1e-9 and box[1] - 1e-9 <= lat <= box[3] + 1e-9


def test_a_label_goes_inside_a_ring_whose_centroid_is_outside() -> None:
    # A C shape: its centroid falls in the gap.
    ring = [(0, 0), (10, 0), (10, 2), (2, 2), (2, 8), (10, 8), (10, 10), (0, 10), (0, 0)]
    ring = [(float(x), float(y)) for x, y in ring]
    centroid = build._centroid(ring)
    assert not _inside(centroid, ring)
    assert _inside(build.label_point([ring]), ring)
    assert math.isclose(abs(build._area(ring)), 10 * 10 - 8 * 6)
