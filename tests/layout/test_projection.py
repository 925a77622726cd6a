"""The world basemap asset and the equirectangular projection that places it on a slide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.layout.geometry import Rect
from generator.layout.projection import (
    Basemap,
    fit_projection,
    load_basemap,
    project_rings,
)

ASSET = Path(__file__).resolve().parents[2] / "content" / "assets" / "world-110m.json"
BOUNDS = (-180.0, -60.0, 180.0, 84.0)

# Content areas of a 13.333 x 7.5 in (16:9) and a 10 x 7.5 in (4:3) slide.
AREA_16_9 = Rect(457200, 914400, 12192000 - 914400, 6858000 - 1371600)
AREA_4_3 = Rect(457200, 914400, 9144000 - 914400, 6858000 - 1371600)

GENEVA = (6.1, 46.2)
SYDNEY = (151.2, -33.9)


def inside(inner: Rect, outer: Rect) -> bool:
    return (
        outer.left <= inner.left
        and outer.top <= inner.top
        and inner.right <= outer.right
        and inner.bottom <= outer.bottom
    )


@pytest.mark.parametrize("area", [AREA_16_9, AREA_4_3], ids=["16:9", "4:3"])
@pytest.mark.parametrize("parallel", [0.0, 30.0])
def test_frame_stays_within_area_and_is_centred(area: Rect, parallel: float) -> None:
    projection = fit_projection(BOUNDS, area, standard_parallel=parallel)
    frame = projection.frame
    assert inside(frame, area)
    # Fills one dimension (to the EMU), centred in the other.
    assert frame.width == area.width or frame.height == area.height
    assert abs(frame.center[0] - area.center[0]) <= 1
    assert abs(frame.center[1] - area.center[1]) <= 1


@pytest.mark.parametrize("area", [AREA_16_9, AREA_4_3], ids=["16:9", "4:3"])
def test_bounds_corners_map_to_frame_corners(area: Rect) -> None:
    projection = fit_projection(BOUNDS, area)
    frame = projection.frame
    assert projection.point(-180, 84) == (frame.left, frame.top)
    assert projection.point(180, -60) == (frame.right, frame.bottom)


@pytest.mark.parametrize("area", [AREA_16_9, AREA_4_3], ids=["16:9", "4:3"])
def test_scale_is_uniform(area: Rect) -> None:
    plate = fit_projection(BOUNDS, area, standard_parallel=0.0)
    assert plate.scale_x == pytest.approx(plate.scale_y, rel=1e-4)
    stretched = fit_projection(BOUNDS, area, standard_parallel=30.0)
    assert stretched.scale_x / stretched.scale_y == pytest.approx(0.8660, rel=1e-3)


@pytest.mark.parametrize("area", [AREA_16_9, AREA_4_3], ids=["16:9", "4:3"])
def test_geneva_is_right_of_and_above_centre(area: Rect) -> None:
    projection = fit_projection(BOUNDS, area)
    x, y = projection.point(*GENEVA)
    cx, cy = projection.frame.center
    assert x > cx
    assert y < cy
    assert isinstance(x, int) and isinstance(y, int)


@pytest.mark.parametrize("area", [AREA_16_9, AREA_4_3], ids=["16:9", "4:3"])
def test_sydney_is_bottom_right(area: Rect) -> None:
    projection = fit_projection(BOUNDS, area)
    frame = projection.frame
    x, y = projection.point(*SYDNEY)
    assert x > frame.left + frame.width * 3 // 4
    assert y > frame.center[1]
    assert inside(Rect(x, y, 0, 0), frame)


def test_fit_projection_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="bounds"):
        fit_projection((10, 0, -10, 5), AREA_16_9)
    with pytest.raises(ValueError, match="positive size"):
        fit_projection(BOUNDS, Rect(0, 0, 0, 100))


def test_asset_loads_and_is_small() -> None:
    basemap = load_basemap(ASSET)
    assert basemap.bounds == BOUNDS
    assert len(basemap.rings) > 100
    assert basemap.point_count < 6000
    assert "public domain" in basemap.license
    assert "Natural Earth" in basemap.source
    assert ASSET.stat().st_size < 150_000
    for ring in basemap.rings:
        assert len(ring) >= 3
        for lon, lat in ring:
            assert -180 <= lon <= 180 and -60 <= lat <= 84


def test_asset_is_deterministically_serialised() -> None:
    text = ASSET.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"


def test_project_rings_stays_within_frame() -> None:
    basemap = load_basemap(ASSET)
    projection = fit_projection(basemap.bounds, AREA_16_9)
    rings = project_rings(basemap, projection)
    frame = projection.frame
    assert len(rings) == len(basemap.rings)
    for ring in rings:
        assert len(ring) >= 3
        for x, y in ring:
            assert frame.left <= x <= frame.right and frame.top <= y <= frame.bottom


def test_project_rings_drops_repeated_and_degenerate_points() -> None:
    basemap = Basemap(
        bounds=BOUNDS,
        rings=[
            [(0.0, 0.0), (0.0, 0.0), (10.0, 0.0), (10.0, 10.0)],
            [(0.0, 0.0), (1e-9, 0.0), (2e-9, 0.0)],  # collapses to one EMU point
        ],
    )
    rings = project_rings(basemap, fit_projection(BOUNDS, AREA_16_9))
    assert len(rings) == 1
    assert len(rings[0]) == 3


def write(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "map.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


GOOD_RING = [[0, 0], [10, 0], [10, 10]]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ([1, 2], "must be a JSON object"),
        ({"land": [GOOD_RING]}, "lacks 'bounds'"),
        ({"bounds": [-180, -60, 180, 84]}, "lacks 'land'"),
        ({"bounds": [-180, -60, 180], "land": [GOOD_RING]}, "bounds must be"),
        ({"bounds": [180, -60, -180, 84], "land": [GOOD_RING]}, "must satisfy"),
        ({"bounds": [-180, -60, 180, 84], "land": []}, "non-empty list"),
        ({"bounds": [-180, -60, 180, 84], "land": [[[0, 0], [1, 1]]]}, "ring 0 must be"),
        ({"bounds": [-180, -60, 180, 84], "land": [GOOD_RING, [[0, 0], [1, "x"], [2, 2]]]}, "ring 1 point 1"),
        ({"bounds": [-180, -60, 180, 84], "land": [[[0, 0], [1, True], [2, 2]]]}, "ring 0 point 1"),
        ({"bounds": [-180, -60, 180, 84], "land": [[[0, 0], [1, 1, 1], [2, 2]]]}, "ring 0 point 1"),
        ({"bounds": [-180, -60, 180, 84], "land": [[[0, 0], [1, -75], [2, 2]]]}, "outside bounds"),
    ],
)
def test_malformed_basemap_raises_value_error(tmp_path: Path, content: object, message: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(ValueError, match=message) as excinfo:
        load_basemap(path)
    assert str(path) in str(excinfo.value)


def test_missing_basemap_raises_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read basemap"):
        load_basemap(tmp_path / "absent.json")


def test_closed_rings_are_accepted_and_stored_open(tmp_path: Path) -> None:
    path = write(tmp_path, {"bounds": [-180, -60, 180, 84], "land": [GOOD_RING + [[0, 0]]]})
    assert load_basemap(path).rings == [[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]]
