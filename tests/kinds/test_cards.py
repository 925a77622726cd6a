"""Kind ``cards``: a row of cards, each a filled heading over a body, first card on the reading side."""

from __future__ import annotations

import pytest

from .conftest import assert_sizes_in_range


@pytest.fixture(scope="module")
def cards(build_alone):
    return build_alone("iec")


def test_a_heading_and_a_body_per_card(cards):
    count = len(cards.model.cards)
    assert count == 2
    assert list(cards.drawn) == [name for i in range(1, count + 1) for name in (f"Card {i} heading", f"Card {i}")]
    for i, card in enumerate(cards.model.cards, 1):
        assert cards.shape(f"Card {i} heading").text_frame.text == card.heading
        body = cards.shape(f"Card {i}").text_frame.text
        assert all(line in body for line in [card.subheading or "", *card.items])


def test_cards_fill_the_content_area_side_by_side(cards):
    cards.assert_drawn_inside_content_area()
    (h1, b1), (h2, b2) = [(cards.box(f"Card {i} heading"), cards.box(f"Card {i}")) for i in (1, 2)]
    assert h1.right - h1.left == h2.right - h2.left
    assert h1.top == h2.top and b1.bottom == b2.bottom
    assert h1.bottom == b1.top and h2.bottom == b2.top          # the body hangs from its heading
    assert (h1.left, h1.right) == (b1.left, b1.right)
    assert h1.right < h2.left
    assert h1.left == cards.content_area.left and h2.right == cards.content_area.right


def test_headings_and_bodies_are_sized_in_their_ranges(cards):
    for i in (1, 2):
        assert_sizes_in_range(cards.shape(f"Card {i} heading"), "big_number", max_pt=32)
        assert_sizes_in_range(cards.shape(f"Card {i}"), "body")


def test_arabic_puts_the_first_card_on_the_right(build_alone):
    arabic = build_alone("iec", "ar")
    assert arabic.box("Card 1 heading").left > arabic.box("Card 2 heading").right
