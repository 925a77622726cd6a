"""Map label placement: the reading side first, then the next clear place, always inside the bounds."""

from __future__ import annotations

from generator.layout.geometry import Rect
from generator.layout.map_labels import clamped, outside, overlap, place_label

BOUNDS = Rect(0, 0, 10_000, 6_000)
PIN = Rect(4_900, 2_900, 200, 200)
GAP, INSET = 50, 20


def place(pin=PIN, pins=None, placed=(), rtl=False, width=1_000, height=600, first_line=200, bounds=BOUNDS):
    return place_label(pin, width, height, first_line, bounds, pins if pins is not None else [pin], list(placed),
                       GAP, INSET, rtl)


def test_the_label_sits_right_of_the_pin_with_its_first_line_level():
    rect, side = place()
    assert side == "right"
    assert rect.left == PIN.right + GAP
    assert rect.top + INSET + 200 // 2 == PIN.center[1]


def test_right_to_left_prefers_the_left():
    rect, side = place(rtl=True)
    assert side == "left" and rect.right == PIN.left - GAP


def test_a_taken_side_sends_the_label_to_the_next_one():
    right, _ = place()
    rect, side = place(placed=[right])
    assert side == "left" and not overlap(rect, right)
    left, _ = place(rtl=True)
    rect, side = place(placed=[right, left])
    assert side == "above" and rect.bottom == PIN.top - GAP


def test_near_the_edge_the_label_stays_inside():
    pin = Rect(9_850, 100, 100, 100)
    rect, side = place(pin=pin)
    assert side == "left"
    assert BOUNDS.left <= rect.left and rect.right <= BOUNDS.right and rect.top >= BOUNDS.top


def test_when_nothing_is_clear_the_least_bad_place_is_taken():
    everything = [Rect(0, 0, 10_000, 6_000)]
    rect, side = place(placed=everything)
    assert side in ("right", "left", "above", "below")
    assert clamped(rect, BOUNDS) == rect


def test_the_pieces():
    assert overlap(Rect(0, 0, 10, 10), Rect(5, 5, 10, 10)) == 25
    assert overlap(Rect(0, 0, 10, 10), Rect(10, 0, 10, 10)) == 0
    assert clamped(Rect(-5, 95, 10, 10), Rect(0, 0, 100, 100)) == Rect(0, 90, 10, 10)
    assert outside(Rect(-5, 0, 10, 10), Rect(0, 0, 100, 100)) == 50
