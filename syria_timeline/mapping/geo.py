"""The shipped outlines (`data/boundaries.json`) and the projection that puts them on a page.

The outlines are Natural Earth's (public domain), simplified by `data/build_boundaries.py`;
coordinates are thousandths of a degree, flat: [lon, lat, lon, lat, …]. The projection is
equirectangular with longitudes narrowed by the cosine of the middle latitude: at the scale
of two countries it keeps shapes and areas close to what a reader knows.
"""

from __future__ import annotations

import json
import math
from typing import Any

from syria_timeline.files import shipped

SCALE = 62.0  # pixels per degree of latitude


def load_boundaries() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(shipped("boundaries.json").read_text(encoding="utf-8"))
    return document


class Projection:
    """Degrees to page pixels over the shipped bounding box, north up."""

    def __init__(self, bbox: list[int], top: float) -> None:
        west, south, east, north = (v / 1000 for v in bbox)
        self.west, self.north, self.top = west, north, top
        self.kx = SCALE * math.cos(math.radians((south + north) / 2))
        self.width = (east - west) * self.kx
        self.height = (north - south) * SCALE

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.kx, self.top + (self.north - lat) * SCALE

    def path(self, flat: list[int], closed: bool = True) -> str:
        """SVG path data for a flat ring or line in thousandths of a degree, at 0.1 px."""
        parts = []
        for i in range(0, len(flat), 2):
            x, y = self.point(flat[i] / 1000, flat[i + 1] / 1000)
            parts.append(f"{'L' if i else 'M'}{x:.1f} {y:.1f}")
        return "".join(parts) + ("Z" if closed else "")
