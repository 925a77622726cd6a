"""describe_template: what a user reads to write a mapping for their own template."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.template.inspect import aspect_ratio, describe_template, main

ROOT = Path(__file__).resolve().parents[2]
CORPORATE_PPTX = ROOT / "templates" / "corporate" / "template.pptx"
LAYOUTS = ["Title Slide", "Title and Content", "Section Header", "Two Content", "Title Only", "Blank"]


def test_corporate_template_lists_size_and_six_layouts():
    text = describe_template(CORPORATE_PPTX)
    assert "13.333 x 7.500 in (12192000 x 6858000 EMU), aspect ratio 16:9" in text
    assert "Layouts (6):" in text
    listed = re.findall(r'^  \[(\d+)\] "([^"]+)"$', text, flags=re.MULTILINE)
    assert listed == [(str(i), name) for i, name in enumerate(LAYOUTS)]


def test_placeholders_are_listed_with_idx_type_and_geometry():
    text = describe_template(CORPORATE_PPTX)
    section = text.split('"Two Content"')[1].split('  [4]')[0]
    rows = [line.split() for line in section.splitlines() if re.match(r"^\s+\d+\s+[A-Z_]+\s", line)]
    assert [(row[0], row[1]) for row in rows] == [
        ("0", "TITLE"), ("1", "OBJECT"), ("2", "OBJECT"), ("10", "DATE"), ("11", "FOOTER"), ("12", "SLIDE_NUMBER")]
    title = rows[0]
    assert title[-4:] == ["0.60", "0.45", "12.13", "0.90"]


def test_every_placeholder_of_the_corporate_template_is_inside_the_slide():
    from pptx import Presentation

    prs = Presentation(str(CORPORATE_PPTX))
    width, height = prs.slide_width, prs.slide_height
    master = prs.slide_master
    for shape in list(master.shapes) + [s for layout in master.slide_layouts for s in layout.shapes]:
        assert 0 <= shape.left and shape.left + shape.width <= width, shape.name
        assert 0 <= shape.top and shape.top + shape.height <= height, shape.name


def test_alt_template_is_4_by_3_with_its_own_layout_names(alt_template):
    text = describe_template(alt_template / "alt.pptx")
    assert "10.000 x 7.500 in (9144000 x 6858000 EMU), aspect ratio 4:3" in text
    listed = re.findall(r'^  \[\d+\] "([^"]+)"$', text, flags=re.MULTILINE)
    assert listed == ["Cover", "Text", "Divider", "Twin", "Heading", "Empty"]


@pytest.mark.parametrize("width,height,expected", [
    (12192000, 6858000, "16:9"), (9144000, 6858000, "4:3"), (9144000, 5715000, "16:10"),
    (12190000, 6858000, "16:9"), (7560000, 10692000, "0.71:1 (A4 portrait)"), (1000, 700, "10:7"),
])
def test_aspect_ratio(width, height, expected):
    assert aspect_ratio(width, height) == expected


def test_non_pptx_file_gives_content_error(tmp_path):
    path = tmp_path / "notes.pptx"
    path.write_text("plain text, not a presentation", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        describe_template(path)
    (problem,) = info.value.problems
    assert problem.path.endswith("notes.pptx")
    assert "not a PowerPoint .pptx file" in problem.message
    assert problem.hint


def test_missing_file_gives_content_error(tmp_path):
    with pytest.raises(ContentError, match="does not exist"):
        describe_template(tmp_path / "missing.pptx")


def test_command_line_prints_the_listing_or_the_error(tmp_path, capsys):
    assert main([str(CORPORATE_PPTX)]) == 0
    assert '"Title Only"' in capsys.readouterr().out
    bad = tmp_path / "bad.pptx"
    bad.write_bytes(b"\x00\x01")
    assert main([str(bad)]) == 1
    assert "not a PowerPoint .pptx file" in capsys.readouterr().err


def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.pptx"
    bomb.write_bytes(CORPORATE_PPTX.read_bytes())
    info = zipfile.ZipInfo("ppt/media/unused.bin")
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(bomb, "a") as archive, archive.open(info, "w") as out:
        for _ in range(65):
            out.write(bytes(1024 * 1024))
    with pytest.raises(ContentError) as info:
        describe_template(bomb)
    (problem,) = info.value.problems
    assert problem.path.endswith("bomb.pptx")
    assert "entry 'ppt/media/unused.bin' is 65.0 MiB uncompressed, over the limit of 64.0 MiB" in problem.message
