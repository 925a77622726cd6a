"""Fuzzing: whatever a template's .pptx or mapping.yaml holds, the outcome is a deck or a ``DeckError``.

Hypothesis mutates the house template: the zip's bytes (flipped, cut, spliced), one XML part's
text (cut, spliced with markup, a DOCTYPE, a relationship id or target changed), or the
mapping.yaml text. Each example loads the template, lists it (``describe_template``), guesses
a mapping (``guess_mapping``) and builds the cover slide with it. Any exception other than a
``DeckError``, or an example running past its deadline, fails.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import build
from generator.errors import DeckError
from generator.options import BuildOptions
from generator.output.writer import build_time, zip_entries
from generator.template.init import guess_mapping
from generator.template.inspect import describe_template

from .conftest import CORPORATE

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FUZZ_SETTINGS = settings(max_examples=50, deadline=None, derandomize=True,
                         suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
TEMPLATE = (CORPORATE / "template.pptx").read_bytes()
MAPPING = (CORPORATE / "mapping.yaml").read_text(encoding="utf-8")
with zipfile.ZipFile(io.BytesIO(TEMPLATE)) as _archive:
    ENTRIES = {name: _archive.read(name) for name in _archive.namelist()}
XML_PARTS = sorted(name for name in ENTRIES if name.endswith((".xml", ".rels")))
SPLICES = [b"<", b">", b"&", b"&amp;", b"&bogus;", b"<p:sp/>", b"</p:spTree>", b'r:id="rId99"', b"\x00", b"\xff\xfe",
           b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/hostname">]>', b'Target="../../../x"',
           b'TargetMode="External"', b'idx="4294967296"', b'x="-99999999999999"', b"\xc3\x28", b"]]>"]
MAPPING_SPLICES = ["\n", ": ", "- ", "{", "}", "[", "'", '"', "&a ", "*a", "!!python/object:os.system", "draw",
                   "-1", "99999999999999999999", "1e400", "\t", "\x00", "name: ", "Title Only", "layouts:"]


@st.composite
def mutated_bytes(draw, data: bytes, splices: list[bytes]) -> bytes:
    """``data`` with a few random edits: a byte changed, a slice cut, a splice inserted."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["flip", "cut", "splice", "truncate"]))
        if edit == "flip" and at < len(data):
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
        elif edit == "cut":
            data = data[:at] + data[at + draw(st.integers(1, 200)):]
        elif edit == "splice":
            data = data[:at] + draw(st.sampled_from(splices) | st.binary(max_size=8)) + data[at:]
        else:
            data = data[:at]
    return data


@st.composite
def templates(draw) -> bytes:
    """A mutated house template: its zip bytes, or one XML part's text."""
    if draw(st.booleans()):
        return draw(mutated_bytes(TEMPLATE, SPLICES))
    part = draw(st.sampled_from(XML_PARTS))
    entries = dict(ENTRIES)
    if draw(st.integers(0, 9)) == 0:
        del entries[part]
    else:
        entries[part] = draw(mutated_bytes(entries[part], SPLICES))
    return zip_entries(entries, build_time())      # deflated, as a saved .pptx is


@st.composite
def mappings(draw) -> str:
    text = MAPPING
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(["cut", "splice"]))
        if edit == "cut":
            text = text[:at] + text[at + draw(st.integers(1, 80)):]
        else:
            text = text[:at] + draw(st.sampled_from(MAPPING_SPLICES) | st.text(max_size=6)) + text[at:]
    return text


@pytest.fixture(scope="module")
def cover_only(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("content") / "content"
    shutil.copytree(ROOT / "content", content, symlinks=True)
    deck = content / "deck.yaml"
    text = deck.read_text(encoding="utf-8")
    head, rest = text.split("slides:\n", 1)
    tail = "".join(line + "\n" for line in rest.splitlines() if not line.startswith("  - "))
    deck.write_text(head + "slides:\n  - cover\n" + tail, encoding="utf-8")
    return content


def outcome(folder: Path, content: Path, out: Path) -> None:
    """Everything a user can do with the template; each step a deck, a listing or a ``DeckError``."""
    pptx = folder / "template.pptx"
    for step in (lambda: describe_template(pptx), lambda: guess_mapping(pptx),
                 lambda: build(BuildOptions(content, out, ["en"], template_dir=folder, jobs=1, force=True,
                                            allow_overflow=True))):
        try:
            step()
        except DeckError:
            pass


@FUZZ_SETTINGS
@given(data=templates())
def test_a_mutated_template_gives_a_deck_or_a_deck_error(data, cover_only, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tpl")
    (folder / "template.pptx").write_bytes(data)
    (folder / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    outcome(folder, cover_only, folder / "out")


@FUZZ_SETTINGS
@given(text=mappings())
def test_a_mutated_mapping_gives_a_deck_or_a_deck_error(text, cover_only, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tpl")
    (folder / "template.pptx").write_bytes(TEMPLATE)
    (folder / "mapping.yaml").write_text(text, encoding="utf-8")
    outcome(folder, cover_only, folder / "out")
