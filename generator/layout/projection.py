"""World basemap: load the lon/lat rings shipped as JSON and project them into EMU.

Pure functions, no python-pptx: the renderer turns ``project_rings`` into freeform shapes.
The projection is equirectangular with a standard parallel: one degree of latitude is
``scale`` EMU and one degree of longitude ``scale * cos(standard_parallel)``. Scaling is
uniform (the map keeps its shape) and the map is centred in the area it is given.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from .geometry import Rect

Bounds = tuple[float, float, float, float]  # west, south, east, north (degrees)
Ring = list[tuple[float, float]]

# Plate carree (0) stretches the northern continents sideways; 30 degrees gives the
# familiar proportions at the latitudes where most of the land is.
DEFAULT_STANDARD_PARALLEL = 30.0


@dataclass(frozen=True)
class Basemap:
    bounds: Bounds
    rings: list[Ring]
    source: str = ""
    license: str = ""

    @property
    def point_count(self) -> int:
        return sum(len(r) for r in self.rings)


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _check_bounds(bounds: object, where: str) -> Bounds:
    if not (isinstance(bounds, (list, tuple)) and len(bounds) == 4 and all(map(_number, bounds))):
        raise ValueError(f"{where}: bounds must be [west, south, east, north] numbers, got {bounds!r}")
    west, south, east, north = (float(b) for b in bounds)
    if not (-180.0 <= west < east <= 180.0 and -90.0 <= south < north <= 90.0):
        raise ValueError(
            f"{where}: bounds {list(bounds)!r} must satisfy -180 <= west < east <= 180 "
            "and -90 <= south < north <= 90"
        )
    return west, south, east, north


def load_basemap(path: str | Path) -> Basemap:
    """Read a basemap JSON (``{"bounds": [w, s, e, n], "land": [[[lon, lat], ...], ...]}``).

    Raises ``ValueError`` naming the file and the first bad ring or point.
    """
    path = Path(path)
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{path}: cannot read basemap: {exc.strerror or exc}") from exc
    return parse_basemap(text, str(path))


def parse_basemap(text: bytes | str, path: str) -> Basemap:
    """``load_basemap`` of the file's bytes; ``path`` names it in messages."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(f"{path}: basemap is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise ValueError(f"{path}: basemap must be a JSON object, got {type(data).__name__}")
    if "bounds" not in data or "land" not in data:
        missing = [k for k in ("bounds", "land") if k not in data]
        raise ValueError(f"{path}: basemap lacks {', '.join(repr(k) for k in missing)}")
    west, south, east, north = bounds = _check_bounds(data["bounds"], str(path))
    land = data["land"]
    if not isinstance(land, list) or not land:
        raise ValueError(f"{path}: 'land' must be a non-empty list of rings")
    rings: list[Ring] = []
    for i, ring in enumerate(land):
        if not isinstance(ring, list) or len(ring) < 3:
            raise ValueError(f"{path}: land ring {i} must be a list of at least 3 [lon, lat] points")
        points: Ring = []
        for j, point in enumerate(ring):
            if not (isinstance(point, (list, tuple)) and len(point) == 2 and all(map(_number, point))):
                raise ValueError(f"{path}: land ring {i} point {j} must be [lon, lat] numbers, got {point!r}")
            lon, lat = float(point[0]), float(point[1])
            if not (west <= lon <= east and south <= lat <= north):
                raise ValueError(
                    f"{path}: land ring {i} point {j} ({lon}, {lat}) lies outside bounds {list(bounds)}"
                )
            points.append((lon, lat))
        if len(points) > 3 and points[0] == points[-1]:
            points.pop()  # accept closed rings; store them open
        rings.append(points)
    return Basemap(
        bounds=bounds,
        rings=rings,
        source=str(data.get("source", "")),
        license=str(data.get("license", "")),
    )


@dataclass(frozen=True)
class Projection:
    """Lon/lat degrees to EMU. ``frame`` is the map's rectangle; its corners are the bounds."""

    bounds: Bounds
    frame: Rect

    @property
    def scale_x(self) -> float:
        """EMU per degree of longitude."""
        return self.frame.width / (self.bounds[2] - self.bounds[0])

    @property
    def scale_y(self) -> float:
        """EMU per degree of latitude."""
        return self.frame.height / (self.bounds[3] - self.bounds[1])

    def point(self, lon: float, lat: float) -> tuple[int, int]:
        """EMU position of (lon, lat); points outside the bounds land outside the frame."""
        west, _, _, north = self.bounds
        return (
            self.frame.left + round((lon - west) * self.scale_x),
            self.frame.top + round((north - lat) * self.scale_y),
        )


def fit_projection(
    bounds: Bounds, area: Rect, standard_parallel: float = DEFAULT_STANDARD_PARALLEL
) -> Projection:
    """The largest uniformly scaled equirectangular map of ``bounds`` centred in ``area``."""
    west, south, east, north = _check_bounds(bounds, "fit_projection")
    if area.width <= 0 or area.height <= 0:
        raise ValueError(f"fit_projection: area must have a positive size, got {area}")
    if not 0.0 <= standard_parallel < 90.0:
        raise ValueError(f"fit_projection: standard_parallel must be in [0, 90), got {standard_parallel}")
    span_x = (east - west) * math.cos(math.radians(standard_parallel))
    span_y = north - south
    scale = min(area.width / span_x, area.height / span_y)  # EMU per degree of latitude
    width = min(area.width, math.floor(span_x * scale))
    height = min(area.height, math.floor(span_y * scale))
    frame = Rect(
        area.left + (area.width - width) // 2,
        area.top + (area.height - height) // 2,
        width,
        height,
    )
    return Projection(bounds=(west, south, east, north), frame=frame)


def project_rings(basemap: Basemap, projection: Projection) -> list[list[tuple[int, int]]]:
    """Every ring in EMU, with repeated points (after rounding to whole EMU) removed."""
    out: list[list[tuple[int, int]]] = []
    # Projection.point, with its scales computed once (the same floats, so the same points).
    west, _, _, north = projection.bounds
    scale_x, scale_y = projection.scale_x, projection.scale_y
    left, top = projection.frame.left, projection.frame.top
    for ring in basemap.rings:
        projected: list[tuple[int, int]] = []
        last = None
        for lon, lat in ring:
            p = (left + round((lon - west) * scale_x), top + round((north - lat) * scale_y))
            if p != last:
                projected.append(p)
                last = p
        if len(projected) >= 3:
            out.append(projected)
    return out
