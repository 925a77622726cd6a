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


# ---------------------------------------------------------------- when a row is too narrow

def _long_heading(slide_file: str, digits: int):
    """Card 1's heading becomes one long number: a word no hyphenation can break."""
    def edit(content):
        path = content / "slides" / slide_file
        lines = path.read_text(encoding="utf-8").splitlines()
        first = next(i for i, line in enumerate(lines) if line.startswith("  - heading:"))
        lines[first] = f"  - heading: '{'1234567890' * (digits // 10)}'"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return edit


def _heading_rows(built) -> list[list[int]]:
    """The cards' numbers, row by row, top to bottom."""
    tops: dict[int, list[int]] = {}
    for i in range(1, len(built.model.cards) + 1):
        tops.setdefault(built.box(f"Card {i} heading").top, []).append(i)
    return [tops[top] for top in sorted(tops)]


def test_cards_stay_in_one_row_while_they_fit(build_alone):
    assert _heading_rows(build_alone("iec-ca-systems")) == [[1, 2, 3, 4]]


def test_cards_too_narrow_in_one_row_go_on_two_rows(build_alone):
    built = build_alone("iec-ca-systems", edit=_long_heading("07-iec-ca-systems.yaml", 20))
    assert _heading_rows(built) == [[1, 2], [3, 4]]
    built.assert_drawn_inside_content_area()
    assert built.box("Card 1").bottom < built.box("Card 3 heading").top
    for i in (1, 2, 3, 4):
        assert_sizes_in_range(built.shape(f"Card {i}"), "body")


def test_cards_too_narrow_side_by_side_are_stacked(build_alone):
    built = build_alone("iec", edit=_long_heading("04-iec.yaml", 40))
    assert _heading_rows(built) == [[1], [2]]
    built.assert_drawn_inside_content_area()
    assert all(built.box(f"Card {i}").right - built.box(f"Card {i}").left
               == built.content_area.right - built.content_area.left for i in (1, 2))


def _long_subheadings(words: int):
    sentence = " ".join(["equipment and components for electrical installations"] * 20).split()[:words]

    def edit(content):
        path = content / "slides" / "07-iec-ca-systems.yaml"
        lines = path.read_text(encoding="utf-8").splitlines()
        lines = [f"    subheading: {' '.join(sentence)}" if line.startswith("    subheading:") else line
                 for line in lines]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return edit


def test_cards_too_full_grow_into_the_room_the_common_points_leave(build_alone):
    built = build_alone("iec-ca-systems", edit=_long_subheadings(22))
    built.assert_drawn_inside_content_area()
    area = built.content_area
    cards_height = built.box("Card 1").bottom - built.box("Card 1 heading").top
    assert cards_height > 0.6 * (area.bottom - area.top)
    assert built.box("Card 4").bottom < built.box("Common points").top
