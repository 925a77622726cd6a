"""Derive ``world-110m.json`` (the world basemap) from Natural Earth's 1:110m countries.

Usage::

    python content/assets/make_world_map.py PATH/TO/naturalearth_lowres.shp

The shapefile ships in the geopandas 0.14.4 wheel (``geopandas/datasets/naturalearth_lowres``);
see ``README.md`` beside this script. Needs ``pyshp`` only. The build never runs this: the
JSON it writes is committed, and nothing is downloaded when a deck is built.

What it does, per country: keeps the outer ring of every polygon part (holes dropped),
drops Antarctica and any ring lying wholly south of the map's southern bound, drops rings
smaller than ``--min-area`` square degrees, simplifies each ring with Douglas-Peucker
(``--tolerance`` degrees), rounds to 1 decimal and removes repeated points. Rings are
written open (the closing point is not repeated), in the shapefile's record order, so the
output is byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import shapefile  # pyshp

BOUNDS = (-180, -60, 180, 84)  # west, south, east, north
DEFAULT_TOLERANCE = 0.5  # degrees
DEFAULT_MIN_AREA = 2.0  # square degrees
DROPPED_NAMES = {"Antarctica"}
OUTPUT = Path(__file__).with_name("world-110m.json")

Point = tuple[float, float]


def signed_area(ring: list[Point]) -> float:
    """Shoelace area; negative for clockwise rings (shapefile outer rings)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        total += x1 * y2 - x2 * y1
    return total / 2.0


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0.0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(line: list[Point], tolerance: float) -> list[Point]:
    """Simplify an open polyline, keeping both end points (iterative, no recursion limit)."""
    if len(line) < 3:
        return list(line)
    keep = [False] * len(line)
    keep[0] = keep[-1] = True
    stack = [(0, len(line) - 1)]
    while stack:
        first, last = stack.pop()
        worst, worst_index = -1.0, -1
        for i in range(first + 1, last):
            d = _segment_distance(line[i], line[first], line[last])
            if d > worst:
                worst, worst_index = d, i
        if worst > tolerance:
            keep[worst_index] = True
            stack.append((first, worst_index))
            stack.append((worst_index, last))
    return [p for p, k in zip(line, keep) if k]


def simplify_ring(ring: list[Point], tolerance: float) -> list[Point]:
    """Simplify a closed ring (given open): split at the point farthest from the first."""
    if len(ring) < 4:
        return list(ring)
    x0, y0 = ring[0]
    far = max(range(len(ring)), key=lambda i: (ring[i][0] - x0) ** 2 + (ring[i][1] - y0) ** 2)
    first = douglas_peucker(ring[: far + 1], tolerance)
    second = douglas_peucker(ring[far:] + ring[:1], tolerance)
    return first[:-1] + second[:-1]


def round_ring(ring: list[Point]) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, 1) + 0.0, round(y, 1) + 0.0]  # + 0.0 turns -0.0 into 0.0
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def land_rings(shp_path: Path, tolerance: float, min_area: float) -> list[list[list[float]]]:
    reader = shapefile.Reader(str(shp_path))
    names = [f[0] for f in reader.fields[1:]]
    name_field = "name" if "name" in names else None
    rings: list[list[list[float]]] = []
    for shape_record in reader.iterShapeRecords():
        shape = shape_record.shape
        if name_field and shape_record.record[name_field] in DROPPED_NAMES:
            continue
        parts = list(shape.parts) + [len(shape.points)]
        for start, end in zip(parts, parts[1:]):
            ring = [(float(x), float(y)) for x, y in shape.points[start:end]]
            if len(ring) > 1 and ring[0] == ring[-1]:
                ring = ring[:-1]
            if len(ring) < 3:
                continue
            area = signed_area(ring)
            if area > 0:  # counter-clockwise: a hole
                continue
            if -area < min_area:
                continue
            if max(y for _, y in ring) < BOUNDS[1]:
                continue
            rounded = round_ring(simplify_ring(ring, tolerance))
            if len(rounded) >= 3 and abs(signed_area([tuple(p) for p in rounded])) > 0:
                rings.append(rounded)
    return rings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shapefile", type=Path, help="naturalearth_lowres.shp")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE,
                        help="Douglas-Peucker tolerance in degrees (default %(default)s)")
    parser.add_argument("--min-area", type=float, default=DEFAULT_MIN_AREA,
                        help="drop rings smaller than this many square degrees (default %(default)s)")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    rings = land_rings(args.shapefile, args.tolerance, args.min_area)
    data = {
        "source": (
            "Natural Earth 1:110m Cultural Vectors, Admin 0 - Countries "
            "(naturalearthdata.com), as naturalearth_lowres in the geopandas 0.14.4 wheel; "
            f"outer rings only, Antarctica dropped, rings under {args.min_area:g} sq deg dropped, "
            f"Douglas-Peucker {args.tolerance:g} deg, rounded to 0.1 deg"
        ),
        "license": "public domain (Natural Earth)",
        "projection": "equirectangular lon/lat degrees",
        "bounds": list(BOUNDS),
        "land": rings,
    }
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n"
    args.output.write_text(text, encoding="utf-8")
    points = sum(len(r) for r in rings)
    print(f"{args.output}: {len(rings)} rings, {points} points, {len(text.encode())} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
