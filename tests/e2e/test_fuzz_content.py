"""Fuzzing: whatever a slide file or a translation holds, the outcome is a valid deck or a clean user error.

Hypothesis generates slide content (random Unicode: right-to-left text, combining marks,
emoji, control characters, Jinja fragments; random structures) and PO entries. Every
example must either build a deck that python-pptx reopens, or raise a ``DeckError``.
Anything else (an exception of another type, a deck that does not reopen) fails.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from generator.build import build
from generator.options import BuildOptions
from generator.errors import DeckError

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FUZZ_SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                         suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

GOOD_JINJA = ["{{ iso.members | number }}", "{{ iec.experts | qualified }}",
              "{{ iec.ca_certificates | qualified('compact') }}", "{{ iec.system_committees | number }}"]
BAD_JINJA = ["{{ casco.members | number }}", "{{", "}}", "{% if x %}", "{{ iso.members.__class__ }}",
             "{{ 'a' * 5000 }}", "{{ nope }}", "{{ iso.members | upper }}"]
SCRIPTS = ["العربية والإنجليزية", "中文字符测试", "Кириллица", "e\u0301\u0301", "👩‍👩‍👧‍👦", "\u200f", "&<>\"'",
           "Standards + Conformity", "a" * 60]
CONTROL = ["\t", "\x07", "\x00", "\ufeff", "\u202e", "\n", "\ufffe"]


def texts():
    readable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=25)
    safe = st.one_of(readable, st.sampled_from(GOOD_JINJA), st.sampled_from(SCRIPTS))
    risky = st.one_of(st.text(max_size=20), st.sampled_from(BAD_JINJA), st.sampled_from(CONTROL))
    return (st.lists(safe, min_size=1, max_size=4) | st.lists(safe | risky, min_size=1, max_size=4)).map("".join)


def bullets():
    return st.lists(st.one_of(texts(), st.fixed_dictionaries({"text": texts(), "items": st.lists(texts(), max_size=3)})),
                    min_size=0, max_size=6)


def slides():
    common = {"title": texts(), "notes": texts()}
    kinds = [
        st.fixed_dictionaries({"kind": st.just("bullets"), **common, "items": bullets()}),
        st.fixed_dictionaries({"kind": st.just("columns"), **common,
                               "columns": st.lists(st.fixed_dictionaries({"heading": texts(), "items": bullets()}),
                                                   min_size=1, max_size=4)}),
        st.fixed_dictionaries({"kind": st.just("cards"), **common,
                               "cards": st.lists(st.fixed_dictionaries({"heading": texts()}), min_size=0, max_size=7)}),
        st.fixed_dictionaries({"kind": st.just("figures"), **common,
                               "figures": st.lists(st.fixed_dictionaries({"label": texts(), "value": texts()}),
                                                   min_size=1, max_size=9)}),
        st.fixed_dictionaries({"kind": st.just("statement"), **common,
                               "equation": st.lists(st.one_of(texts(), st.sampled_from(["+", "="])), max_size=7),
                               "statement": texts()}),
        st.fixed_dictionaries({"kind": st.just("orgchart"), **common,
                               "nodes": st.lists(st.fixed_dictionaries({
                                   "id": st.sampled_from(["a", "b", "c", "d", "Bad Id"]), "label": texts(),
                                   "parent": st.sampled_from([None, "a", "b", "zz"])}), min_size=1, max_size=6)}),
        st.fixed_dictionaries({"kind": st.sampled_from(["title", "orgchrat", "links", 5, None]), **common}),
        # random structures: any YAML-able value under any key
        st.dictionaries(st.sampled_from(["kind", "title", "notes", "items", "layout", "extra"]),
                        st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts()),
                                     lambda children: st.lists(children, max_size=3)
                                     | st.dictionaries(st.text(max_size=5), children, max_size=3),
                                     max_leaves=8), max_size=6),
    ]
    return st.one_of(kinds)


@pytest.fixture(scope="module")
def small_content(tmp_path_factory) -> Path:
    """A one-slide deck beside the real figures and template: fast to build many times."""
    content = tmp_path_factory.mktemp("fuzz") / "content"
    (content / "slides").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "figures.yaml", content / "figures.yaml")
    shutil.copytree(ROOT / "content" / "assets", content / "assets")
    (content / "locales").mkdir()
    deck = yaml.safe_load((ROOT / "content" / "deck.yaml").read_text(encoding="utf-8"))
    deck.update(slides=["fuzz"], locales=["fr"])
    (content / "deck.yaml").write_text(yaml.safe_dump(deck, allow_unicode=True), encoding="utf-8")
    return content


def assert_outcome(content: Path, out: Path, locales=("en",)) -> None:
    try:
        result = build(BuildOptions(content, out, locales, project_dir=ROOT, allow_overflow=True))
    except DeckError as error:
        assert str(error).strip(), "a user error must say something"
        event("clean user error")
        return
    event("deck built")
    for path in result.outputs:
        prs = Presentation(path)
        assert len(prs.slides) == 1


@FUZZ_SETTINGS
@given(slide=slides())
def test_any_slide_file_builds_or_fails_cleanly(small_content, tmp_path_factory, slide):
    text = yaml.safe_dump(slide, allow_unicode=True, sort_keys=False)
    (small_content / "slides" / "01-fuzz.yaml").write_text(text, encoding="utf-8")
    assert_outcome(small_content, tmp_path_factory.mktemp("out"))


@FUZZ_SETTINGS
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_as_a_slide_file_fail_cleanly_or_build(small_content, tmp_path_factory, raw):
    (small_content / "slides" / "01-fuzz.yaml").write_bytes(raw)
    assert_outcome(small_content, tmp_path_factory.mktemp("out"))


@FUZZ_SETTINGS
@given(title=texts(), item=texts())
def test_any_translation_builds_or_fails_cleanly(small_content, tmp_path_factory, title, item):
    slide = {"kind": "bullets", "title": "Introduction to ISO", "items": ["{{ iso.members | number }} members"],
             "notes": "Two sentences. Said aloud."}
    (small_content / "slides" / "01-fuzz.yaml").write_text(yaml.safe_dump(slide), encoding="utf-8")
    catalog = Catalog(locale="fr")
    catalog.add("Introduction to ISO", title, context="fuzz:title")
    catalog.add("{{ iso.members | number }} members", item, context="fuzz:items.0")
    with (small_content / "locales" / "fr.po").open("wb") as handle:
        write_po(handle, catalog)
    assert_outcome(small_content, tmp_path_factory.mktemp("out"), locales=("fr",))


# ---------------------------------------------------------------- each input format read alone
# Property: reading whatever a file holds returns or raises a DeckError; nothing else escapes
# (no RecursionError, MemoryError, ValueError from Python's int-string limit, LookupError).

READ_SETTINGS = settings(max_examples=75, deadline=None, derandomize=True,
                         suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def reads_cleanly(read) -> None:
    try:
        read()
    except DeckError as error:
        assert str(error).strip(), "a user error must say something"
        event("clean user error")
    else:
        event("read")


def numbers():
    return st.one_of(st.integers(), st.integers(min_value=10 ** 14, max_value=10 ** 20), st.floats(),
                     st.decimals().map(str), st.sampled_from([".nan", ".inf", "-.inf", "1e-999", "1.0e+400",
                                                              "1" * 5000, "0.1", "1_000"]))


def expressions():
    token = st.sampled_from(["g.a", "g.b", "1", "2.5", "1e400", "+", "-", "*", "/", "(", ")", "==", "<", "inf",
                             "nan", "__import__", "'x'", "g", "g.a.b"])
    short = st.lists(token, min_size=1, max_size=12).map(" ".join)
    huge = st.sampled_from(["(" * 5000 + "1" + ")" * 5000, "1" + "+1" * 20_000, "-" * 3000 + "1", "1" * 5000,
                            "g.a" + " * g.a" * 40 + " / 1"])
    return short | huge


def figure_entries():
    entry = st.fixed_dictionaries({}, optional={"value": numbers(), "expr": expressions(),
                                                 "qualifier": st.sampled_from(["approx", "over", "bogus"]),
                                                 "unit": st.text(max_size=5)})
    return st.fixed_dictionaries({"g": st.fixed_dictionaries({"a": entry, "b": entry})},
                                 optional={"rules": st.lists(st.fixed_dictionaries(
                                     {"name": st.just("r"), "check": expressions()}), max_size=2)})


def dumped(data) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10 ** 6)
    return text.replace("'.nan'", ".nan").replace("'.inf'", ".inf").replace("'-.inf'", "-.inf") \
        .replace("'1.0e+400'", "1.0e+400")


@READ_SETTINGS
@given(data=figure_entries())
def test_any_figures_file_loads_or_fails_cleanly(tmp_path_factory, data):
    from generator.load.figures import load_figures
    from generator.load.yaml_source import read_yaml

    path = tmp_path_factory.mktemp("figures") / "figures.yaml"
    path.write_text(dumped(data), encoding="utf-8")
    reads_cleanly(lambda: load_figures(*read_yaml(path)))


YAML_PIECES = ["kind: bullets\n", "title: x\n", "items:\n", "  - a\n", "- b\n", "{", "}", "[", "]", ": ", "? ",
               "&a ", "*a", "!!python/object ", "'", '"', "\t", "#", "1" * 5000, "1.0e+400", ".nan", "{{ ",
               "(" * 300, "}}", "\n", "  ", "- " * 200, "[" * 3000]


@READ_SETTINGS
@given(pieces=st.lists(st.sampled_from(YAML_PIECES) | st.text(max_size=8), max_size=40))
def test_any_slide_yaml_text_loads_or_fails_cleanly(small_content, pieces):
    from generator.load.loader import load_deck

    (small_content / "slides" / "01-fuzz.yaml").write_text("".join(pieces), encoding="utf-8", errors="surrogatepass")
    reads_cleanly(lambda: load_deck(small_content, ROOT))


CHARSETS = ["UTF-8", "utf8", "latin-1", "us-ascii", "x-unknown", "rot13", "base64", "utf-16", "CHARSET", "",
            "utf-8; format=flowed", "hex"]


@READ_SETTINGS
@given(charset=st.sampled_from(CHARSETS), strings=st.lists(texts(), min_size=1, max_size=4),
       tail=st.binary(max_size=30) | st.sampled_from([b"", b'msgid "unterminated\n', b"\xff\xfe", b"\x00"]))
def test_any_catalog_loads_or_fails_cleanly(tmp_path_factory, charset, strings, tail):
    from generator.localize.translations import load_catalog

    entries = "".join(f'msgctxt "c:{i}"\nmsgid "m{i}"\nmsgstr {json_string(text)}\n\n' for i, text in enumerate(strings))
    header = f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n\n'
    folder = tmp_path_factory.mktemp("content") / "locales"
    folder.mkdir()
    (folder / "fr.po").write_bytes((header + entries).encode("utf-8", "surrogatepass") + tail)
    reads_cleanly(lambda: load_catalog(folder / "fr.po"))


def json_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def mapping_values():
    leaf = st.one_of(st.none(), st.booleans(), st.integers(), numbers(), st.text(max_size=10),
                     st.sampled_from(["draw", "Title Only", "#FFFFFF", "1F3A5F", "Arial"]))
    return st.recursive(leaf, lambda children: st.lists(children, max_size=3)
                        | st.dictionaries(st.sampled_from(["name", "title", "body", "latin", "min", "max", "x"]),
                                          children, max_size=3), max_leaves=10)


@READ_SETTINGS
@given(changes=st.dictionaries(st.sampled_from(["template", "layouts", "kinds", "colors", "fonts", "sizes",
                                                "measure_fonts", "footer", "bogus"]), mapping_values(), max_size=3))
def test_any_mapping_validates_or_fails_cleanly(tmp_path_factory, changes):
    from generator.load.yaml_source import read_yaml
    from generator.template.mapping import validate_mapping

    data = yaml.safe_load((ROOT / "templates" / "corporate" / "mapping.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path_factory.mktemp("template") / "mapping.yaml"
    path.write_text(dumped(data), encoding="utf-8")
    reads_cleanly(lambda: validate_mapping(*read_yaml(path)))
