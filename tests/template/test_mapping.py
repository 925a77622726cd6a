"""mapping.yaml: loading, validation with file:line and hints, helpers, file safety."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pptx.dml.color import RGBColor

from generator.errors import ContentError
from generator.template.mapping import SIZE_ROLES, Template, load_mapping

from .conftest import CORPORATE, corporate_copy, line_of




def block_key_lines(folder: Path, needle: str) -> set[int]:
    """Where a problem about a key holding a block mapping may point: the key's line or,
    as yaml_source currently records it, the line where the block's value starts."""
    line = line_of(folder, needle)
    return {line, line + 1}


def problems_of(folder: Path):
    with pytest.raises(ContentError) as info:
        load_mapping(folder)
    return info.value.problems


# ------------------------------------------------------------------------ the real mapping
def test_corporate_mapping_loads():
    template = load_mapping(CORPORATE)
    assert isinstance(template, Template)
    assert template.pptx_path == CORPORATE / "template.pptx"
    assert template.dir == CORPORATE
    mapping = template.mapping
    assert set(mapping.layouts) == {"title", "content", "two_content", "section", "title_only", "blank"}
    assert mapping.layouts["two_content"].name == "Two Content"
    assert mapping.layouts["two_content"].slots == {"title": 0, "left": 1, "right": 2}
    assert mapping.layouts["blank"].slots == {}
    assert mapping.role_for_kind("bullets") == "content"
    assert mapping.role_for_kind("statement") == "section"
    assert mapping.layout_for_kind("title").name == "Title Slide"
    assert mapping.color("primary") == RGBColor(0x1F, 0x3A, 0x5F)
    assert mapping.color("background") == RGBColor(0xFF, 0xFF, 0xFF)
    assert len(mapping.chart_colors()) == 4
    assert all(isinstance(c, RGBColor) for c in mapping.chart_colors())
    assert mapping.size("title") == (30, 20)
    assert mapping.size("body") == (26, 12)
    assert set(mapping.sizes) == set(SIZE_ROLES)
    assert mapping.fonts.latin == "Arial"
    assert mapping.measure_fonts == {"Arial": "Liberation Sans"}
    assert mapping.footer.slide_number is True
    assert mapping.footer.text == "{title}"


def test_corporate_mapping_maps_every_slide_kind_of_the_model():
    from generator.kinds import SLIDE_CLASSES

    mapping = load_mapping(CORPORATE).mapping
    assert set(SLIDE_CLASSES) <= set(mapping.kinds)


def test_alt_template_mapping_loads(alt_template):
    mapping = load_mapping(alt_template).mapping
    assert mapping.layout_for_kind("bullets").name == "Text"
    assert mapping.color("primary") == RGBColor(0x7A, 0x1F, 0x2B)
    assert mapping.footer.slide_number is False


def test_helpers_report_unknown_names_with_the_mapping_line(tmp_path):
    folder = corporate_copy(tmp_path)
    mapping = load_mapping(folder).mapping
    with pytest.raises(ContentError) as info:
        mapping.role_for_kind("timeline")
    (problem,) = info.value.problems
    assert problem.path.endswith("mapping.yaml")
    assert problem.line in block_key_lines(folder, "kinds:")
    with pytest.raises(ContentError, match="did you mean 'accent'"):
        mapping.color("acent")
    with pytest.raises(ContentError, match="did you mean 'caption'"):
        mapping.size("captoin")


# ------------------------------------------------------------------------ validation
def test_unknown_key_gets_did_you_mean_and_line(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace("colors:", "colours:"))
    problems = problems_of(folder)
    unknown = [p for p in problems if "unknown key 'colours'" in p.message]
    assert unknown and unknown[0].hint == "did you mean 'colors'?"
    assert unknown[0].line in block_key_lines(folder, "colours:")


def test_kind_with_unknown_role_gets_did_you_mean(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace("bullets: content", "bullets: contnet"))
    (problem,) = problems_of(folder)
    assert "layout role 'contnet'" in problem.message
    assert problem.hint == "did you mean 'content'?"
    assert problem.line == line_of(folder, "bullets: contnet")


def test_bad_values_are_all_reported_at_once(tmp_path):
    def edit(text):
        return (text.replace('primary: "1F3A5F"', "primary: 123456")
                .replace('accent: "0E7C7B"', 'accent: "teal"')
                .replace("title:   {max: 30, min: 20}", "title:   {max: 20, min: 30}")
                .replace('{name: "Two Content", title: 0, left: 1, right: 2}',
                         '{name: "Two Content", title: 0, left: one, right: 2}')
                .replace("  slide_number: true", "  slide_number: true\n  logo: yes"))
    folder = corporate_copy(tmp_path, edit)
    problems = problems_of(folder)
    messages = "\n".join(p.message for p in problems)
    assert "'colors.primary'" in messages
    assert "'colors.accent'" in messages and "not a colour" in messages
    assert "min (30) is larger than max (20)" in messages
    assert "slot 'left' of layout role 'two_content'" in messages
    assert "unknown key 'footer.logo'" in messages
    assert len(problems) == 5
    primary = next(p for p in problems if "colors.primary" in p.message)
    assert primary.line == line_of(folder, "primary: 123456")
    assert "quotes" in primary.hint
    left = next(p for p in problems if "slot 'left'" in p.message)
    assert left.line == line_of(folder, "left: one")


def test_missing_size_role_and_unknown_size_role(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace("  caption: {max: 14", "  captoin: {max: 14"))
    problems = problems_of(folder)
    messages = [p.message for p in problems]
    assert "no text size for role 'caption'" in messages
    unknown = next(p for p in problems if p.message == "unknown text size role 'captoin'")
    assert unknown.hint == "did you mean 'caption'?"


def test_a_slot_written_draw_has_no_placeholder_idx(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace('{name: "Section Header", title: 0, body: 1}',
                                                          '{name: "Title Only", title: 0, body: draw}'))
    section = load_mapping(folder).mapping.layouts["section"]
    assert (section.name, section.slots, section.drawn) == ("Title Only", {"title": 0}, ["body"])


def test_a_slot_value_that_is_neither_idx_nor_draw(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace("title: 0, body: 1}", "title: 0, body: drawn}", 1))
    (problem,) = problems_of(folder)
    assert "must be a placeholder idx (a whole number) or 'draw', not 'drawn'" in problem.message


def test_layout_entry_without_name(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace('{name: "Title Only", title: 0}', "{title: 0}"))
    (problem,) = problems_of(folder)
    assert "layout role 'title_only' needs a 'name'" in problem.message
    assert problem.line == line_of(folder, "title_only:  {title: 0}")


# ------------------------------------------------------------------------ fonts
def with_fonts(block: str):
    """An edit of mapping.yaml whose ``fonts:`` block becomes ``block``."""
    def edit(text: str) -> str:
        start, end = text.index("\nfonts:"), text.index("\nmeasure_fonts:")
        return text[:start] + "\nfonts:\n" + block + text[end:]
    return edit


def test_the_corporate_mapping_names_a_font_for_every_script():
    from generator.layout.fonts import SCRIPT_SLOTS

    fonts = load_mapping(CORPORATE).mapping.fonts
    assert set(SCRIPT_SLOTS) <= set(fonts.named())
    assert (fonts.japanese, fonts.korean, fonts.chinese_traditional) == \
        ("Noto Sans CJK JP", "Noto Sans CJK KR", "Noto Sans CJK TC")
    assert (fonts.hebrew, fonts.devanagari, fonts.thai) == ("Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai")


def test_a_mapping_with_the_three_older_keys_still_loads(tmp_path):
    folder = corporate_copy(tmp_path, with_fonts(
        "  latin: Georgia\n  east_asian: Noto Serif CJK SC\n  complex: Noto Naskh Arabic\n"))
    assert load_mapping(folder).mapping.fonts.named() == {
        "latin": "Georgia", "east_asian": "Noto Serif CJK SC", "complex": "Noto Naskh Arabic"}


def test_latin_alone_is_enough(tmp_path):
    assert load_mapping(corporate_copy(tmp_path, with_fonts("  latin: Arial\n"))).mapping.fonts.named() == \
        {"latin": "Arial"}


def test_fonts_without_latin_take_the_themes_body_font(tmp_path):
    folder = corporate_copy(tmp_path, with_fonts("  japanese: Noto Sans CJK JP\n"))
    set_theme_fonts(folder / "template.pptx", minor="Verdana", major="Georgia")
    fonts = load_mapping(folder).mapping.fonts
    assert (fonts.latin, fonts.japanese) == ("Verdana", "Noto Sans CJK JP")


# ------------------------------------------------------------------------ theme first
def set_theme_fonts(pptx: Path, minor: str, major: str | None = None) -> None:
    """Rename the Latin fonts of ``pptx``'s theme (body: ``minor``, headings: ``major``)."""
    from lxml import etree
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation(str(pptx))
    part = prs.slide_masters[0].part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    for which, family in (("minorFont", minor), ("majorFont", major or minor)):
        root.find(f"{a}themeElements/{a}fontScheme/{a}{which}/{a}latin").set("typeface", family)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    prs.save(str(pptx))


def without_blocks(*keys: str):
    """An edit of mapping.yaml that drops the top-level blocks ``keys`` (the key and its indented lines)."""
    def edit(text: str) -> str:
        kept, dropping = [], False
        for line in text.splitlines(keepends=True):
            if line[:1] not in (" ", "\n", ""):
                dropping = line.split(":", 1)[0] in keys
            if not dropping:
                kept.append(line)
        return "".join(kept)
    return edit


def alt_copy(alt_template: Path, tmp_path: Path, edit) -> Path:
    folder = tmp_path / "alt"
    shutil.copytree(alt_template, folder)
    mapping = folder / "mapping.yaml"
    mapping.write_text(edit(mapping.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def test_a_mapping_without_colors_or_fonts_takes_the_themes(alt_template, tmp_path):
    from pptx import Presentation

    from generator.oxml.theme import read_theme
    from generator.template.theme import mix

    folder = alt_copy(alt_template, tmp_path, without_blocks("colors", "fonts"))
    template = load_mapping(folder)
    scheme = read_theme(Presentation(str(template.pptx_path)))
    colors = template.mapping.colors
    assert (colors.primary, colors.accent, colors.secondary) == \
        (scheme.colors["accent1"], scheme.colors["accent2"], scheme.colors["accent3"])
    assert (colors.text, colors.light, colors.background) == \
        (scheme.colors["dk1"], scheme.colors["lt2"], scheme.colors["lt1"])
    assert colors.muted == mix(scheme.colors["dk1"], scheme.colors["lt1"], 0.3)
    assert colors.chart == [scheme.colors[f"accent{n}"] for n in range(1, 7)]
    assert template.mapping.fonts.latin == scheme.minor_latin


def test_the_mapping_overrides_the_theme_colour_by_colour(alt_template, tmp_path):
    folder = alt_copy(alt_template, tmp_path, lambda text: without_blocks("colors")(text) + 'colors:\n  accent: "123456"\n')
    themed = load_mapping(alt_copy(alt_template, tmp_path / "themed", without_blocks("colors"))).mapping.colors
    colors = load_mapping(folder).mapping.colors
    assert colors.accent == "123456"
    assert colors.model_dump(exclude={"accent"}) == themed.model_dump(exclude={"accent"})


@pytest.mark.parametrize("theme_font, twin", [("Times New Roman", "Liberation Serif"), ("Cambria", "Caladea")])
def test_a_serif_theme_font_is_measured_with_its_open_twin(tmp_path, theme_font, twin):
    from generator.build import template_fonts
    from generator.layout.fonts import is_installed

    assert not is_installed(theme_font) and is_installed(twin)
    folder = corporate_copy(tmp_path, without_blocks("fonts", "measure_fonts"))
    set_theme_fonts(folder / "template.pptx", minor=theme_font)
    fonts = template_fonts(load_mapping(folder)).for_locale("Latn")
    assert fonts.latin == theme_font                # what the runs name
    face = fonts.face("latin")
    assert face.family == twin and twin.replace(" ", "") in Path(face.path).name


def test_a_theme_font_with_no_face_and_no_twin_is_an_error_naming_it(tmp_path):
    from generator.build import template_fonts
    from generator.errors import DeckError

    folder = corporate_copy(tmp_path, without_blocks("fonts", "measure_fonts"))
    set_theme_fonts(folder / "template.pptx", minor="Frobnitz Grotesk")
    fonts = template_fonts(load_mapping(folder)).for_locale("Latn")
    with pytest.raises(DeckError) as info:
        fonts.face("latin")
    message = str(info.value)
    assert "font 'Frobnitz Grotesk' is not installed" in message
    assert "install" in message and "it is the latin font" in message


def test_a_misspelt_script_gets_did_you_mean(tmp_path):
    folder = corporate_copy(tmp_path, with_fonts("  latin: Arial\n  japanse: Noto Sans CJK JP\n"))
    (problem,) = problems_of(folder)
    assert problem.message == "unknown key 'fonts.japanse'" and problem.hint == "did you mean 'japanese'?"
    assert problem.line == line_of(folder, "japanse:")


def test_complex_and_arabic_naming_two_fonts_is_refused(tmp_path):
    folder = corporate_copy(tmp_path, with_fonts(
        "  latin: Arial\n  arabic: Noto Sans Arabic\n  complex: Noto Naskh Arabic\n"))
    (problem,) = problems_of(folder)
    assert "complex ('Noto Naskh Arabic') and arabic ('Noto Sans Arabic')" in problem.message


def test_mapping_that_is_not_a_mapping(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: "- just\n- a list\n")
    (problem,) = problems_of(folder)
    assert "must be a mapping" in problem.message


# ------------------------------------------------------------------------ files
def test_missing_template_dir(tmp_path):
    (problem,) = problems_of(tmp_path / "nowhere")
    assert "nowhere" in problem.path
    assert "does not exist" in problem.message
    assert problem.hint


def test_missing_mapping_file(tmp_path):
    (problem,) = problems_of(tmp_path)
    assert problem.path.endswith("mapping.yaml")
    assert problem.hint and "mapping.yaml" in problem.hint


def test_missing_pptx_names_the_file_and_line(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace("template: template.pptx", "template: templat.pptx"))
    (problem,) = problems_of(folder)
    assert "templat.pptx" in problem.message and "not found" in problem.message
    assert problem.hint == "did you mean 'template.pptx'?"
    assert problem.line == line_of(folder, "template: templat.pptx")


@pytest.mark.parametrize("name", ["../template.pptx", "/etc/passwd", "sub/../../template.pptx"])
def test_pptx_path_must_stay_inside(tmp_path, name):
    folder = corporate_copy(tmp_path, lambda t: t.replace("template: template.pptx", f"template: {name}"))
    (problem,) = problems_of(folder)
    assert "must be a file inside the template folder" in problem.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_pptx_symlink_escape_is_refused(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace("template: template.pptx", "template: linked.pptx"))
    outside = tmp_path / "outside.pptx"
    shutil.copy(CORPORATE / "template.pptx", outside)
    (folder / "linked.pptx").symlink_to(outside)
    (problem,) = problems_of(folder)
    assert "links to a place outside" in problem.message


def test_template_that_is_not_a_zip(tmp_path):
    folder = corporate_copy(tmp_path)
    (folder / "template.pptx").write_text("not a presentation", encoding="utf-8")
    (problem,) = problems_of(folder)
    assert problem.path.endswith("template.pptx")
    assert "not a PowerPoint .pptx file" in problem.message
    assert problem.hint


def test_template_that_is_a_zip_but_not_a_pptx(tmp_path):
    import zipfile

    folder = corporate_copy(tmp_path)
    with zipfile.ZipFile(folder / "template.pptx", "w") as archive:
        archive.writestr("hello.txt", "hi")
    (problem,) = problems_of(folder)
    assert problem.path.endswith("template.pptx")
    assert "cannot open as a .pptx presentation" in problem.message


# --------------------------------------------------------------------------- hostile .pptx files

def rewrite_template(folder: Path, name: str, edit) -> None:
    """Rewrite ``folder/template.pptx`` with the entry ``name`` edited (a function of its bytes)."""
    import zipfile

    path = folder / "template.pptx"
    with zipfile.ZipFile(path) as source:
        entries = {entry: source.read(entry) for entry in source.namelist()}
    entries[name] = edit(entries[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry, data in entries.items():
            target.writestr(entry, data)


LAYOUT = "ppt/slideLayouts/slideLayout2.xml"


def external_entity(xml: bytes) -> bytes:
    head, body = xml.split(b"?>", 1)
    return head + b'?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/hostname">]>' + \
        body.replace(b"<a:t>", b"<a:t>&secret;", 1)


def test_a_layout_with_an_external_entity_is_refused_naming_the_part(tmp_path):
    folder = corporate_copy(tmp_path)
    rewrite_template(folder, LAYOUT, external_entity)
    (problem,) = problems_of(folder)
    assert problem.path.endswith("template.pptx")
    assert problem.message.startswith(f"part '{LAYOUT}': it declares a DOCTYPE")


def test_a_layout_with_an_external_entity_never_ends_up_in_a_deck(run_deck, tmp_path):
    folder = corporate_copy(tmp_path)
    rewrite_template(folder, LAYOUT, external_entity)
    result = run_deck("build", "--template", folder, "--out", tmp_path / "out")
    assert result.exit_code == 1, result.stderr
    assert "it declares a DOCTYPE" in result.stderr
    assert not list((tmp_path / "out").glob("*.pptx"))


def test_a_relationship_out_of_the_package_is_refused(tmp_path):
    folder = corporate_copy(tmp_path)
    rels = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
    rewrite_template(folder, rels, lambda xml: xml.replace(b'Target="../slideMasters/', b'Target="../../../../'))
    problems = problems_of(folder)
    assert any(p.message.startswith(f"part '{rels}': relationship") and "points outside the package" in p.message
               for p in problems), problems


def test_the_template_is_opened_from_its_checked_parts(tmp_path):
    """Once loaded, the template is what was checked: replacing the file afterwards changes nothing."""
    folder = corporate_copy(tmp_path)
    template = load_mapping(folder)
    rewrite_template(folder, LAYOUT, external_entity)
    assert [layout.name for layout in template.open().slide_layouts]


def test_a_zip_bomb_template_fails_fast_naming_the_entry(tmp_path):
    import zipfile

    folder = corporate_copy(tmp_path)
    info = zipfile.ZipInfo("ppt/media/bomb.bin")
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(folder / "template.pptx", "a") as archive, archive.open(info, "w") as out:
        for _ in range(65):
            out.write(bytes(1024 * 1024))
    (problem,) = problems_of(folder)
    assert problem.message == "entry 'ppt/media/bomb.bin' is 65.0 MiB uncompressed, over the limit of 64.0 MiB " \
                              "per entry"


def test_a_layout_without_its_slide_master_fails_the_build_cleanly(run_deck, tmp_path):
    """Found by fuzzing the template: the build stopped with an internal error (KeyError)."""
    folder = corporate_copy(tmp_path)
    rels = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
    rewrite_template(folder, rels, lambda xml: xml.replace(b"relationships/slideMaster", b"relationships/other"))
    result = run_deck("build", "--template", folder, "--out", tmp_path / "out")
    assert result.exit_code == 1, result.stderr
    assert f"part '{LAYOUT}': the layout has no slide master" in result.stderr
