"""The POT extracted from the YAML content: contexts, references, comments, figure notes, Babel plugin."""

from __future__ import annotations

import io
import re
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract, extract_from_dir
from babel.messages.pofile import read_po

from generator.i18n.extract import KEYWORDS, build_template_catalog, extract_yaml, write_pot
from generator.sandbox import has_words

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
BLOCK_SCALAR = re.compile(r":\s*[>|][+-]?\d*\s*(#.*)?$")


@pytest.fixture(scope="module")
def pot():
    return build_template_catalog(CONTENT)


@pytest.fixture(scope="module")
def pot_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("pot") / "deck.pot"
    write_pot(build_template_catalog(CONTENT), path)
    return path


def messages(catalog):
    return [message for message in catalog if message.id]


def by_context(catalog):
    return {message.context: message for message in messages(catalog)}


def slide_ids():
    return yaml.safe_load((CONTENT / "deck.yaml").read_text(encoding="utf-8"))["slides"]


# ---------------------------------------------------------------- msgctxt

def test_contexts_name_slide_and_field(pot):
    found = by_context(pot)
    assert found["iso-introduction:title"].id == "Introduction to ISO"
    assert found["iso-roles:columns.0.items.1"].id == "Approve standards by voting"
    assert found["iso-roles:columns.1.items.1"].id.startswith("Nominated by members")
    assert found["deck:title"].id == "ISO, IEC and CASCO: an introduction"
    assert found["qualifier:approx"].id == "approx. {number}"
    assert found["iec-figures:figures.1.label"].id == "Number of Technical Committees"


def test_every_context_is_unique_and_well_formed(pot):
    contexts = [message.context for message in messages(pot)]
    assert len(contexts) == len(set(contexts))
    known = {"deck", "qualifier", *slide_ids()}
    for context in contexts:
        prefix, _, field = context.partition(":")
        assert prefix in known, context
        assert re.fullmatch(r"[a-z_]+(\.(\d+|[a-z_]+))*", field), context


def test_msgids_equal_the_yaml_strings_with_expressions_unchanged(pot):
    """Every slide msgid is exactly the string the YAML holds at its field path."""
    files = {path.name: path for path in (CONTENT / "slides").glob("*.yaml")}
    checked = 0
    for message in messages(pot):
        prefix, _, field = message.context.partition(":")
        if prefix == "qualifier":
            continue
        (filename, _line), = message.locations
        node = yaml.safe_load((ROOT / filename).read_text(encoding="utf-8"))
        for part in field.split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        assert message.id == node, message.context
        checked += 1
    assert checked > 150
    assert files  # sanity: the slides are there
    found = by_context(pot)
    assert "{{ iso.members | number }}" in found["iso-introduction:items.0"].id
    assert "{{ iec.ca_certificates | compact }}" in found["iec-figures:notes"].id


# ---------------------------------------------------------------- references

def test_references_point_at_the_line_holding_the_text(pot, pot_file):
    text = pot_file.read_text(encoding="utf-8")
    assert re.search(r"^#: content/slides/01-iso-introduction\.yaml:\d+$", text, re.M)
    assert re.search(r"^#: content/deck\.yaml:\d+$", text, re.M)
    assert re.search(r'^msgctxt "iso-roles:columns\.0\.items\.1"$', text, re.M)
    checked = 0
    for message in messages(pot):
        if message.context.startswith("qualifier:"):
            continue
        (filename, line), = message.locations
        assert re.fullmatch(r"content/(deck\.yaml|slides/\d\d-[a-z0-9-]+\.yaml)", filename), filename
        lines = (ROOT / filename).read_text(encoding="utf-8").splitlines()
        assert 1 <= line <= len(lines), (message.context, line)
        here = lines[line - 1]
        first_words = " ".join(message.id.split()[:3])
        if BLOCK_SCALAR.search(here):
            following = lines[line].strip()
            assert following and message.id.startswith(following), (message.context, here, following)
        else:
            assert first_words in here, (message.context, line, here)
        checked += 1
    assert checked == len(messages(pot)) - 6


def test_reference_of_a_slide_file_names_its_number_and_id(pot):
    for message in messages(pot):
        prefix = message.context.partition(":")[0]
        if prefix in ("deck", "qualifier"):
            continue
        (filename, _line), = message.locations
        assert re.fullmatch(rf"content/slides/\d\d-{re.escape(prefix)}\.yaml", filename)


def test_pot_file_reads_back_with_the_same_messages(pot, pot_file):
    with pot_file.open("rb") as handle:
        back = read_po(handle)
    assert [(m.context, m.id) for m in messages(back)] == [(m.context, m.id) for m in messages(pot)]
    slides = lambda catalog: [m.locations for m in messages(catalog) if not m.context.startswith("qualifier:")]
    assert slides(back) == slides(pot)


# ---------------------------------------------------------------- comments

def test_author_comment_above_a_key_becomes_an_extracted_comment(content_copy, replace_text):
    slide = content_copy / "slides/01-iso-introduction.yaml"
    replace_text(slide, "\ntitle: Introduction to ISO\n", "\n# Translator: keep short\ntitle: Introduction to ISO\n")
    replace_text(slide, "  - Coordinated by a Central Secretariat in Geneva",
                 "  # Geneva, Switzerland\n  - Coordinated by a Central Secretariat in Geneva")
    found = by_context(build_template_catalog(content_copy))
    assert found["iso-introduction:title"].auto_comments == ["Translator: keep short"]
    assert found["iso-introduction:items.3"].auto_comments == ["Geneva, Switzerland"]
    # neighbours do not inherit it
    assert "Translator: keep short" not in found["iso-introduction:items.0"].auto_comments
    assert not any("Geneva, Switzerland" in c for c in found["iso-introduction:notes"].auto_comments)
    # and the reference still points at the title's own line
    (filename, line), = found["iso-introduction:title"].locations
    assert slide.read_text(encoding="utf-8").splitlines()[line - 1] == "title: Introduction to ISO"


def test_schema_modeline_is_not_a_translator_comment(content_copy):
    """An editor's schema modeline directly above a key is not meant for translators."""
    slide = content_copy / "slides/00-cover.yaml"
    lines = [line for line in slide.read_text(encoding="utf-8").splitlines()
             if not line.startswith("# yaml-language-server")]
    kind = next(line for line in lines if line.startswith("kind:"))
    title = next(line for line in lines if line.startswith("title:"))
    rest = [line for line in lines if line not in (kind, title)]
    slide.write_text("\n".join(["# yaml-language-server: $schema=../schema/slide.schema.json",
                                "# Cover slide", title, kind, *rest]) + "\n", encoding="utf-8")
    found = by_context(build_template_catalog(content_copy))
    assert found["cover:title"].auto_comments == ["Cover slide"]
    for message in found.values():
        assert not any("yaml-language-server" in c for c in message.auto_comments), message.context


def test_hash_line_inside_a_block_scalar_is_not_a_comment(content_copy, replace_text):
    slide = content_copy / "slides/00-cover.yaml"
    replace_text(slide, 'subtitle: "An introduction to international standards and conformity assessment"',
                 "subtitle: |-\n  An introduction to international standards\n  #1 guide to conformity assessment")
    found = by_context(build_template_catalog(content_copy))
    assert found["cover:subtitle"].id.endswith("#1 guide to conformity assessment")
    assert found["cover:notes"].auto_comments == []


def test_figure_notes_give_current_values(pot):
    found = by_context(pot)
    assert "{{ iso.members }} is currently 162 countries" in found["iso-introduction:items.0"].auto_comments
    notes = found["iso-introduction:items.2"].auto_comments
    assert "{{ iso.technical_committees }} is currently 300 committees" in notes
    assert "{{ iso.standards_per_month }} is currently 100 standards" in notes
    # a figure with no value says so
    system = [c for m in messages(pot) for c in m.auto_comments if "iec.system_committees" in c]
    assert all(c == "{{ iec.system_committees }} is currently no value yet committees" for c in system)
    # a derived figure shows its computed value
    assert "{{ iec.family }} is currently 171 countries" in found["iec-figures:notes"].auto_comments
    # strings without figures have no notes
    assert found["iso-introduction:title"].auto_comments == []


def test_figure_notes_follow_figures_yaml(content_copy, replace_text):
    replace_text(content_copy / "figures.yaml", "    value: 162\n", "    value: 163\n")
    replace_text(content_copy / "figures.yaml", "      value: 120\n", "      value: 121\n")   # keeps the rule
    found = by_context(build_template_catalog(content_copy))
    assert "{{ iso.members }} is currently 163 countries" in found["iso-introduction:items.0"].auto_comments
    # ...and the msgid did not change: a figure update invalidates no translation
    assert found["iso-introduction:items.0"].id == by_context(build_template_catalog(CONTENT))[
        "iso-introduction:items.0"].id


# ---------------------------------------------------------------- what is left out

def test_operators_and_expression_only_strings_are_not_extracted(pot):
    ids = [message.id for message in messages(pot)]
    contexts = {message.context for message in messages(pot)}
    assert "+" not in ids and "=" not in ids
    assert "standards-and-ca:equation.1" not in contexts
    assert "standards-and-ca:equation.3" not in contexts
    assert {"standards-and-ca:equation.0", "standards-and-ca:equation.2"} <= contexts
    for index in range(8):
        assert f"iec-figures:figures.{index}.value" not in contexts
        assert f"iec-figures:figures.{index}.label" in contexts
    assert not any(context.startswith("casco-members:table.") and context.endswith(".value") for context in contexts)
    for message in messages(pot):
        assert has_words(message.id), message.context
        assert not re.fullmatch(r"\s*(\{\{.*?\}\}\s*)+", message.id), message.context


# ---------------------------------------------------------------- order

def test_notes_come_after_the_slide_texts(pot):
    order = [message.context.partition(":")[0] for message in messages(pot)]
    contexts = [message.context for message in messages(pot)]
    ids = slide_ids()
    # slides appear in deck order, each as one run of messages
    runs = [prefix for i, prefix in enumerate(order) if i == 0 or order[i - 1] != prefix]
    assert runs == ["deck", *ids, "qualifier"]
    for slide_id in ids:
        own = [c for c in contexts if c.startswith(slide_id + ":")]
        if f"{slide_id}:notes" in own:
            assert own[-1] == f"{slide_id}:notes", own
        assert own[0] == f"{slide_id}:title", own


# ---------------------------------------------------------------- Babel plugin

def test_registered_as_babel_extractor():
    found = {ep.name: ep for ep in entry_points(group="babel.extractors")}
    assert "deck_yaml" in found
    assert found["deck_yaml"].value == "generator.i18n.extract:extract_yaml"
    assert found["deck_yaml"].load() is extract_yaml


def test_babel_extract_by_method_name():
    path = CONTENT / "slides/03-iso-roles.yaml"
    with path.open("rb") as handle:
        results = list(extract("deck_yaml", handle, KEYWORDS))
    by_ctx = {context: (lineno, message) for lineno, message, _comments, context in results}
    assert by_ctx["iso-roles:columns.0.items.1"][1] == "Approve standards by voting"
    line = by_ctx["iso-roles:columns.0.items.1"][0]
    assert "Approve standards by voting" in path.read_text(encoding="utf-8").splitlines()[line - 1]
    assert list(by_ctx)[-1] == "iso-roles:notes"


def test_babel_extract_from_dir_matches_the_deck_pot(pot):
    method_map = [("deck.yaml", "deck_yaml"), ("slides/**.yaml", "deck_yaml")]
    found = {}
    for filename, lineno, message, _comments, context in extract_from_dir(str(CONTENT), method_map):
        found[context] = (filename.replace("\\", "/"), lineno, message)
    expected = {m.context: m for m in messages(pot) if not m.context.startswith("qualifier:")}
    assert set(found) == set(expected)
    for context, (filename, lineno, message) in found.items():
        assert message == expected[context].id
        assert [(f"content/{filename}", lineno)] == expected[context].locations


def test_extractor_ignores_other_yaml(tmp_path):
    other = tmp_path / "slides" / "notes.yaml"
    other.parent.mkdir()
    other.write_text("title: Not a slide file\n", encoding="utf-8")
    with other.open("rb") as handle:
        assert list(extract("deck_yaml", handle, KEYWORDS)) == []
    stream = io.BytesIO(b"kind: bullets\ntitle: Nameless\n")
    assert list(extract(extract_yaml, stream, KEYWORDS)) == []
