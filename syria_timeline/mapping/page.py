"""A map as one HTML page: the SVG inline, a slider over time, a panel for one place.

The page loads nothing: its style and script are inline and its Content-Security-Policy
forbids every fetch, so even a link slipped into a quote could not reach the network. The
data the script redraws from is JSON in a non-executed script element, with `<` escaped.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from syria_timeline.mapping import svg
from syria_timeline.mapping.state import NOBODY, UNKNOWN, MapState, Marker
from syria_timeline.vocabulary import format_date

_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"
_STYLE = """
body { margin: 0; font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans", Arial,
  sans-serif; background: #f6f5f1; color: #222; }
#controls { display: flex; align-items: center; gap: 12px; padding: 8px 14px; background: #fff;
  border-bottom: 1px solid #ddd; }
#slider { flex: 1; }
#slider-day { min-width: 12em; font-weight: bold; }
#main { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 10px; padding: 10px; }
#main svg { max-width: 100%; height: auto; background: #fff; }
circle.marker { cursor: pointer; }
#panel { width: 320px; min-height: 120px; background: #fff; border: 1px solid #ddd;
  padding: 8px 12px; font-size: 14px; line-height: 1.6; }
#panel blockquote { margin: 6px 0; padding: 4px 8px; border-right: 3px solid #999;
  background: #f4f4f4; white-space: pre-wrap; }
"""
_SCRIPT = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  var slider = document.getElementById("slider");
  var label = document.getElementById("slider-day");
  var panel = document.getElementById("panel");
  var heading = document.getElementById("map-day");
  var markers = Array.prototype.slice.call(document.querySelectorAll("circle.marker"));
  var chosen = null;
  var names = {};
  document.querySelectorAll("text[data-for]").forEach(function (name) {
    names[name.getAttribute("data-for")] = name;
  });
  function latest(list, step) {
    var found = null;
    for (var i = 0; i < list.length && list[i][0] <= step; i++) { found = list[i]; }
    return found;
  }
  function side(id) {
    return id === data.unknown ? data.others[0] : id === data.nobody ? data.others[1]
      : data.sides[id];
  }
  function holder(place, step) { var c = latest(place.c, step); return c ? c[1] : data.nobody; }
  function line(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    panel.appendChild(element);
  }
  function show(id, step) {
    var place = data.places[id], counted = latest(place.n, step), event = latest(place.e, step);
    var capture = latest(place.c, step);
    panel.textContent = "";
    line("h2", place.name);
    line("p", "الأحداث حتى " + data.labels[step] + ": " + (counted ? counted[1] : 0));
    line("p", "يسيطر عليها: " + side(holder(place, step))[1] +
      (capture ? " (منذ " + capture[2] + ")" : ""));
    if (event) {
      line("p", event[1] + " · " + event[2]);
      line("p", event[3]);
      line("blockquote", event[4]);
    }
  }
  function draw(step) {
    markers.forEach(function (marker) {
      var place = data.places[marker.getAttribute("data-place")];
      var counted = latest(place.n, step);
      var name = names[marker.getAttribute("data-place")];
      if (name) { name.style.display = counted ? "" : "none"; }
      if (!counted) { marker.style.display = "none"; return; }
      var held = side(holder(place, step));
      marker.style.display = "";
      marker.setAttribute("r", (data.radius[0] + (data.radius[1] - data.radius[0]) *
        Math.sqrt(counted[1] / data.most)).toFixed(1));
      marker.setAttribute("fill", held[0]);
      marker.firstElementChild.textContent = place.name + " — " + counted[1] + " حدثًا — " + held[1];
    });
    label.textContent = data.labels[step];
    heading.textContent = "الوضع في " + data.labels[step];
    if (chosen !== null) { show(chosen, step); }
  }
  slider.addEventListener("input", function () { draw(Number(slider.value)); });
  markers.forEach(function (marker) {
    var id = marker.getAttribute("data-place");
    marker.addEventListener("mouseenter", function () { show(id, Number(slider.value)); });
    marker.addEventListener("click", function () { chosen = id; show(id, Number(slider.value)); });
  });
  label.textContent = data.labels[Number(slider.value)];
}());
"""


def render(state: MapState) -> str:
    """The whole page as text."""
    title = escape(svg.heading(state))
    last = len(state.steps) - 1
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="ar" dir="rtl"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title><style>{_STYLE}</style></head><body>",
        '<div id="controls"><label for="slider">التاريخ</label>',
        f'<input type="range" id="slider" min="0" max="{last}" step="1" value="{state.step}">',
        '<output id="slider-day" for="slider"></output></div>',
        '<div id="main">', svg.render(state, all_sides=True),
        '<aside id="panel"><p>مرّر المؤشر فوق دائرة أو انقر عليها لترى آخر أحداث المكان '
        "ونصّها الحرفي.</p></aside></div>",
        f'<script type="application/json" id="map-data">{script_json(page_data(state))}</script>',
        f"<script>{_SCRIPT}</script>",
        "</body></html>",
    ]) + "\n"


def script_json(value: Any) -> str:
    """JSON that cannot end the script element holding it: every `<` as an escape."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def page_data(state: MapState) -> dict[str, Any]:
    """What the script redraws from: steps, sides, and each place's counts, holders, events."""
    return {
        "labels": [format_date(day if i == len(state.steps) - 1 else day[:7], "ar")
                   for i, day in enumerate(state.steps)],
        "sides": [[side.colour, side.name_ar] for side in state.sides],
        "others": [[svg.colour(state, s), svg.holder_name(state, s)] for s in (UNKNOWN, NOBODY)],
        "unknown": UNKNOWN, "nobody": NOBODY,
        "most": max((m.count for m in state.markers), default=1),
        "radius": [svg.SMALLEST, svg.largest(len(state.markers))],
        "places": {m.place.id: _place(m) for m in state.markers},
    }


def _place(marker: Marker) -> dict[str, Any]:
    return {"name": marker.place.name_ar, "n": [list(c) for c in marker.counts],
            "c": [[c.step, c.side, c.date] for c in marker.captures],
            "e": [[s.step, s.date, s.type, s.sides, s.quote] for s in marker.shown]}
