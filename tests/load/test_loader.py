"""load_deck: content/ -> a validated Deck, or one ContentError listing every problem with file:line:col."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.errors import ContentError, Warnings
from generator.load.loader import load_deck
from generator.sandbox import FILTERS as KNOWN_FILTERS
from generator.kinds import ChartSlide, OrgChartSlide, TitleSlide

ROOT = Path(__file__).resolve().parents[2]

REAL_ORDER = [
    "cover", "iso-introduction", "iso-system", "iso-roles", "iec", "sd-ca-activities", "standards-and-ca",
    "iec-ca-systems", "iec-figures", "iec-offices", "casco", "iso-governance", "casco-members",
    "iso-iec-17000-benefits", "iso-iec-17000-scope", "casco-structure", "more-information",
]


def load(content: Path, warnings: Warnings | None = None):
    return load_deck(content, ROOT, warnings)


def problems_of(content: Path) -> list:
    with pytest.raises(ContentError) as exc:
        load(content)
    return exc.value.problems


def one_problem(content: Path):
    problems = problems_of(content)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# ---------------------------------------------------------------- the real content

def test_real_content_loads_17_slides_in_deck_order():
    warnings = Warnings()
    deck = load(ROOT / "content", warnings)
    assert [slide.id for slide in deck.slides] == REAL_ORDER
    # the one deliberate gap: the IEC system-committee count the original slide lost
    assert [w.message.split(";")[0] for w in warnings] == ["figure 'iec.system_committees' has no value"]
    assert deck.meta.id == "iso-iec-casco-intro"
    assert deck.meta.template == "templates/corporate"
    assert deck.project_dir == ROOT


def test_slide_ids_and_sources_come_from_file_names():
    deck = load(ROOT / "content")
    by_id = {slide.id: slide for slide in deck.slides}
    assert by_id["iec-figures"].source.name == "08-iec-figures.yaml"
    assert by_id["cover"].source.name == "00-cover.yaml"
    assert isinstance(by_id["cover"], TitleSlide)
    assert isinstance(by_id["casco-structure"], OrgChartSlide)
    assert isinstance(by_id["casco-members"], ChartSlide)


def test_slide_order_follows_deck_yaml_not_file_names(content_copy, replace_text):
    replace_text(content_copy / "deck.yaml", "  - cover\n  - iso-introduction\n", "  - iso-introduction\n  - cover\n")
    deck = load(content_copy)
    assert [s.id for s in deck.slides][:3] == ["iso-introduction", "cover", "iso-system"]


# ---------------------------------------------------------------- schema problems

def test_unknown_kind_with_did_you_mean(content_copy, replace_text):
    replace_text(content_copy / "slides/15-casco-structure.yaml", "kind: orgchart", "kind: orgchrat")
    problem = one_problem(content_copy)
    assert problem.path.endswith("slides/15-casco-structure.yaml")
    assert (problem.line, problem.col) == (2, 7)
    assert problem.message == "unknown slide kind 'orgchrat'"
    assert problem.hint == "did you mean 'orgchart'?"


def test_missing_kind_lists_the_known_kinds(content_copy, replace_text):
    replace_text(content_copy / "slides/04-iec.yaml", "kind: cards\n", "")
    problem = one_problem(content_copy)
    assert problem.message == "the slide has no 'kind'"
    assert "orgchart" in problem.hint and "bullets" in problem.hint


def test_unknown_key_with_did_you_mean(content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "kind: bullets\n", "kind: bullets\nnotse: x\n")
    problem = one_problem(content_copy)
    assert problem.path.endswith("slides/01-iso-introduction.yaml")
    assert problem.line == 3
    assert problem.message == "unknown key 'notse'"
    assert problem.hint == "did you mean 'notes'?"


def test_unknown_nested_key_suggests_from_the_nested_model(content_copy, replace_text):
    replace_text(content_copy / "slides/12-casco-members.yaml", "    figure: casco.members.full",
                 "    figure: casco.members.full\n    colour: red")
    problem = one_problem(content_copy)
    assert problem.message == "unknown key 'colour'"
    assert problem.line == 9
    assert "known keys" in problem.hint and "figure" in problem.hint and "label" in problem.hint


def test_missing_required_key_points_at_its_parent(content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "title: Introduction to ISO\n", "")
    problem = one_problem(content_copy)
    assert problem.message == "'title' is required here"
    assert problem.line == 2


def test_missing_required_nested_key(content_copy, replace_text):
    replace_text(content_copy / "slides/12-casco-members.yaml", "    figure: casco.members.subscriber\n", "")
    problem = one_problem(content_copy)
    assert problem.message == "'figure' is required here"
    assert problem.line == 11                       # the '- label: Subscriber members' item


def test_wrong_type_names_the_field(content_copy, replace_text):
    replace_text(content_copy / "slides/15-casco-structure.yaml", "kind: orgchart", "kind: orgchart\nedges: 5")
    problem = one_problem(content_copy)
    assert problem.line == 3
    assert problem.message.startswith("edges: ")
    assert "valid list" in problem.message


def test_value_out_of_range(content_copy, replace_text):
    replace_text(content_copy / "slides/09-iec-offices.yaml", "latitude: 46.20", "latitude: 146.20")
    problem = one_problem(content_copy)
    assert problem.message.startswith("offices.0.latitude:")
    assert "90" in problem.message


def test_bad_bullet_item_does_not_leak_pydantic_union_tags(content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml",
                 "  - Coordinated by a Central Secretariat in Geneva", "  - 5")
    problems = problems_of(content_copy)
    assert not any("constrained-str" in p.message for p in problems), [str(p) for p in problems]


# ---------------------------------------------------------------- the texts: Jinja, figures, characters

def test_unknown_figure_in_text_with_did_you_mean_and_line(content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "{{ iso.standards | qualified }}",
                 "{{ iso.standrads | qualified }}")
    problem = one_problem(content_copy)
    assert problem.path.endswith("slides/01-iso-introduction.yaml")
    assert (problem.line, problem.col) == (6, 5)    # the second bullet
    assert problem.message == "unknown figure 'iso.standrads'"
    assert problem.hint == "did you mean 'iso.standards'?"
    assert str(problem).startswith(problem.path + ":6:5: unknown figure")


def test_unknown_figure_in_folded_notes_points_at_the_notes(content_copy, replace_text):
    replace_text(content_copy / "slides/08-iec-figures.yaml", "{{ iec.cabs | number }}", "{{ iec.cab | number }}")
    problem = one_problem(content_copy)
    assert problem.line == 21                        # 'notes: >-'
    assert problem.hint == "did you mean 'iec.cabs'?"


def test_figure_group_used_as_a_figure(content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "{{ iso.members | number }} member",
                 "{{ iso | number }} member")
    problem = one_problem(content_copy)
    assert problem.message == "'iso' is a group of figures, not a figure"
    assert problem.line == 5


def test_figure_group_is_caught_even_next_to_one_of_its_figures(content_copy, replace_text):
    replace_text(content_copy / "slides/12-casco-members.yaml", "{{ casco.members.national | number }} national",
                 "{{ casco.members | number }} national")
    problem = one_problem(content_copy)
    assert problem.message == "'casco.members' is a group of figures, not a figure"


def test_unknown_chart_point_figure(content_copy, replace_text):
    replace_text(content_copy / "slides/12-casco-members.yaml", "figure: casco.members.full",
                 "figure: casco.member.full")
    problem = one_problem(content_copy)
    assert problem.line == 8
    assert problem.message == "unknown figure 'casco.member.full'"
    assert problem.hint == "did you mean 'casco.members.full'?"


def test_jinja_syntax_error(content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "{{ iso.members | number }} member",
                 "{{ iso.members | number } member")
    problem = one_problem(content_copy)
    assert problem.line == 5
    assert problem.message.startswith("template error: ")
    assert "{{ iso.members | number }}" in problem.hint


def test_unclosed_jinja_block(content_copy, replace_text):
    replace_text(content_copy / "slides/04-iec.yaml", "  - heading: Standards Development (SD)",
                 '  - heading: "Standards {% if %}"')
    problems = problems_of(content_copy)
    assert any(p.message.startswith("template error:") for p in problems)


def test_unknown_filter_with_did_you_mean(content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "iso.members | number", "iso.members | numbr")
    problem = one_problem(content_copy)
    assert problem.message == "unknown filter 'numbr'"
    assert problem.hint == "did you mean 'number'?"


def test_jinja_builtin_filter_is_unknown(content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "iso.members | number",
                 "iso.members | number | upper")
    problem = one_problem(content_copy)
    assert problem.message == "unknown filter 'upper'"
    assert "known filters" in problem.hint


def test_jinja_globals_are_unknown_names(content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "  - Coordinated by a Central Secretariat in Geneva",
                 '  - "{{ range(3) }}"')
    assert one_problem(content_copy).message.startswith("only {{ figure | filter }} expressions are allowed")


@pytest.mark.parametrize("escape, code", [("\\a", "0007"), ("\\uFFFE", "FFFE")])
def test_xml_invalid_control_character_in_text(content_copy, replace_text, escape, code):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "  - Coordinated by a Central Secretariat in Geneva",
                 f'  - "Coordinated by a Central{escape} Secretariat"')
    problem = one_problem(content_copy)
    assert problem.line == 8
    assert problem.message == f"a control character (U+{code}) is in the text"


def test_tab_and_newline_escapes_are_allowed_in_text(content_copy, replace_text):
    replace_text(content_copy / "slides/01-iso-introduction.yaml", "  - Coordinated by a Central Secretariat in Geneva",
                 '  - "Coordinated\\tby a\\nCentral Secretariat"')
    deck = load(content_copy)
    assert deck.slides[1].items[3] == "Coordinated\tby a\nCentral Secretariat"


# ---------------------------------------------------------------- slide files and deck.yaml

def test_listed_slide_without_a_file(content_copy):
    (content_copy / "slides/04-iec.yaml").unlink()
    problem = one_problem(content_copy)
    assert problem.path.endswith("deck.yaml")
    assert (problem.line, problem.col) == (14, 5)
    assert problem.message == "no slide file for 'iec'"


def test_misspelt_listed_slide_gets_did_you_mean(content_copy, replace_text):
    replace_text(content_copy / "deck.yaml", "  - iso-governance\n", "  - iso-governence\n")
    problems = problems_of(content_copy)
    assert len(problems) == 1
    assert problems[0].message == "no slide file for 'iso-governence'"
    assert problems[0].hint == "did you mean 'iso-governance'?"


def test_slide_listed_twice(content_copy, replace_text):
    replace_text(content_copy / "deck.yaml", "  - iec\n", "  - iec\n  - iec\n")
    problem = one_problem(content_copy)
    assert problem.message == "slide 'iec' is listed twice"
    assert problem.line == 15


def test_unlisted_slide_file_is_a_warning_and_left_out(content_copy):
    (content_copy / "slides/99-extra.yaml").write_text((content_copy / "slides/04-iec.yaml").read_text())
    warnings = Warnings()
    deck = load(content_copy, warnings)
    assert [s.id for s in deck.slides] == REAL_ORDER
    about_slides = [w for w in warnings if "slides/" in w.path]
    assert len(about_slides) == 1
    warning = about_slides[0]
    assert warning.path.endswith("slides/99-extra.yaml")
    assert "'extra' is not listed in deck.yaml" in warning.message


def test_badly_named_slide_file(content_copy):
    (content_copy / "slides/Extra Slide.yaml").write_text("kind: bullets\n")
    problem = one_problem(content_copy)
    assert problem.message.startswith("a slide file is named NN-id.yaml")


def test_two_files_with_the_same_slide_id(content_copy):
    (content_copy / "slides/40-iec.yaml").write_text((content_copy / "slides/04-iec.yaml").read_text())
    problem = one_problem(content_copy)
    assert problem.message == "slide id 'iec' is also used by 04-iec.yaml"


def test_non_yaml_files_in_slides_are_ignored(content_copy):
    (content_copy / "slides/README.md").write_text("notes for editors")
    (content_copy / "slides/.03-draft.yaml").write_text("kind: nonsense\n")
    assert len(load(content_copy).slides) == 17


def test_slide_file_that_is_not_a_mapping(content_copy):
    (content_copy / "slides/04-iec.yaml").write_text("- just\n- a list\n")
    assert one_problem(content_copy).message == "a slide file must be a mapping of keys to values"


def test_missing_deck_yaml(tmp_path):
    with pytest.raises(ContentError) as exc:
        load(tmp_path)
    assert exc.value.problems[0].message == "no deck.yaml here"


def test_slide_symlink_to_outside_content_is_refused(content_copy, tmp_path):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((content_copy / "slides/04-iec.yaml").read_text())
    link = content_copy / "slides/04-iec.yaml"
    link.unlink()
    link.symlink_to(outside)
    problems = problems_of(content_copy)
    refused = [p for p in problems if "links to a place outside the content folder" in p.message]
    assert len(refused) == 1
    # the slide is not loaded, so deck.yaml's entry for it has no file
    assert any(p.message == "no slide file for 'iec'" for p in problems)


def test_symlink_refusal_names_the_slide_file(content_copy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)          # as when deck runs in a repository holding both files
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((content_copy / "slides/04-iec.yaml").read_text())
    link = content_copy / "slides/04-iec.yaml"
    link.unlink()
    link.symlink_to(outside)
    refused = [p for p in problems_of(content_copy) if "links to a place outside" in p.message]
    assert refused[0].path == "content/slides/04-iec.yaml"


def test_slide_symlink_within_slides_is_allowed(content_copy):
    target = content_copy / "slides/04-iec.yaml"
    hidden = content_copy / "slides/.iec-master.yaml"       # hidden files are not slides themselves
    target.rename(hidden)
    target.symlink_to(hidden)
    assert [s.id for s in load(content_copy).slides] == REAL_ORDER


def test_slide_symlink_into_content_assets_is_not_called_outside_content(content_copy):
    target = content_copy / "slides/04-iec.yaml"
    moved = content_copy / "assets/iec-slide.yaml"
    target.rename(moved)
    target.symlink_to(moved)
    try:
        load(content_copy)
    except ContentError as exc:
        assert not any("outside the content folder" in p.message for p in exc.problems), str(exc)


# ---------------------------------------------------------------- all problems at once

def test_errors_in_several_files_are_all_reported_sorted_by_file(content_copy, replace_text):
    slides = content_copy / "slides"
    replace_text(slides / "15-casco-structure.yaml", "kind: orgchart", "kind: orgchrat")
    replace_text(slides / "01-iso-introduction.yaml", "kind: bullets\n", "kind: bullets\nnotse: x\n")
    replace_text(slides / "08-iec-figures.yaml", "{{ iec.experts | qualified }}", "{{ iec.expert | qualified }}")
    replace_text(slides / "04-iec.yaml", "  - heading: Standards Development (SD)", '  - heading: "{{ oops "')
    (slides / "99-broken.yaml").write_text("title: a\n\tnotes: b\n")
    replace_text(content_copy / "deck.yaml", "  - more-information\n", "  - more-information\n  - nowhere\n")
    with pytest.raises(ContentError) as exc:
        load(content_copy)
    problems = exc.value.problems
    assert [p.path for p in problems] == sorted(p.path for p in problems)
    by_file = {}
    for p in problems:
        by_file.setdefault(Path(p.path).name, []).append(p.message)
    assert by_file["deck.yaml"] == ["no slide file for 'nowhere'"]
    assert by_file["01-iso-introduction.yaml"] == ["unknown key 'notse'"]
    assert len(by_file["04-iec.yaml"]) == 1 and by_file["04-iec.yaml"][0].startswith("template error")
    assert by_file["08-iec-figures.yaml"] == ["unknown figure 'iec.expert'"]
    assert by_file["15-casco-structure.yaml"] == ["unknown slide kind 'orgchrat'"]
    assert by_file["99-broken.yaml"] == ["a tab character is used for indentation"]
    assert len(problems) == 6
    assert all(p.line is not None for p in problems)
    # the 99-broken.yaml tab error does not stop the other files from being checked
    lines = str(exc.value).splitlines()
    assert sum(1 for line in lines if not line.startswith("    hint:")) == 6


def test_broken_figures_and_slides_are_reported_together(content_copy, replace_text):
    replace_text(content_copy / "figures.yaml", "value: 39", "value: thirty-nine")
    replace_text(content_copy / "slides/15-casco-structure.yaml", "kind: orgchart", "kind: orgchrat")
    problems = problems_of(content_copy)
    assert {Path(p.path).name for p in problems} == {"figures.yaml", "15-casco-structure.yaml"}


def test_bad_figure_value_gives_one_problem_not_a_cascade(content_copy, replace_text):
    replace_text(content_copy / "figures.yaml", "value: 120", "value: lots")
    problems = problems_of(content_copy)
    assert [p.message for p in problems] == ["figure 'casco.members.full': value 'lots' is not a number"]


def test_known_filters_match_what_the_localizer_provides():
    """A filter the loader accepts must exist when the text is rendered."""
    from generator.localize.formatting import Formatter

    provided = set(Formatter("en_GB").filters())
    assert provided <= set(KNOWN_FILTERS)


def test_every_known_filter_exists_at_render_time():
    from generator.localize.formatting import Formatter

    assert set(KNOWN_FILTERS) <= set(Formatter("en_GB").filters())


# ---------------------------------------------------------------- assets

def map_slide_of(deck):
    return next(slide for slide in deck.slides if slide.kind == "map")


def test_the_basemap_is_resolved_in_the_contents_assets(content_copy):
    assert map_slide_of(load(ROOT / "content")).basemap_path == ROOT / "content" / "assets" / "world-110m.json"
    assert map_slide_of(load(content_copy)).basemap_path == content_copy / "assets" / "world-110m.json"


def test_a_basemap_missing_from_the_assets_is_looked_for_in_the_template_folder(content_copy, replace_text,
                                                                                 tmp_path):
    template = tmp_path / "project" / "templates" / "corporate"
    template.mkdir(parents=True)
    (template / "outline.json").write_text('{"bounds": [-180, -90, 180, 90], "land": [[[0, 0], [10, 0], [10, 10]]]}',
                                           encoding="utf-8")
    replace_text(content_copy / "slides/09-iec-offices.yaml", "kind: map\n", "kind: map\nbasemap: outline.json\n")
    deck = load_deck(content_copy, tmp_path / "project")
    assert map_slide_of(deck).basemap_path == template / "outline.json"


@pytest.mark.parametrize("name,message", [("nowhere.json", "asset 'nowhere.json' not found"),
                                          ("../figures.yaml", "must be a path inside the content or template")])
def test_a_basemap_that_is_not_there_is_a_load_problem(content_copy, replace_text, name, message):
    replace_text(content_copy / "slides/09-iec-offices.yaml", "kind: map\n", f"kind: map\nbasemap: {name}\n")
    problem = one_problem(content_copy)
    assert problem.path.endswith("slides/09-iec-offices.yaml")
    assert message in problem.message


# ---------------------------------------------------------------- limits

def test_a_deck_listing_more_slides_than_the_limit_fails_before_looking_for_them(content_copy, replace_text,
                                                                                monkeypatch):
    from generator.load import loader

    monkeypatch.setattr(loader, "MAX_SLIDES", 18)
    replace_text(content_copy / "deck.yaml", "  - more-information\n", "  - more-information\n  - a\n  - b\n")
    problem = one_problem(content_copy)
    assert problem.path.endswith("deck.yaml") and problem.line == 10
    assert problem.message == "deck.yaml lists 19 slides; the limit is 18 slides per deck"


def test_more_slide_files_than_the_limit_are_not_read(content_copy, monkeypatch):
    from generator.load import loader

    monkeypatch.setattr(loader, "MAX_SLIDES", 16)
    problems = problems_of(content_copy)
    assert "the folder holds 17 slide files; the limit is 16 slides per deck" in [p.message for p in problems]


def test_many_missing_slides_get_a_did_you_mean_for_the_first_few_only(content_copy, replace_text):
    replace_text(content_copy / "deck.yaml", "  - more-information\n",
                 "  - more-information\n" + "".join(f"  - casco-{i}\n" for i in range(30)))
    problems = [p for p in problems_of(content_copy) if p.message.startswith("no slide file")]
    assert len(problems) == 30
    assert sum("did you mean" in (p.hint or "") for p in problems) == 20


def test_a_basemap_that_is_not_json_is_a_load_problem(content_copy):
    (content_copy / "assets" / "world-110m.json").write_text("not json")
    problem = one_problem(content_copy)
    assert problem.path.endswith("assets/world-110m.json")
    assert problem.message.startswith("basemap is not valid JSON")


def test_a_basemap_with_a_bad_ring_is_a_load_problem(content_copy):
    (content_copy / "assets" / "world-110m.json").write_text(
        '{"bounds": [-180, -90, 180, 90], "land": [[[0, 0], [1, 1]]]}')
    assert one_problem(content_copy).message == "land ring 0 must be a list of at least 3 [lon, lat] points"


def test_a_deck_yaml_that_is_a_fifo_is_named(content_copy):
    (content_copy / "deck.yaml").unlink()
    os.mkfifo(content_copy / "deck.yaml")
    problems = problems_of(content_copy)
    assert any(p.path.endswith("deck.yaml") and p.message == "a FIFO (named pipe), not a regular file"
               for p in problems)
