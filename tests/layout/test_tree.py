"""The org chart's tidy tree layout: pure geometry."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.layout.geometry import Rect
from generator.layout.tree import (
    BOTTOM, LEFT, RIGHT, TOP, TreeNode, facing_sites, layout_tree, resolve_parents,
)

INCH = 914400
WIDE = Rect(int(0.6 * INCH), int(1.6 * INCH), int(12.1 * INCH), int(5.0 * INCH))    # 16:9 content area
NARROW = Rect(int(0.5 * INCH), int(1.5 * INCH), int(9.0 * INCH), int(5.0 * INCH))    # 4:3 content area

ISO = [TreeNode("general-assembly"), TreeNode("council", "general-assembly"),
       TreeNode("standing-committees", "council", beside=True),
       TreeNode("presidents-committee", "council", beside=True),
       TreeNode("policy-committees", "council"), TreeNode("tmb", "council"),
       TreeNode("technical-committees", "tmb")]
CASCO = [("plenary", None), ("policy", "plenary"), ("technical", "plenary"),
         ("cpc", "policy"), ("tig", "policy"), ("star", "policy"),
         ("wg1", "technical"), ("wg2", "technical"), ("more-wgs", "technical")]


def overlaps(a: Rect, b: Rect) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


def assert_sound(layout, area: Rect) -> None:
    for name, box in layout.boxes.items():
        assert box.width > 0 and box.height > 0, name
        assert area.left <= box.left and box.right <= area.right, (name, box, area)
        assert area.top <= box.top and box.bottom <= area.bottom, (name, box, area)
    for (a, ra), (b, rb) in itertools.combinations(layout.boxes.items(), 2):
        assert not overlaps(ra, rb), (a, ra, b, rb)


def centre_x(box: Rect) -> int:
    return box.left + box.width // 2


def assert_parents_centred(layout) -> None:
    for parent in set(layout.parents.values()) - {None}:
        kids = [c for c, p in layout.parents.items() if p == parent and layout.placement[c] == "level"]
        if not kids:
            continue
        xs = sorted(centre_x(layout.boxes[k]) for k in kids)
        assert abs(centre_x(layout.boxes[parent]) - (xs[0] + xs[-1]) / 2) <= 2, parent


@pytest.mark.parametrize("nodes", [ISO, CASCO], ids=["iso", "casco"])
@pytest.mark.parametrize("area", [WIDE, NARROW], ids=["wide", "narrow"])
def test_real_charts_are_sound(nodes, area):
    layout = layout_tree(nodes, area)
    assert_sound(layout, area)
    assert_parents_centred(layout)


def test_levels_go_top_to_bottom():
    layout = layout_tree(CASCO, WIDE)
    boxes = layout.boxes
    assert boxes["plenary"].bottom < boxes["policy"].top
    assert boxes["policy"].top == boxes["technical"].top
    assert boxes["policy"].bottom < boxes["cpc"].top
    assert len({boxes[n].top for n in ("cpc", "tig", "star", "wg1", "wg2", "more-wgs")}) == 1
    # reading order left to right
    lefts = [boxes[n].left for n in ("cpc", "tig", "star", "wg1", "wg2", "more-wgs")]
    assert lefts == sorted(lefts)
    assert layout.rows == 3 and not layout.stacked


def test_gaps_between_boxes_and_rows():
    layout = layout_tree(CASCO, WIDE, h_gap=int(0.25 * INCH), v_gap=int(0.4 * INCH))
    boxes = layout.boxes
    assert boxes["tig"].left - boxes["cpc"].right >= int(0.25 * INCH) - 2
    assert boxes["cpc"].top - boxes["policy"].bottom >= int(0.4 * INCH) - 2


def test_box_size_is_capped_and_centred():
    layout = layout_tree([("a", None), ("b", "a")], WIDE, max_box_width=int(2.5 * INCH),
                         max_box_height=int(1.0 * INCH))
    assert layout.box_width == int(2.5 * INCH) and layout.box_height == int(1.0 * INCH)
    assert abs(centre_x(layout.boxes["a"]) - WIDE.center[0]) <= 2
    bounds = layout.bounds
    assert abs((bounds.top - WIDE.top) - (WIDE.bottom - bounds.bottom)) <= 2


def test_beside_nodes_share_the_parents_row():
    layout = layout_tree(ISO, WIDE)
    boxes = layout.boxes
    council = boxes["council"]
    for name in ("standing-committees", "presidents-committee"):
        assert boxes[name].top == council.top
        assert layout.placement[name] == "beside"
    assert boxes["standing-committees"].right < council.left < council.right < boxes["presidents-committee"].left
    assert layout.sites("standing-committees") == (LEFT, RIGHT)
    assert layout.sites("presidents-committee") == (RIGHT, LEFT)
    assert layout.sites("tmb") == (BOTTOM, TOP)
    assert layout.rows == 4


def test_beside_is_ignored_for_nodes_with_children_and_roots():
    nodes = [TreeNode("a", beside=True), TreeNode("b", "a", beside=True), TreeNode("c", "b")]
    layout = layout_tree(nodes, WIDE)
    assert layout.placement == {"a": "root", "b": "level", "c": "level"}


def test_rtl_mirrors():
    ltr = layout_tree(ISO, WIDE)
    rtl = layout_tree(ISO, WIDE, rtl=True)
    for name, box in ltr.boxes.items():
        mirrored = rtl.boxes[name]
        assert mirrored.top == box.top and mirrored.width == box.width
        assert mirrored.left - WIDE.left == WIDE.right - box.right, name
    assert rtl.sites("standing-committees") == (RIGHT, LEFT)
    assert rtl.boxes["policy-committees"].left > rtl.boxes["tmb"].left


def test_multiple_roots_sit_side_by_side():
    nodes = [("a", None), ("a1", "a"), ("a2", "a"), ("b", None), ("b1", "b")]
    layout = layout_tree(nodes, WIDE)
    assert_sound(layout, WIDE)
    assert_parents_centred(layout)
    assert layout.boxes["a"].top == layout.boxes["b"].top
    assert layout.boxes["a"].right < layout.boxes["b"].left


def test_parent_from_an_explicit_edge():
    nodes = [("a", None), ("b", None), ("c", "a")]
    layout = layout_tree(nodes, WIDE, edges=[("a", "b")])
    assert layout.parents["b"] == "a"
    assert layout.boxes["b"].top == layout.boxes["c"].top > layout.boxes["a"].bottom
    assert_parents_centred(layout)


def test_resolve_parents_keeps_a_tree():
    assert resolve_parents([("a", None), ("b", None)], [("b", "a"), ("a", "b")]) == {"a": "b", "b": None}
    assert resolve_parents([("a", None), ("b", "a")], [("b", "a")]) == {"a": None, "b": "a"}
    with pytest.raises(ValueError, match="unknown parent"):
        resolve_parents([("a", "zz")])
    with pytest.raises(ValueError, match="cycle"):
        resolve_parents([("a", "b"), ("b", "a")])
    with pytest.raises(ValueError, match="twice"):
        resolve_parents([("a", None), ("a", None)])


def test_compact_stacks_leaves_when_too_narrow():
    wide = [("root", None)] + [(f"n{i}", "root") for i in range(8)]
    layout = layout_tree(wide, NARROW, min_box_width=int(1.5 * INCH))
    assert layout.stacked == {"root"}
    assert_sound(layout, NARROW)
    boxes = layout.boxes
    tops = [boxes[f"n{i}"].top for i in range(8)]
    assert tops == sorted(tops) and len(set(tops)) == 8
    # indented: every child starts right of the parent's centre, where the trunk runs
    assert all(boxes[f"n{i}"].left > centre_x(boxes["root"]) for i in range(8))
    assert layout.sites("n0") == (BOTTOM, LEFT)
    rtl = layout_tree(wide, NARROW, min_box_width=int(1.5 * INCH), rtl=True)
    assert all(rtl.boxes[f"n{i}"].right < centre_x(rtl.boxes["root"]) for i in range(8))
    assert rtl.sites("n0") == (BOTTOM, RIGHT)


def test_compact_casco_on_a_narrow_slide_keeps_trunks_clear():
    layout = layout_tree(CASCO, NARROW, min_box_width=int(1.5 * INCH))
    assert layout.stacked == {"policy", "technical"}
    assert_sound(layout, NARROW)
    boxes = layout.boxes
    trunk = centre_x(boxes["technical"])
    for leaf in ("cpc", "tig", "star"):
        assert boxes[leaf].right < trunk
    assert layout.box_width > int(1.5 * INCH)


def test_compact_can_be_forced_or_refused():
    assert layout_tree(CASCO, WIDE, compact=True).stacked == {"policy", "technical"}
    many = [("root", None)] + [(f"n{i}", "root") for i in range(10)]
    assert not layout_tree(many, NARROW, compact=False).stacked
    assert_sound(layout_tree(many, NARROW, compact=False), NARROW)


def test_wide_enough_trees_are_not_stacked():
    assert not layout_tree(CASCO, WIDE, min_box_width=int(1.5 * INCH)).stacked


def test_facing_sites():
    a = Rect(0, 0, 100, 50)
    assert facing_sites(a, Rect(200, 0, 100, 50)) == (RIGHT, LEFT)
    assert facing_sites(a, Rect(-200, 10, 100, 50)) == (LEFT, RIGHT)
    assert facing_sites(a, Rect(20, 100, 100, 50)) == (BOTTOM, TOP)
    assert facing_sites(a, Rect(20, -100, 100, 50)) == (TOP, BOTTOM)


def test_rejects_empty_input():
    with pytest.raises(ValueError):
        layout_tree([], WIDE)


@st.composite
def forests(draw):
    count = draw(st.integers(1, 20))
    nodes = []
    for index in range(count):
        parent = draw(st.one_of(st.none(), st.integers(0, index - 1))) if index else None
        beside = draw(st.booleans()) if index else False
        nodes.append(TreeNode(f"n{index}", None if parent is None else f"n{parent}", beside))
    return nodes


@settings(max_examples=150, deadline=None)
@given(forests(), st.booleans(), st.sampled_from([None, True, False]), st.sampled_from([WIDE, NARROW]))
def test_any_forest_is_sound(nodes, rtl, compact, area):
    layout = layout_tree(nodes, area, rtl=rtl, compact=compact)
    assert set(layout.boxes) == {n.id for n in nodes}
    assert_sound(layout, area)
    assert_parents_centred(layout)
