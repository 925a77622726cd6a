"""Kind ``cycle``: actors around a circle, each glued to the next by a straight connector."""

from __future__ import annotations

import math

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE

from .conftest import Box, assert_sizes_in_range

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def cycle(build_alone):
    return build_alone("iso-system")


def glue(connector) -> tuple[tuple[int, int], tuple[int, int]]:
    """``((shape id, site), (shape id, site))`` the connector's two ends are glued to."""
    start, end = connector._element.find(f".//{A}stCxn"), connector._element.find(f".//{A}endCxn")
    assert start is not None and end is not None, connector.name
    return (int(start.get("id")), int(start.get("idx"))), (int(end.get("id")), int(end.get("idx")))


def site(shape, index: int) -> tuple[int, int]:
    """Where connection site ``index`` of a rectangle-like shape is: 0 top, 1 left, 2 bottom, 3 right."""
    box = Box.of(shape)
    middle_x, middle_y = (box.left + box.right) // 2, (box.top + box.bottom) // 2
    return {0: (middle_x, box.top), 1: (box.left, middle_y), 2: (middle_x, box.bottom), 3: (box.right, middle_y)}[index]


def centre(shape) -> tuple[float, float]:
    return shape.left + shape.width / 2, shape.top + shape.height / 2


def distance(a, b) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def test_a_node_per_actor_and_a_link_per_node(cycle):
    count = len(cycle.model.nodes)
    assert count == 3
    assert list(cycle.drawn) == [f"Node {i}" for i in range(1, count + 1)] + [f"Link {i}" for i in range(1, count + 1)]
    for i, node in enumerate(cycle.model.nodes, 1):
        paragraphs = cycle.shape(f"Node {i}").text_frame.paragraphs
        assert [p.text for p in paragraphs] == [node.label, node.text]


def test_each_link_is_glued_from_its_node_to_the_next(cycle):
    count = len(cycle.model.nodes)
    for i in range(1, count + 1):
        link = cycle.shape(f"Link {i}")
        assert link.shape_type == MSO_SHAPE_TYPE.LINE
        (start_id, start_site), (end_id, end_site) = glue(link)
        start, end = cycle.shape(f"Node {i}"), cycle.shape(f"Node {i % count + 1}")
        assert (start_id, end_id) == (start.shape_id, end.shape_id)
        # drawn where it is glued: PowerPoint would not move it on opening
        assert abs(link.begin_x - site(start, start_site)[0]) <= 2 and abs(link.begin_y - site(start, start_site)[1]) <= 2
        assert abs(link.end_x - site(end, end_site)[0]) <= 2 and abs(link.end_y - site(end, end_site)[1]) <= 2
        # glued to the sides that face each other: shorter than the way between the nodes' centres
        assert distance((link.begin_x, link.begin_y), (link.end_x, link.end_y)) < distance(centre(start), centre(end))


def test_nodes_ring_the_content_area_clockwise_from_the_top(cycle):
    cycle.assert_drawn_inside_content_area()
    first, second, third = (cycle.box(f"Node {i}") for i in (1, 2, 3))
    area = cycle.content_area
    assert abs(first.center_x - (area.left + area.right) / 2) <= 1
    assert second.center_x > first.center_x > third.center_x       # clockwise: the second on the right
    assert second.top == third.top > first.top
    assert len({(b.right - b.left, b.bottom - b.top) for b in (first, second, third)}) == 1


def test_node_text_is_sized_in_the_body_range(cycle):
    for i in (1, 2, 3):
        assert_sizes_in_range(cycle.shape(f"Node {i}"), "body", max_pt=24)
        label, text = cycle.shape(f"Node {i}").text_frame.paragraphs
        assert text.runs[0].font.size < label.runs[0].font.size


def test_arabic_runs_counterclockwise_still_glued(build_alone):
    arabic = build_alone("iso-system", "ar")
    assert arabic.box("Node 2").center_x < arabic.box("Node 1").center_x < arabic.box("Node 3").center_x
    for i in (1, 2, 3):
        (start_id, _), (end_id, _) = glue(arabic.shape(f"Link {i}"))
        assert (start_id, end_id) == (arabic.shape(f"Node {i}").shape_id, arabic.shape(f"Node {i % 3 + 1}").shape_id)
