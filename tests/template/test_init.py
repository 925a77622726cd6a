"""``deck template init``: layouts recognised by placeholder types and geometry, fallbacks drawn, theme first."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from generator.build import build
from generator.kinds import SLIDE_CLASSES
from generator.options import BuildOptions
from generator.output.writer import write_atomic
from generator.template.contract import check_contract
from generator.template.init import (HOUSE_SIZES, ROLES, default_out_dir, describe_guess, guess_mapping,
                                     init_template, mapping_yaml)
from generator.template.mapping import DRAW, load_mapping

from ..fixtures.make_alt_template import make_alt_template

ROOT = Path(__file__).resolve().parents[2]
HOUSE = ROOT / "templates" / "corporate"
SLIDES = ("cover", "iso-introduction", "iso-roles", "iso-iec-17000-benefits", "more-information")

FRENCH = {
    "Title Slide": "Diapositive de titre", "Title and Content": "Titre et contenu",
    "Section Header": "En-tête de section", "Two Content": "Deux contenus", "Comparison": "Comparaison",
    "Title Only": "Titre seul", "Blank": "Vide", "Content with Caption": "Contenu avec légende",
    "Picture with Caption": "Image avec légende", "Title and Vertical Text": "Titre et texte vertical",
    "Vertical Title and Text": "Titre vertical et texte",
}


# ---------------------------------------------------------------- templates made here
def _rename(layout, name: str) -> None:
    layout._element.cSld.set("name", name)


def _with_theme_font(path: Path, old: str, new: str) -> None:
    """Rewrite the theme parts' Latin typeface ``old`` as ``new``."""
    entries = []
    with zipfile.ZipFile(path) as package:
        for info in package.infolist():
            data = package.read(info)
            if info.filename.startswith("ppt/theme/"):
                data = data.replace(f'typeface="{old}"'.encode(), f'typeface="{new}"'.encode())
            entries.append((info, data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in entries:
            package.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def make_french(folder: Path) -> Path:
    """Office's default layouts (4:3, all eleven) with French names and a serif theme font."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        _rename(layout, FRENCH[layout.name])
    path = folder / "modele-fr.pptx"
    prs.save(str(path))
    _with_theme_font(path, "Calibri", "Times New Roman")
    return path


def make_two_layouts(folder: Path) -> Path:
    """Only Title Slide and Title Only."""
    prs = Presentation()
    layouts = prs.slide_layouts
    for layout in list(layouts):
        if layout.name not in ("Title Slide", "Title Only"):
            layouts.remove(layout)
    path = folder / "two.pptx"
    prs.save(str(path))
    return path


def make_moved(folder: Path) -> Path:
    """The house template with placeholders moved and shrunk: a narrow content body, the two columns
    swapped, a section body grown tall."""
    prs = Presentation(str(HOUSE / "template.pptx"))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    by_idx = {name: {ph.placeholder_format.idx: ph for ph in layout.placeholders} for name, layout in layouts.items()}
    body = by_idx["Title and Content"][1]
    body.width = int(prs.slide_width * 0.4)
    left, right = by_idx["Two Content"][1], by_idx["Two Content"][2]
    left.left, right.left = right.left, left.left
    section = by_idx["Section Header"][1]
    section.top, section.height = Inches(1.0), Inches(4.5)
    path = folder / "moved.pptx"
    prs.save(str(path))
    return path


@pytest.fixture
def initialised(tmp_path):
    """``initialised(pptx)``: init's folder for ``pptx``, its guess, and the loaded template."""

    def run(pptx: Path):
        guess, folder = init_template(pptx, tmp_path / "out" / pptx.stem, write_atomic)
        return guess, folder, load_mapping(folder)

    return run


def layouts_of(template) -> dict:
    return {role: (entry.name, entry.slots, entry.drawn) for role, entry in template.mapping.layouts.items()}


def assert_builds(template, tmp_path: Path, keep_slides) -> None:
    """Every kind passes the contract, and a deck of a few slides builds with the template."""
    check_contract(template, SLIDE_CLASSES, roles=ROLES)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, symlinks=True)
    keep_slides(content, *SLIDES)
    result = build(BuildOptions(content, tmp_path / "build", ["en"], template_dir=template.dir, project_dir=ROOT,
                                allow_overflow=True, jobs=1))
    assert result.outputs and result.outputs[0].is_file()
    return result


# ---------------------------------------------------------------- recognising layouts
def test_the_house_template_maps_as_the_house_mapping_does(initialised, tmp_path, keep_slides):
    guess, folder, template = initialised(HOUSE / "template.pptx")
    house = load_mapping(HOUSE)
    assert layouts_of(template) == layouts_of(house)
    assert (folder / "template.pptx").read_bytes() == (HOUSE / "template.pptx").read_bytes()
    assert not any(role.fallback for role in guess.roles.values())
    assert template.mapping.fonts.latin == "Arial"
    assert template.mapping.measure_fonts == {"Arial": "Liberation Sans"}
    assert (template.mapping.colors.primary, template.mapping.colors.accent) == ("1F3A5F", "0E7C7B")
    assert {role: (r.max, r.min) for role, r in template.mapping.sizes.items()} == \
        {role: (r.max, r.min) for role, r in house.mapping.sizes.items()}
    assert_builds(template, tmp_path, keep_slides)


def test_the_house_sizes_init_scales_are_the_house_mappings():
    house = load_mapping(HOUSE).mapping.sizes
    assert HOUSE_SIZES == {role: (r.max, r.min) for role, r in house.items()}


def test_the_alt_template_is_recognised_by_geometry_not_names(initialised, tmp_path, keep_slides):
    source = make_alt_template(tmp_path / "alt")
    guess, _, template = initialised(source / "alt.pptx")
    assert layouts_of(template) == layouts_of(load_mapping(source))
    assert template.mapping.fonts.latin == "Calibri"
    assert_builds(template, tmp_path, keep_slides)


def test_french_layout_names_and_a_serif_theme(initialised, tmp_path, keep_slides):
    guess, _, template = initialised(make_french(tmp_path))
    assert layouts_of(template) == {
        "title": ("Diapositive de titre", {"title": 0, "subtitle": 1}, []),
        "content": ("Titre et contenu", {"title": 0, "body": 1}, []),
        "two_content": ("Deux contenus", {"title": 0, "left": 1, "right": 2}, []),
        "section": ("En-tête de section", {"title": 0, "body": 1}, []),
        "title_only": ("Titre seul", {"title": 0}, []),
        "blank": ("Vide", {}, []),
    }
    assert template.mapping.fonts.latin == "Times New Roman"
    assert template.mapping.measure_fonts == {"Times New Roman": "Liberation Serif"}
    assert_builds(template, tmp_path, keep_slides)


def test_only_two_layouts_fall_back_to_title_only_with_drawn_slots(initialised, tmp_path, keep_slides):
    guess, folder, template = initialised(make_two_layouts(tmp_path))
    assert layouts_of(template) == {
        "title": ("Title Slide", {"title": 0, "subtitle": 1}, []),
        "content": ("Title Only", {"title": 0}, ["body"]),
        "two_content": ("Title Only", {"title": 0}, ["left", "right"]),
        "section": ("Title Only", {"title": 0}, ["body"]),
        "title_only": ("Title Only", {"title": 0}, []),
        "blank": ("Title Only", {}, []),
    }
    assert [role for role, r in guess.roles.items() if r.fallback] == ["content", "two_content", "section", "blank"]
    assert any("layout role 'content'" in warning for warning in guess.warnings)
    assert "content:     {name: \"Title Only\", title: 0, body: draw}" in (folder / "mapping.yaml").read_text()
    result = assert_builds(template, tmp_path, keep_slides)
    drawn = [w for w in result.warnings if "drawn as a text box" in w.message]
    assert {w.message.split("(role '")[1].split("'")[0] for w in drawn} == {"content", "section"}
    slides = Presentation(str(result.outputs[0])).slides
    bullets = next(s for s in slides if s.shapes.title is not None and s.shapes.title.text == "Introduction to ISO")
    body = [shape for shape in bullets.shapes if shape.name == "Body"]
    assert len(body) == 1 and not body[0].is_placeholder and "national standards bodies" in body[0].text_frame.text


def test_moved_and_shrunk_placeholders(initialised, tmp_path, keep_slides):
    guess, _, template = initialised(make_moved(tmp_path))
    layouts = layouts_of(template)
    assert layouts["content"] == ("Title Only", {"title": 0}, ["body"])          # its body is too narrow
    assert layouts["two_content"] == ("Two Content", {"title": 0, "left": 2, "right": 1}, [])   # swapped sides
    assert layouts["section"] == ("Title Only", {"title": 0}, ["body"])          # its body is too tall
    assert layouts["title"] == ("Title Slide", {"title": 0, "subtitle": 1}, [])
    assert_builds(template, tmp_path, keep_slides)


def test_no_layout_with_a_title_draws_the_title_on_blank(tmp_path):
    prs = Presentation()
    layouts = prs.slide_layouts
    for layout in list(layouts):
        if layout.name != "Blank":
            layouts.remove(layout)
    prs.save(str(tmp_path / "blank.pptx"))
    guess, folder = init_template(tmp_path / "blank.pptx", tmp_path / "out", write_atomic)
    template = load_mapping(folder)
    assert layouts_of(template)["title_only"] == ("Blank", {}, ["title"])
    assert layouts_of(template)["title"] == ("Blank", {}, ["title", "subtitle"])
    check_contract(template, SLIDE_CLASSES, roles=ROLES)


# ---------------------------------------------------------------- what init writes and says
def test_the_report_names_each_role_its_layout_and_why(tmp_path):
    report = describe_guess(guess_mapping(make_two_layouts(tmp_path)))
    assert 'title        -> "Title Slide" (title 0, subtitle 1); score' in report
    assert 'content      -> "Title Only" (title 0, body draw); fallback' in report
    assert "Missing: content, two_content, section, blank" in report


def test_colours_come_from_the_theme_with_their_source(tmp_path):
    text = mapping_yaml(guess_mapping(make_french(tmp_path)))
    assert 'primary:    "4F81BD"    # titles, bands, emphasis: theme accent1' in text
    assert "theme accent1..accent6" in text
    assert 'latin: "Times New Roman"   # the theme\'s body font (minorFont)' in text


def test_sizes_scale_with_the_slide_height(tmp_path):
    prs = Presentation()
    prs.slide_height = Inches(5.625)                     # 10 x 5.625 in: 16:9 at three quarters of the house
    prs.save(str(tmp_path / "small.pptx"))
    sizes = guess_mapping(tmp_path / "small.pptx").sizes
    assert sizes["title"] == (22.5, 15) and sizes["body"] == (19.5, 9)


def test_an_existing_mapping_is_kept_unless_forced(tmp_path):
    from generator.errors import ContentError

    pptx = make_two_layouts(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "mapping.yaml").write_text("mine\n", encoding="utf-8")
    with pytest.raises(ContentError, match="already there"):
        init_template(pptx, out, write_atomic)
    assert (out / "mapping.yaml").read_text() == "mine\n"
    init_template(pptx, out, write_atomic, force=True)
    load_mapping(out)


def test_the_default_folder_is_the_slugified_file_name():
    assert default_out_dir(Path("x/Mon Modèle 2024.pptx")) == Path("templates/mon-mod-le-2024")


def test_the_command_writes_the_folder_and_prints_the_guess(run_deck, tmp_path):
    result = run_deck("template", "init", make_two_layouts(tmp_path), "--out", tmp_path / "mine")
    assert result.exit_code == 0, result.stderr
    assert "Layout roles:" in result.stdout and "Missing: content" in result.stdout
    assert "warning: layout role 'content'" in result.stderr
    assert (tmp_path / "mine" / "template.pptx").is_file()
    assert DRAW in (tmp_path / "mine" / "mapping.yaml").read_text()


@pytest.mark.parametrize("what", ["random bytes", "a Word document"])
def test_a_file_that_is_not_a_presentation_is_a_clear_error(run_deck, tmp_path, what):
    path = tmp_path / "not.pptx"
    if what == "random bytes":
        path.write_bytes(bytes(range(256)) * 4)
    else:
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                             'openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" '
                             'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
                             'main+xml"/></Types>')
            package.writestr("word/document.xml", "<w:document/>")
    result = run_deck("template", "init", path, "--out", tmp_path / "out")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.startswith("error: ") and "not.pptx" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_hostile_template_writes_nothing(run_deck, tmp_path):
    import zipfile

    pptx = tmp_path / "hostile.pptx"
    layout = "ppt/slideLayouts/slideLayout1.xml"
    with zipfile.ZipFile(HOUSE / "template.pptx") as source, zipfile.ZipFile(pptx, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == layout:
                head, body = data.split(b"?>", 1)
                data = head + b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>' + body
            target.writestr(name, data)
    result = run_deck("template", "init", pptx, "--out", tmp_path / "mine")
    assert result.exit_code == 1, result.stderr
    assert f"hostile.pptx: part '{layout}': it declares a DOCTYPE" in result.stderr
    assert not (tmp_path / "mine").exists()
