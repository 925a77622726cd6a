"""The content model: one class per kind, strict fields, and the walk over the text an audience reads."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from generator.kinds import SLIDE_CLASSES, BulletsSlide, LinksSlide, OrgChartSlide, Slide
from generator.model import FigureEntry, bullet_lines, iter_texts, replace_texts, text_path

SLIDE = TypeAdapter(Slide)


def bullets(**fields) -> BulletsSlide:
    return BulletsSlide(kind="bullets", title="Title", notes="Notes", **fields)


def test_every_kind_has_its_class():
    assert set(SLIDE_CLASSES) == {"title", "bullets", "columns", "cards", "cycle", "matrix", "statement", "figures",
                                  "chart", "orgchart", "map", "links"}
    assert SLIDE_CLASSES["links"] is LinksSlide


def test_the_kind_chooses_the_class():
    slide = SLIDE.validate_python({"kind": "links", "title": "More", "notes": "N",
                                   "links": [{"url": "https://www.iso.org"}]})
    assert isinstance(slide, LinksSlide)


def test_unknown_fields_are_refused_and_text_is_stripped():
    with pytest.raises(ValidationError, match="extra"):
        bullets(items=["a"], colour="red")
    assert bullets(items=["  a  "], lead="  lead ").items == ["a"]


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001])
def test_audience_text_is_between_one_and_2000_characters(text):
    with pytest.raises(ValidationError):
        bullets(items=[text])


def test_a_yes_or_no_is_not_a_figure_value():
    with pytest.raises(ValidationError, match="yes-or-no"):
        FigureEntry(value=True)
    assert FigureEntry(value=3).value == 3


def test_nested_bullets_flatten_in_reading_order_with_their_levels():
    slide = bullets(items=["one", {"text": "two", "items": ["two.a", {"text": "two.b", "items": ["two.b.i"]}]},
                           "three"])
    assert bullet_lines(slide.items) == [("one", 0), ("two", 0), ("two.a", 1), ("two.b", 1), ("two.b.i", 2),
                                         ("three", 0)]


def test_iter_texts_yields_what_is_read_with_paths_and_notes_last():
    slide = bullets(lead="Lead", items=["one", {"text": "two", "items": ["two.a"]}])
    assert list(iter_texts(slide)) == [
        (("title",), "Title"), (("lead",), "Lead"), (("items", 0), "one"), (("items", 1, "text"), "two"),
        (("items", 1, "items", 0), "two.a"), (("notes",), "Notes")]


def test_ids_urls_and_styles_are_not_audience_text():
    slide = OrgChartSlide(kind="orgchart", title="T", notes="N",
                          nodes=[{"id": "ga", "label": "General Assembly"},
                                 {"id": "council", "label": "Council", "parent": "ga", "edge": "advisory"}],
                          edges=[{"from": "ga", "to": "council"}])
    links = LinksSlide(kind="links", title="T", notes="N", links=[{"text": "ISO", "url": "https://www.iso.org"}])
    assert [text for _, text in iter_texts(slide)] == ["T", "General Assembly", "Council", "N"]
    assert list(iter_texts(links)) == [(("title",), "T"), (("links", 0, "text"), "ISO"), (("notes",), "N")]


def test_replace_texts_renders_every_text_at_its_path_and_keeps_the_rest():
    slide = LinksSlide(kind="links", title="T", notes="N", links=[{"text": "ISO", "url": "https://www.iso.org"}])
    slide._id, slide._source = "more", None
    seen = []

    def render(path, text):
        seen.append(path)
        return f"{text_path(path)}={text.lower()}"

    copy = replace_texts(slide, render)
    assert copy.title == "title=t" and copy.notes == "notes=n"
    assert copy.links[0].text == "links.0.text=iso"
    assert copy.links[0].url == "https://www.iso.org"
    assert copy.id == "more"
    assert slide.title == "T"                  # the original is unchanged
    assert set(seen) == {path for path, _ in iter_texts(slide)}


def test_text_path_is_the_msgctxt_field_path():
    assert text_path(("columns", 0, "items", 1)) == "columns.0.items.1"
