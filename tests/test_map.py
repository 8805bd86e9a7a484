"""`timeline map`: what the file holds, as a program reads it; the messages of a bad call."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import STORE, clean_env, invoke
from hypothesis import given
from hypothesis import strategies as st

SVG = "{http://www.w3.org/2000/svg}"
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def _map(tmp_path: Path, *args: str, name: str = "map.svg") -> tuple[Path, Any]:
    out = tmp_path / name
    result = invoke("map", *args, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    return out, result


def _markers(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).getroot().iter(f"{SVG}circle"))


def _events(*args: str) -> list[dict[str, Any]]:
    result = invoke("list", *args, "--json")
    assert result.exit_code == 0
    events: list[dict[str, Any]] = json.loads(result.stdout)
    return events


@pytest.mark.parametrize("filters", [(), ("--year", "2016"), ("--victor", "داعش"),
                                     ("--place", "حلب")])
def test_markers_add_up_to_the_filtered_events(tmp_path: Path, filters: tuple[str, ...]) -> None:
    out, result = _map(tmp_path, *filters)
    root = ET.parse(out).getroot()
    markers = [m for m in _markers(out) if m.get("class") == "marker"]
    counted = sum(int(m.get("data-count", "0")) for m in markers)
    events = _events(*filters)
    located = [e for e in events if _has_coordinates(e["place"]["id"])]
    assert counted == len(located)
    assert int(root.get("data-events", "0")) == len(events)
    assert {m.get("data-place") for m in markers} == {e["place"]["id"] for e in located}
    assert len(markers) == len({e["place"]["id"] for e in located})
    assert f"{len(markers)} place" in result.stderr


def _has_coordinates(place_id: str) -> bool:
    store = json.loads(STORE.read_text(encoding="utf-8"))
    place = next(p for p in store["places"] if p["id"] == place_id)
    return place.get("lat") is not None


def _fill(path: Path, place: str) -> str:
    return next(m.get("fill", "") for m in _markers(path) if m.get("data-place") == place)


def _swatches(path: Path) -> dict[str, str]:
    return {m.get("data-side", ""): m.get("fill", "") for m in _markers(path)
            if m.get("class") == "swatch"}


def test_as_of_colours_by_the_holder_that_day(tmp_path: Path) -> None:
    before, _ = _map(tmp_path, "--as-of", "2016-01-01", name="2016.svg")
    after, _ = _map(tmp_path, "--as-of", "2017-10-20", name="2017.svg")
    # Palmyra: taken by the group in May 2015, retaken by the army in March 2017.
    assert _fill(before, "palmyra") == _swatches(before)["islamic-state"]
    assert _fill(after, "palmyra") == _swatches(after)["syrian-army"]
    # Raqqa fell to the SDF on 2017-10-17: in the picture of the 20th, not of 2016.
    assert _fill(after, "raqqa") == _swatches(after)["sdf"]
    assert "sdf" not in _swatches(before)


def test_as_of_shows_only_what_happened_by_that_day(tmp_path: Path) -> None:
    out, _ = _map(tmp_path, "--as-of", "2016-01-01")
    counted = sum(int(m.get("data-count", "0")) for m in _markers(out)
                  if m.get("class") == "marker")
    by_then = [e for e in _events("--to", "2016-01-01") if _has_coordinates(e["place"]["id"])
               and (e.get("end") or e["date"]) <= "2016-01-01"]
    assert counted == len(by_then) > 0


def test_a_victor_the_text_does_not_name_has_its_own_colour(tmp_path: Path) -> None:
    out, _ = _map(tmp_path)
    swatches = _swatches(out)
    assert "unknown" in swatches
    assert swatches["unknown"] not in {v for k, v in swatches.items() if k != "unknown"}
    unknown = [m for m in _markers(out) if m.get("fill") == swatches["unknown"]
               and m.get("class") == "marker"]
    assert [m.get("data-place") for m in unknown] == ["dabiq"]


@pytest.mark.parametrize("name", ["map.svg", "map.html"])
def test_no_network_reference_and_real_arabic(tmp_path: Path, name: str) -> None:
    out, _ = _map(tmp_path, name=name)
    text = out.read_text(encoding="utf-8")
    urls = re.findall(r"[a-z]+://[^\s\"'<>]*", text)
    assert set(urls) == {"http://www.w3.org/2000/svg"}
    assert text.count("http://") == text.count('xmlns="http://www.w3.org/2000/svg"')
    for pattern in ("href", "src=", "url(", "@import", "<link", "<!DOCTYPE svg", "<image"):
        assert pattern not in text
    assert not PRESENTATION_FORMS.search(text)
    for arabic in ("الجيش السوري", "الرقة", "دير الزور", "نينوى", "خريطة السيطرة"):
        assert arabic in text
    assert "Natural Earth" in text


def test_title_names_the_filter_and_the_day(tmp_path: Path) -> None:
    out, _ = _map(tmp_path, "--place", "Raqqa", "--as-of", "2017-10-20")
    title = ET.parse(out).getroot().find(f"{SVG}title")
    assert title is not None
    assert title.text == "خريطة السيطرة: المكان الرقة — الوضع في 20 تشرين الأول 2017"


def test_html_holds_the_svg_a_slider_and_the_quotes(tmp_path: Path) -> None:
    out, _ = _map(tmp_path, "--as-of", "2017-10-20", name="raqqa.html")
    text = out.read_text(encoding="utf-8")
    assert text.count("<svg ") == 1 and '<input type="range"' in text
    data = json.loads(re.search(r'id="map-data">(.*?)</script>', text, re.S)[1])  # type: ignore[index]
    assert data["labels"][-1] == "20 تشرين الأول 2017"
    quotes = {e[4] for place in data["places"].values() for e in place["e"]}
    stored = {e["quote"] for e in _events()}
    assert quotes and quotes <= stored


def test_folders_made_and_nothing_replaced_without_force(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b" / "map.svg"
    assert invoke("map", "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    again = invoke("map", "--year", "2016", "-o", str(out))
    assert again.exit_code == 2
    assert again.stderr == f"Error: --output: {out} exists; give --force to replace it\n"
    assert out.read_bytes() == before
    assert invoke("map", "--year", "2016", "-o", str(out), "--force").exit_code == 0
    assert out.read_bytes() != before


def test_never_over_its_input(make_store: Callable[..., Path]) -> None:
    store = make_store(name="store.svg")
    before = store.read_bytes()
    result = invoke("--data", str(store), "map", "-o", str(store), "--force")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: --output: {store} is the store the map is drawn from; "
                             "inputs are only read\n")
    assert store.read_bytes() == before


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "map.png"], "Error: --output: map.png has the extension .png; accepted: .svg (a "
     "picture) or .html (a page with a slider), e.g. -o map.html\n"),
    (["-o", "map"], "Error: --output: map has no extension; accepted: .svg (a picture) or .html "
     "(a page with a slider), e.g. -o map.html\n"),
    (["--as-of", "2017-02-30", "-o", "map.svg"], "Error: --as-of: "),
    (["--as-of", "2010-06-01", "-o", "map.svg"], "Error: no event to map on or before "
     "2010-06-01; widen the filters or choose a later day\n"),
    (["--year", "2012", "-o", "map.svg"], "Error: no event to map; widen the filters or choose a "
     "later day\n"),
])
def test_bad_calls_are_clear_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("map", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message) and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_map_modules_load_only_for_map() -> None:
    listed = subprocess.run([sys.executable, "-X", "importtime", "-m", "syria_timeline", "list",
                             "--year", "2017", "--json"], capture_output=True, env=clean_env(),
                            timeout=60)
    assert listed.returncode == 0
    assert b"syria_timeline.mapping" not in listed.stderr
    assert b"syria_timeline.output.chart" not in listed.stderr


@pytest.mark.slow
def test_a_large_store_maps_as_a_small_one(tmp_path: Path, make_store: Callable[..., Path],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Read lazily, then from its index, a store draws the very same map as parsed whole."""
    store = make_store()
    whole = tmp_path / "whole.html"
    assert invoke("--data", str(store), "map", "-o", str(whole)).exit_code == 0
    monkeypatch.setattr("syria_timeline.store.loading.LAZY_BYTES", 1000)
    for run_number in (1, 2):  # the first builds the index, the second is answered by it
        lazy = tmp_path / f"lazy-{run_number}.html"
        result = invoke("--data", str(store), "map", "-o", str(lazy))
        assert result.exit_code == 0, result.stderr
        assert lazy.read_bytes() == whole.read_bytes()
    assert list((tmp_path / "cache").rglob("*.sqlite"))  # the second run had an index


def test_names_and_quotes_are_text_never_markup(tmp_path: Path,
                                                make_store: Callable[..., Path]) -> None:
    hostile = "</script><script>alert(1)</script><b a=\"x\">&amp;]]>"

    def edit(document: dict[str, Any]) -> None:
        for record in (*document["places"], *document["actors"]):
            record["name_ar"] = f"{record['name_ar']} {hostile}"

    store = make_store(edit)
    for name in ("map.svg", "map.html"):
        out = tmp_path / name
        result = invoke("--data", str(store), "map", "--as-of", "2017-10-20", "-o", str(out))
        assert result.exit_code == 0, result.stderr
        text = out.read_text(encoding="utf-8")
        assert "<b " not in text and "alert(1)</script>" not in text
        assert text.count("<script") == (2 if name == "map.html" else 0)
        svg = text if name == "map.svg" else text[text.index("<svg "):text.index("</svg>") + 6]
        names = [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]
        assert any(n.endswith(hostile) for n in names)


def test_without_a_day_each_marker_has_the_holder_places_gives(tmp_path: Path) -> None:
    out, _ = _map(tmp_path)
    swatches = _swatches(out)
    places = json.loads(invoke("places", "--json").stdout)
    holders = {p["id"]: (p["last_holder"] or {}).get("id") for p in places}
    captured = {e["place"]["id"] for e in _events("--type", "capture")}
    for marker in (m for m in _markers(out) if m.get("class") == "marker"):
        place = marker.get("data-place", "")
        expected = holders[place] or ("unknown" if place in captured else "none")
        assert marker.get("fill") == swatches[expected], place


history = st.lists(st.tuples(st.integers(min_value=0, max_value=12),
                             st.integers(min_value=-1, max_value=3)), max_size=30)


@given(history)
def test_the_holder_at_a_step_is_the_last_capture_of_the_history_over_by_then(
        captures: list[tuple[int, int]]) -> None:
    from syria_timeline.mapping.state import NOBODY, Capture, Marker, _changes
    from syria_timeline.model import Place

    changes = _changes([Capture(step=s, side=side, date=str(n))
                        for n, (s, side) in enumerate(captures)])
    assert [c.step for c in changes] == sorted({c.step for c in changes})
    place = Place(id="p", name_ar="مكان", name_en="place", kind="town")
    marker = Marker(place=place, x=0.0, y=0.0, count=0, counts=(), captures=changes, shown=())
    for step in range(14):
        over = [side for s, side in captures if s <= step]
        assert marker.holder(step) == (over[-1] if over else NOBODY)


def test_only_markers_carry_data_place(tmp_path: Path) -> None:
    out, _ = _map(tmp_path)
    tagged = [e for e in ET.parse(out).getroot().iter() if e.get("data-place") is not None]
    assert tagged and all(e.tag == f"{SVG}circle" and e.get("class") == "marker" for e in tagged)
    provinces = [e for e in ET.parse(out).getroot().iter(f"{SVG}path")
                 if e.get("data-province")]
    assert len(provinces) == 32


def test_place_names_never_overlap(tmp_path: Path) -> None:
    out, _ = _map(tmp_path)
    names = [t for t in ET.parse(out).getroot().iter(f"{SVG}text") if t.get("data-for")]
    assert names
    boxes = [(float(t.get("x", 0)) - 6 * len(t.text or ""), float(t.get("y", 0)) - 11,
              float(t.get("x", 0)), float(t.get("y", 0)) + 1) for t in names]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_says_what_it_drew_on_stderr_and_prints_nothing(tmp_path: Path) -> None:
    out = tmp_path / "raqqa.svg"
    result = invoke("map", "--as-of", "2017-10-20", "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == (f"{out}: 8 places, 16 events; 5 events at places with no "
                             "coordinates\n")
    one = invoke("map", "--place", "Raqqa", "--year", "2017", "-o", str(tmp_path / "one.svg"))
    assert one.stderr == f"{tmp_path / 'one.svg'}: 1 place, 1 event\n"
