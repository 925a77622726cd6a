"""``oxml.package_check``: a template's parts are checked before python-pptx sees them; built decks re-read."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.oxml import package_check
from generator.oxml.package_check import check_built_deck, check_template, parse_part
from generator.oxml.package_limits import read_package

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "corporate" / "template.pptx"
LAYOUT = "ppt/slideLayouts/slideLayout2.xml"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


def house() -> dict[str, bytes]:
    return read_package(TEMPLATE.read_bytes(), "template.pptx")


def edited(**changes) -> dict[str, bytes]:
    """The house template's entries with some replaced (bytes), edited (a function) or removed (None)."""
    entries = house()
    for name, change in changes.items():
        name = {"layout": LAYOUT, "layout_rels": LAYOUT_RELS}.get(name, name)
        if change is None:
            del entries[name]
        elif callable(change):
            entries[name] = change(entries[name])
        else:
            entries[name] = change
    return entries


def messages(entries: dict[str, bytes]) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check_template(entries, "tpl/template.pptx")
    assert all(problem.path == "tpl/template.pptx" for problem in caught.value.problems)
    return [problem.message for problem in caught.value.problems]


def add_relationship(rels: bytes, rid: str, kind: str, target: str, external: bool = False) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    return rels.replace(b"</Relationships>",
                        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/></Relationships>'.encode())


def test_the_house_template_passes():
    check_template(house(), "template.pptx")


def test_an_external_entity_doctype_is_refused():
    def with_doctype(xml: bytes) -> bytes:
        head, body = xml.split(b"?>", 1)
        return head + b'?>\n<!DOCTYPE p:sldLayout [<!ENTITY secret SYSTEM "file:///etc/passwd">]>' + \
            body.replace(b"<a:t>", b"<a:t>&secret;", 1)
    (message,) = messages(edited(layout=with_doctype))
    assert message.startswith(f"part '{LAYOUT}': it declares a DOCTYPE")


def test_parse_part_never_expands_or_fetches():
    with pytest.raises(ValueError, match="DOCTYPE"):
        parse_part(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')
    assert parse_part(b"<a>&amp;</a>").text == "&"


def test_a_part_that_is_not_well_formed_names_part_and_line():
    (message,) = messages(edited(layout=lambda xml: xml.replace(b"</p:cSld>", b"</p:cSldX>")))
    assert re.match(rf"part '{LAYOUT}' line \d+: not well-formed XML: ", message)


def test_a_relationship_leaving_the_package_is_an_error():
    rels = lambda xml: add_relationship(xml, "rId99", IMAGE, "../../../../etc/passwd")  # noqa: E731
    (message,) = messages(edited(layout_rels=rels))
    assert message == f"part '{LAYOUT_RELS}': relationship rId99 points outside the package ('../../../../etc/passwd')"


def test_only_hyperlinks_may_be_external():
    linked = lambda xml: add_relationship(xml, "rId98", IMAGE, "https://example.org/a.png", True)  # noqa: E731
    (message,) = messages(edited(layout_rels=linked))
    assert "relationship rId98 points outside the package ('https://example.org/a.png'); only hyperlinks may" \
        in message
    check_template(edited(layout_rels=lambda xml: add_relationship(xml, "rId97", HYPERLINK, "https://iso.org",
                                                                   True)), "t")


def test_a_missing_slide_master_names_the_part():
    found = messages(edited(**{"ppt/slideMasters/slideMaster1.xml": None}))
    assert any("points to 'ppt/slideMasters/slideMaster1.xml', which is not in the package" in m for m in found)
    assert any(m.startswith("part 'ppt/presentation.xml': the presentation has no slide master") for m in found)


def test_a_missing_layout_names_the_part():
    found = messages(edited(layout=None))
    assert f"part 'ppt/slideMasters/_rels/slideMaster1.xml.rels': relationship rId2 points to '{LAYOUT}', " \
           "which is not in the package" in found


def test_a_missing_presentation_part():
    found = messages(edited(**{"ppt/presentation.xml": None}))
    assert "part '_rels/.rels': the presentation part 'ppt/presentation.xml' is missing" in found


@pytest.mark.parametrize("name", ["[Content_Types].xml", "_rels/.rels"])
def test_a_package_without_its_own_parts_is_not_a_pptx(name):
    (message,) = messages(edited(**{name: None}))
    assert message.startswith("cannot open as a .pptx presentation")


def test_every_part_needs_a_content_type():
    entries = edited()
    entries["ppt/media/logo.png"] = b"\x89PNG"
    (message,) = messages(entries)
    assert message == "part 'ppt/media/logo.png': it has no content type in [Content_Types].xml"


def test_a_dangling_relationship_id():
    (message,) = messages(edited(layout=lambda xml: xml.replace(b"<p:cSld", b'<p:cSld xmlns:r="http://schemas.'
                                                                b'openxmlformats.org/officeDocument/2006/relationships"'
                                                                b' r:id="rId77"', 1)))
    assert message == f"part '{LAYOUT}': it refers to relationship 'rId77', which {LAYOUT_RELS} does not have"


def placeholders(xml: bytes, count: int) -> bytes:
    shape = (b'<p:sp><p:nvSpPr><p:cNvPr id="%d" name="x"/><p:cNvSpPr/><p:nvPr><p:ph type="body" idx="%d"/>'
             b'</p:nvPr></p:nvSpPr><p:spPr/></p:sp>')
    extra = b"".join(shape % (1000 + n, 100 + n) for n in range(count))
    return xml.replace(b"</p:spTree>", extra + b"</p:spTree>", 1)


def test_shapes_per_layout_one_past_the_limit(monkeypatch):
    monkeypatch.setattr(package_check, "MAX_SHAPES_PER_LAYOUT", 20)
    shapes = len(re.findall(rb"<p:(?:sp|pic|graphicFrame|grpSp|cxnSp)\b", house()[LAYOUT]))
    check_template(edited(layout=lambda xml: placeholders(xml, 20 - shapes)), "t")
    (message,) = messages(edited(layout=lambda xml: placeholders(xml, 21 - shapes)))
    assert message == f"part '{LAYOUT}': 21 shapes, over the limit of 20 per layout"


def test_the_shapes_limit_answers_fast_for_5000_placeholders():
    import time

    entries = edited(layout=lambda xml: placeholders(xml, 5000))
    start = time.monotonic()
    (message,) = messages(entries)
    assert f"over the limit of {package_check.MAX_SHAPES_PER_LAYOUT:,} per layout" in message
    assert time.monotonic() - start < 5


# --------------------------------------------------------------------------- built decks

def write_zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_a_built_deck_passes(tmp_path):
    check_built_deck(write_zip(tmp_path / "deck.pptx", house()))


@pytest.mark.parametrize("change, expected", [
    ({"layout": lambda xml: xml[:-20]}, f"part '{LAYOUT}' line 2: not well-formed XML"),
    ({"layout": None}, f"relationship rId2 points to '{LAYOUT}', which is not in the package"),
    ({"ppt/media/x.png": b"png"}, "part 'ppt/media/x.png': it has no content type"),
])
def test_a_broken_built_deck_is_an_error_naming_the_part(tmp_path, change, expected):
    entries = edited(**{k: v for k, v in change.items() if k in ("layout",) or v is None})
    entries.update({k: v for k, v in change.items() if k not in ("layout",) and v is not None})
    deck = write_zip(tmp_path / "deck.pptx", entries)
    with pytest.raises(ContentError) as caught:
        check_built_deck(deck)
    assert any(expected in problem.message for problem in caught.value.problems), caught.value


def test_a_built_deck_that_is_no_zip(tmp_path):
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(b"")
    with pytest.raises(Exception, match="not a PowerPoint .pptx file"):
        check_built_deck(deck)
    assert io  # the module's helpers build zips in memory


def test_a_layout_without_its_slide_master_is_an_error():
    """Found by fuzzing: python-pptx raised KeyError when the build looked up the layout's master."""
    found = messages(edited(layout_rels=None))
    assert f"part '{LAYOUT}': the layout has no slide master" in found
    retyped = lambda xml: xml.replace(b"relationships/slideMaster", b"relationships/slideMasterX")  # noqa: E731
    assert f"part '{LAYOUT}': the layout has no slide master" in messages(edited(layout_rels=retyped))
