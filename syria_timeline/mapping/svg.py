"""A map as one SVG document: outlines, governorate names, markers, legend, title, credits.

The document references nothing outside itself: no font, image, style sheet or link; the
only URL is the SVG namespace. Arabic is written as text in logical order, with `direction`
set, so the viewer shapes and orders it. Every value from the store is escaped.
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

from syria_timeline.mapping.geo import Projection, load_boundaries
from syria_timeline.mapping.state import (
    NOBODY,
    NOBODY_COLOUR,
    UNKNOWN,
    UNKNOWN_COLOUR,
    MapState,
    Marker,
)
from syria_timeline.vocabulary import format_date

HEADER = 58.0  # the title band above the map
FONT = "Noto Naskh Arabic, Noto Sans Arabic, DejaVu Sans, Arial, sans-serif"
SEA, LAND, OURS, EDGE = "#d7e6f2", "#ece8df", "#fbfaf6", "#b9b4a8"
# Neighbours left unnamed: Palestine, Cyprus and Egypt would crowd Israel and Lebanon, or sit
# on the map's edge.
UNLABELLED = frozenset({"275", "196", "818"})
NAMED = 14  # the places with most events are named beside their markers; hover names any
NOBODY_NAME = "لا سيطرة معروفة في السجل"
UNKNOWN_NAME = "المنتصر لا يسمّيه النص"


def render(state: MapState, *, all_sides: bool = False) -> str:
    """The SVG text. `all_sides`: a legend entry for every side of any date (the HTML page's
    slider can show them all), not only those holding a place on the map's day."""
    bounds = load_boundaries()
    projection = Projection(bounds["bbox"], HEADER)
    width, height = projection.width, projection.height + HEADER
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="{width:.0f}" height="{height:.0f}" font-family="{FONT}" '
        f'data-day="{state.day}" data-events="{state.events}">',
        f'<title>{escape(heading(state))}</title>',
        f'<rect x="0" y="{HEADER}" width="{width:.0f}" height="{projection.height:.0f}" '
        f'fill="{SEA}"/>',
        *_outlines(bounds, projection),
        *_markers(state, projection),
        *_legend(state, projection, all_sides),
        *_header(state, width),
        _credits(projection),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def heading(state: MapState) -> str:
    return f"خريطة السيطرة: {state.title} — الوضع في {format_date(state.day, 'ar')}"


def _text(x: float, y: float, text: str, size: float, anchor: str = "middle",
          **attributes: str) -> str:
    """Text read right to left. With `direction="rtl"` an anchor of `start` is the text's
    right edge: the one to give for text aligned on the right."""
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attributes.items())
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" direction="rtl" '
            f'text-anchor="{anchor}"{extra}>{escape(text)}</text>')


def _outlines(bounds: dict[str, Any], projection: Projection) -> list[str]:
    out = [f'<g id="neighbours" fill="{LAND}" stroke="{EDGE}" stroke-width="0.6">']
    out += [f'<path d="{"".join(projection.path(r) for r in n["rings"])}"/>'
            for n in bounds["neighbours"]]
    out.append('</g><g id="neighbour-names" fill="#9a958a">')
    out += [_text(*projection.point(n["label"][0] / 1000, n["label"][1] / 1000), n["name_ar"], 13)
            for n in bounds["neighbours"] if n["code"] not in UNLABELLED]
    out.append(f'</g><g id="governorates" fill="{OURS}" stroke="{EDGE}" stroke-width="0.7">')
    for area in bounds["governorates"]:
        d = "".join(projection.path(r) for r in area["rings"])
        # `data-province`, not `data-place`: that attribute marks the markers alone.
        place = f' data-province="{escape(area["place"])}"' if area["place"] else ""
        out.append(f'<path data-code="{escape(area["code"])}"{place} d="{d}"/>')
    out.append('</g><g id="borders" fill="none" stroke="#6b665c" stroke-width="1.3">')
    out += [f'<path d="{"".join(projection.path(line, closed=False) for line in lines)}"/>'
            for lines in bounds["borders"].values()]
    out.append('</g><g id="governorate-names" fill="#8a857a">')
    out += [_text(*projection.point(a["label"][0] / 1000, a["label"][1] / 1000), a["name_ar"],
                  9.5) for a in bounds["governorates"] if a["label"]]
    out.append("</g>")
    return out


SMALLEST = 2.5  # a marker's radius for one event


def largest(markers: int) -> float:
    """The radius of the marker with most events: smaller as markers crowd the map (12 px for
    a few dozen places, 4 px for a thousand), so that they hide each other less."""
    return max(4.0, min(12.0, 12.0 * math.sqrt(40 / max(markers, 1))))


def radius(count: int, most: int, biggest: float) -> float:
    """A marker's radius: its area grows with its events, up to `biggest`."""
    return SMALLEST + (biggest - SMALLEST) * math.sqrt(count / max(most, 1))


def colour(state: MapState, side: int) -> str:
    if side == UNKNOWN:
        return UNKNOWN_COLOUR
    return NOBODY_COLOUR if side == NOBODY else state.sides[side].colour


def holder_name(state: MapState, side: int) -> str:
    if side == UNKNOWN:
        return UNKNOWN_NAME
    return NOBODY_NAME if side == NOBODY else state.sides[side].name_ar


def _markers(state: MapState, projection: Projection) -> list[str]:
    most = max((m.count for m in state.markers), default=1)
    biggest = largest(len(state.markers))
    out = ['<g id="markers" stroke="#333" stroke-width="0.8">']
    out += [_marker(state, m, projection, most, biggest) for m in state.markers]
    out.append('</g><g id="place-names" fill="#222" stroke="#ffffff" stroke-width="2.5" '
               'paint-order="stroke">')
    taken: list[tuple[float, float, float, float]] = []
    for marker in state.markers[:NAMED]:  # most events first
        x, y = projection.point(marker.x, marker.y)
        right = x - radius(marker.count, most, biggest) - 2
        box = (right - 6.0 * len(marker.place.name_ar), y - 7, right, y + 5)  # about 6 px a letter
        if any(_overlap(box, other) for other in taken):
            continue  # a name over another helps no one; hovering names every place
        taken.append(box)
        out.append(_text(right, y + 4, marker.place.name_ar, 10.5, anchor="start",
                         data_for=escape(marker.place.id)))
    out.append("</g>")
    return out


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]
             ) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _marker(state: MapState, marker: Marker, projection: Projection, most: int,
            biggest: float) -> str:
    x, y = projection.point(marker.x, marker.y)
    side = marker.holder(state.step)
    tip = f"{marker.place.name_ar} — {marker.count} حدثًا — {holder_name(state, side)}"
    return (f'<circle class="marker" data-place="{escape(marker.place.id)}" '
            f'data-count="{marker.count}" cx="{x:.1f}" cy="{y:.1f}" '
            f'r="{radius(marker.count, most, biggest):.1f}" fill="{colour(state, side)}">'
            f'<title>{escape(tip)}</title></circle>')


def legend_entries(state: MapState, all_sides: bool) -> list[int]:
    """The sides a legend lists: those on the map's day, or every one; then the two others."""
    if all_sides:
        used = set(range(len(state.sides))) | {UNKNOWN, NOBODY}
    else:
        used = {m.holder(state.step) for m in state.markers}
    return [*[i for i in range(len(state.sides)) if i in used],
            *[s for s in (UNKNOWN, NOBODY) if s in used]]


def _legend(state: MapState, projection: Projection, all_sides: bool) -> list[str]:
    """Bottom left, over the desert: one column, or two when there are many sides."""
    entries = legend_entries(state, all_sides)
    columns = 1 if len(entries) <= 7 else 2
    rows = -(-len(entries) // columns)
    width, line = 300.0 if columns == 1 else 200.0, 17.0
    right = 8 + width * columns
    top = HEADER + projection.height - 14 - line * (rows + 1)
    out = [f'<g id="legend"><rect x="8" y="{top - 20:.1f}" width="{width * columns:.0f}" '
           f'height="{line * (rows + 1) + 22:.1f}" rx="4" fill="#ffffff" '
           f'fill-opacity="0.88" stroke="#b9b4a8"/>',
           _text(right - 4, top - 4, "من يسيطر (لون الدائرة)، وحجمها بعدد الأحداث", 11.5,
                 anchor="start", font_weight="bold")]
    for n, side in enumerate(entries):
        x, y = right - width * (n // rows) - 12, top + line * (n % rows + 0.7)
        out.append(f'<circle class="swatch" data-side="{_side_key(state, side)}" cx="{x:.0f}" '
                   f'cy="{y - 4:.1f}" r="5.5" fill="{colour(state, side)}" stroke="#333" '
                   f'stroke-width="0.8"/>')
        out.append(_text(x - 12, y, holder_name(state, side), 11.5, anchor="start"))
    out.append("</g>")
    return out


def _side_key(state: MapState, side: int) -> str:
    if side in (UNKNOWN, NOBODY):
        return "unknown" if side == UNKNOWN else "none"
    return escape(state.sides[side].id)


def _header(state: MapState, width: float) -> list[str]:
    counts = f"{state.events} حدثًا في {len(state.markers)} مكانًا على الخريطة"
    if state.unplaced:
        counts += f"، و{state.unplaced} في أماكن بلا إحداثيات (بلد أو محافظة)"
    return [f'<rect x="0" y="0" width="{width:.0f}" height="{HEADER}" fill="#ffffff"/>',
            _text(width - 12, 24, f"خريطة السيطرة: {state.title}", 17, anchor="start",
                  font_weight="bold", id="map-title"),
            _text(width - 12, 46, f"الوضع في {format_date(state.day, 'ar')} · {counts}", 12.5, anchor="start",
                  id="map-day")]


def _credits(projection: Projection) -> str:
    return _text(projection.width - 6, HEADER + projection.height - 6,
                 "الحدود: Natural Earth (ملك عام)، مبسّطة. الأحداث: من مصادرها المذكورة في السجل.",
                 9, anchor="start", fill="#555", id="credits")
