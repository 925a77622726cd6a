"""The map slide built alone: one native land shape, a pin and a label per office, sound geometry."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from lxml import etree
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from generator.layout.geometry import Rect
from generator.load.loader import load_deck

ROOT = Path(__file__).resolve().parents[2]
BASEMAP = ROOT / "content" / "assets" / "world-110m.json"


SLIDES = ("iec-offices",)      # the deck is built with these slides only


@pytest.fixture(scope="module")
def offices():
    deck = load_deck(ROOT / "content", ROOT)
    return next(slide for slide in deck.slides if slide.kind == "map").offices


def map_slide(prs):
    slides = [s for s in prs.slides if any(shape.name == "Land" for shape in s.shapes)]
    assert len(slides) == 1
    return slides[0]


def named(slide, prefix: str) -> list:
    return [shape for shape in slide.shapes if shape.name.startswith(prefix)]


def rect(shape) -> Rect:
    return Rect(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


def overlap(a: Rect, b: Rect) -> bool:
    return a.left < b.right and b.left < a.right and a.top < b.bottom and b.top < a.bottom


# ---------------------------------------------------------------- the land

def test_the_land_is_one_freeform_with_many_paths(english):
    slide = map_slide(english)
    land = [shape for shape in slide.shapes if shape.name == "Land"]
    assert len(land) == 1
    assert land[0].shape_type == MSO_SHAPE_TYPE.FREEFORM
    element = land[0]._element
    paths = element.findall(".//" + qn("a:path"))
    assert len(paths) > 100
    assert all(path.find(qn("a:close")) is not None for path in paths)
    assert element.find(qn("p:style")) is None, "no theme style: LibreOffice would draw a shadow"
    sp_pr = element.find(qn("p:spPr"))
    assert [etree.QName(child).localname for child in sp_pr] == ["xfrm", "custGeom", "solidFill", "ln"]
    geometry = sp_pr.find(qn("a:custGeom"))
    assert [etree.QName(child).localname for child in geometry] == [
        "avLst", "gdLst", "ahLst", "cxnLst", "rect", "pathLst"]


def test_the_land_is_drawn_first_and_pale(english):
    slide = map_slide(english)
    drawn = [shape for shape in slide.shapes if not shape.is_placeholder]
    assert drawn[0].name == "Land", "pins and labels sit on top of the land"
    fill = drawn[0]._element.find(qn("p:spPr")).find(qn("a:solidFill")).find(qn("a:srgbClr")).get("val")
    red, green, blue = (int(fill[i:i + 2], 16) for i in (0, 2, 4))
    assert min(red, green, blue) > 0xC0 and max(red, green, blue) - min(red, green, blue) < 0x20, fill


def test_shape_ids_stay_unique(english):
    slide = map_slide(english)
    ids = [int(value) for value in slide.shapes._spTree.xpath("//p:cNvPr/@id")]
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------- pins and labels

def test_one_pin_per_office(english, offices):
    slide = map_slide(english)
    pins = named(slide, "Pin ")
    assert len(pins) == len(offices) == 6
    assert all(pin.auto_shape_type == MSO_SHAPE.OVAL for pin in pins)
    assert {str(pin.fill.fore_color.rgb) for pin in pins} == {"0E7C7B"}          # accent


def test_every_office_is_labelled(english, offices):
    slide = map_slide(english)
    labels = [shape.text_frame.text for shape in named(slide, "Label ")]
    assert len(labels) == len(offices)
    for office, text in zip(offices, labels):
        lines = text.split("\n")
        assert lines[0] == office.city
        assert (office.label or "") in text and (office.detail or "") in text
    city_runs = [shape.text_frame.paragraphs[0].runs[0] for shape in named(slide, "Label ")]
    assert all(run.font.bold for run in city_runs)


def test_pins_fall_where_the_offices_are(english, offices):
    slide = map_slide(english)
    pins = {pin.name: rect(pin).center for pin in named(slide, "Pin ")}
    centre = {office.city: pins[f"Pin {index}"] for index, office in enumerate(offices, 1)}
    assert centre["Worcester, MA"][0] < centre["São Paulo"][0] < centre["Geneva"][0] < centre["Nairobi"][0] \
        < centre["Singapore"][0] < centre["Sydney"][0]
    assert centre["Geneva"][1] < centre["Singapore"][1] < centre["São Paulo"][1] < centre["Sydney"][1]
    land = rect(next(shape for shape in slide.shapes if shape.name == "Land"))
    for x, y in centre.values():
        assert land.left < x < land.right and land.top < y < land.bottom


def assert_labels_clear(prs) -> None:
    slide = map_slide(prs)
    labels = [rect(shape) for shape in named(slide, "Label ")]
    pins = [rect(shape) for shape in named(slide, "Pin ")]
    for a, b in itertools.combinations(labels, 2):
        assert not overlap(a, b), (a, b)
    for label, pin in itertools.product(labels, pins):
        assert not overlap(label, pin), (label, pin)
    for label, pin in zip(labels, pins):
        # each label stays next to its own pin
        near = max(label.left - pin.right, pin.left - label.right, label.top - pin.bottom, pin.top - label.bottom)
        assert near < 914400 * 0.2


def assert_inside(prs) -> None:
    slide = map_slide(prs)
    for shape in slide.shapes:
        box = rect(shape)
        assert 0 <= box.left and box.right <= prs.slide_width, shape.name
        assert 0 <= box.top and box.bottom <= prs.slide_height, shape.name


@pytest.mark.parametrize("which", ["english", "arabic", "narrow"])
def test_labels_are_clear_and_everything_is_on_the_slide(which, request):
    prs = request.getfixturevalue(which)
    assert_labels_clear(prs)
    assert_inside(prs)


def test_the_caption_sits_below_the_map(english):
    slide = map_slide(english)
    caption = next(shape for shape in slide.shapes if shape.name == "Caption")
    assert caption.text_frame.text.startswith("Source: etech.iec.ch")
    land = rect(next(shape for shape in slide.shapes if shape.name == "Land"))
    assert caption.top >= land.bottom
    assert max(run.font.size.pt for p in caption.text_frame.paragraphs for run in p.runs) <= 11


def test_rtl_labels_prefer_the_left(arabic):
    slide = map_slide(arabic)
    # Geneva is the first office of the slide; shape names use the office's position, not its city
    geneva_pin = rect(next(shape for shape in slide.shapes if shape.name == "Pin 1"))
    geneva_label = rect(next(shape for shape in slide.shapes if shape.name == "Label 1"))
    assert geneva_label.right <= geneva_pin.left


def test_a_4_3_template_draws_the_map_too(narrow):
    slide = map_slide(narrow)
    assert len(named(slide, "Pin ")) == 6
    land = rect(next(shape for shape in slide.shapes if shape.name == "Land"))
    assert land.width > narrow.slide_width * 0.8
