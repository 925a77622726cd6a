"""Kind ``links``: each link's label, then its address as a real, clickable hyperlink."""

from __future__ import annotations

import pytest
from pptx.enum.shapes import PP_PLACEHOLDER

from .conftest import HOUSE, assert_sizes_in_range, paragraph_is_rtl


@pytest.fixture(scope="module")
def links(build_alone):
    return build_alone("more-information")


def paragraphs(built):
    return built.placeholder(PP_PLACEHOLDER.OBJECT).text_frame.paragraphs


def hyperlinked(built) -> list[tuple[str, str]]:
    """``(text, address)`` of every run that is a hyperlink, in order."""
    return [(run.text, run.hyperlink.address) for p in paragraphs(built) for run in p.runs if run.hyperlink.address]


def test_every_link_is_clickable_and_shows_its_address(links):
    urls = [link.url for link in links.model.links]
    assert len(urls) >= 2
    assert hyperlinked(links) == [(url, url) for url in urls]


def test_labels_and_lead_come_before_their_addresses(links):
    expected = [links.model.lead] if links.model.lead else []
    for link in links.model.links:
        expected += [link.text, link.url] if link.text else [link.url]
    assert [p.text for p in paragraphs(links)] == expected


def test_links_are_drawn_in_the_body_placeholder(links):
    assert links.slide.slide_layout.name == "Title and Content"
    assert links.drawn == {}
    assert_sizes_in_range(links.placeholder(PP_PLACEHOLDER.OBJECT), "body")


def test_addresses_are_set_smaller_than_labels(links):
    label = next(p for p in paragraphs(links) if p.text == links.model.links[0].text)
    address = next(p for p in paragraphs(links) if p.text == links.model.links[0].url)
    assert address.runs[0].font.size < label.runs[0].font.size
    high, low = HOUSE.size("body")
    assert low * 0.9 <= address.runs[0].font.size.pt <= high


def test_arabic_keeps_addresses_left_to_right(build_alone):
    arabic = build_alone("more-information", "ar")
    urls = {link.url for link in arabic.model.links}
    assert [address for _, address in hyperlinked(arabic)] == [link.url for link in arabic.model.links]
    for p in paragraphs(arabic):
        assert paragraph_is_rtl(p) == (p.text not in urls), p.text
