"""check_contract: the mapping against the layouts and placeholders the .pptx really has."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.template.contract import check_contract
from generator.template.mapping import load_mapping

from .conftest import CORPORATE, corporate_copy, line_of




def contract_problems(folder: Path, kinds, roles=()):
    template = load_mapping(folder)
    with pytest.raises(ContentError) as info:
        check_contract(template, kinds, roles)
    return info.value.problems


def test_corporate_template_meets_its_mapping_for_every_kind():
    from generator.kinds import SLIDE_CLASSES

    template = load_mapping(CORPORATE)
    kinds = set(template.mapping.kinds) | set(SLIDE_CLASSES)
    check_contract(template, sorted(kinds), roles=list(template.mapping.layouts))


def test_alt_template_meets_its_mapping(alt_template):
    template = load_mapping(alt_template)
    check_contract(template, list(template.mapping.kinds), roles=list(template.mapping.layouts))


def test_typo_in_layout_name_gets_did_you_mean_and_line(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace('"Title and Content"', '"Title and Contnet"'))
    (problem,) = contract_problems(folder, ["bullets"])
    assert "layout 'Title and Contnet' (role 'content') is not in template.pptx" == problem.message
    assert problem.hint == "did you mean 'Title and Content'?"
    assert problem.path.endswith("mapping.yaml")
    assert problem.line == line_of(folder, "Title and Contnet")


def test_unknown_layout_name_without_close_match_lists_the_layouts(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace('"Title and Content"', '"Zebra"'))
    (problem,) = contract_problems(folder, ["bullets"])
    assert problem.hint.startswith("known layouts: ")
    for name in ("Blank", "Section Header", "Title Only", "Title Slide", "Title and Content", "Two Content"):
        assert name in problem.hint


def test_missing_placeholder_idx_is_reported_with_the_layout_placeholders(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace(
        '{name: "Two Content", title: 0, left: 1, right: 2}', '{name: "Two Content", title: 0, left: 1, right: 7}'))
    (problem,) = contract_problems(folder, ["bullets"], roles=["two_content"])
    assert problem.message == "layout 'Two Content' has no placeholder idx 7 for slot 'right' (role 'two_content')"
    assert problem.hint == "its placeholders: 0:TITLE, 1:OBJECT, 2:OBJECT, 10:DATE, 11:FOOTER, 12:SLIDE_NUMBER"
    assert problem.line == line_of(folder, "right: 7")


def test_title_slot_is_required_except_for_blank(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace(
        '{name: "Title and Content", title: 0, body: 1}', '{name: "Title and Content", titel: 0, body: 1}'))
    (problem,) = contract_problems(folder, ["bullets"], roles=["blank"])
    assert problem.message == "layout role 'content' ('Title and Content') needs a 'title' slot"
    assert problem.hint.startswith("did you mean 'titel'?")
    assert problem.line == line_of(folder, "titel: 0")


def test_a_kind_the_mapping_does_not_name_uses_its_own_layout_role(tmp_path):
    from generator.kinds import LinksSlide

    folder = corporate_copy(tmp_path, lambda t: t.replace("  links: content\n", ""))
    template = load_mapping(folder)
    check_contract(template, ["bullets", "links"])          # raises when something is missing
    assert template.mapping.role_for_kind("links") == LinksSlide.layout_role == "content"


def test_a_kind_whose_own_layout_role_is_missing_is_reported(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace("  links: content\n", "").replace(
        "  bullets: content\n", "").replace('  content:     {name: "Title and Content", title: 0, body: 1}\n', ""))
    messages = [problem.message for problem in contract_problems(folder, ["links"])]
    assert messages == ["layout role 'content' is not under layouts"]


def test_everything_missing_is_listed_at_once(tmp_path):
    def edit(text):
        return (text.replace('"Section Header"', '"Section Heading"')
                .replace('{name: "Title and Content", title: 0, body: 1}', '{name: "Title and Content", title: 0, body: 5}')
                .replace('{name: "Title Only", title: 0}', '{name: "Title Only"}')
                .replace("  links: content\n", ""))
    folder = corporate_copy(tmp_path, edit)
    problems = contract_problems(folder, ["title", "bullets", "statement", "chart", "links"])
    messages = sorted(p.message for p in problems)
    assert messages == sorted([
        "layout 'Section Heading' (role 'section') is not in template.pptx",
        "layout 'Title and Content' has no placeholder idx 5 for slot 'body' (role 'content')",
        "layout role 'title_only' ('Title Only') needs a 'title' slot",
    ])
    assert all(p.path.endswith("mapping.yaml") and p.line for p in problems)


def test_corporate_mapping_against_the_alt_pptx_reports_every_layout(tmp_path, alt_template):
    folder = corporate_copy(tmp_path, lambda t: t.replace("template: template.pptx", "template: alt.pptx"))
    shutil.copy(alt_template / "alt.pptx", folder / "alt.pptx")
    template = load_mapping(folder)
    with pytest.raises(ContentError) as info:
        check_contract(template, list(template.mapping.kinds), roles=list(template.mapping.layouts))
    problems = info.value.problems
    assert len(problems) == 6          # one per role, all reported together
    assert all("is not in alt.pptx" in p.message for p in problems)
    assert all(p.hint.startswith("known layouts: Cover, Divider, Empty, Heading, Text, Twin") for p in problems)


def test_only_used_roles_are_checked(tmp_path):
    folder = corporate_copy(tmp_path, lambda t: t.replace('"Two Content"', '"Three Content"'))
    template = load_mapping(folder)
    check_contract(template, ["bullets", "title"])
    with pytest.raises(ContentError, match="Three Content"):
        check_contract(template, ["bullets"], roles=["two_content"])
