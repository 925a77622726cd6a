"""Rectangles in EMU: their edges, centre, and insets that never go negative."""

from __future__ import annotations

import dataclasses

import pytest

from generator.layout.geometry import Rect, inset


def test_edges_and_centre_follow_from_position_and_size():
    rect = Rect(100, 200, 51, 30)
    assert (rect.right, rect.bottom) == (151, 230)
    assert rect.center == (125, 215)


def test_a_rect_is_a_value():
    rect = Rect(0, 0, 10, 10)
    assert rect == Rect(0, 0, 10, 10) and hash(rect) == hash(Rect(0, 0, 10, 10))
    with pytest.raises(dataclasses.FrozenInstanceError):
        rect.left = 5


def test_inset_shrinks_each_side_by_its_margin():
    assert inset(Rect(100, 200, 1000, 500), 10, 20) == Rect(110, 220, 980, 460)


def test_inset_larger_than_the_rect_leaves_an_empty_rect_not_a_negative_one():
    shrunk = inset(Rect(0, 0, 30, 10), 20, 20)
    assert (shrunk.width, shrunk.height) == (0, 0)
    assert (shrunk.left, shrunk.top) == (20, 20)
