"""The build's plan: the steps it announces, and how its job reaches the workers."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import build
from generator.options import BuildOptions

ROOT = Path(__file__).resolve().parents[1]


class _Recorder:
    def __init__(self):
        self.planned: list[int] = []
        self.steps: list[str] = []

    def start(self, steps: int) -> None:
        self.planned.append(steps)

    def step(self, label: str) -> None:
        self.steps.append(label)


def test_the_build_announces_as_many_steps_as_it_takes(content_copy, keep_slides, tmp_path):
    keep_slides(content_copy, "cover")
    options = BuildOptions(content_copy, tmp_path / "out", locales=["en", "fr"], project_dir=ROOT, jobs=1)
    progress = _Recorder()
    build(options, progress)
    assert progress.planned == [2] and progress.steps == ["rendered en", "rendered fr"]

    again = _Recorder()
    build(options, again)                        # nothing changed: both decks are up to date
    assert again.planned == [2] and again.steps == ["up to date en", "up to date fr"]


def test_a_build_starts_from_a_new_build_context(content_copy, keep_slides, tmp_path):
    from generator.build_context import build_cache, current

    keep_slides(content_copy, "cover")
    build_cache("left by an earlier build")["key"] = "stale"
    build(BuildOptions(content_copy, tmp_path / "out", project_dir=ROOT, jobs=1))
    assert "left by an earlier build" not in current().caches


class _EchoJob:
    """Stands in for a build's job: says which job rendered the tag, and in which process."""

    def __init__(self, name: str):
        self.name = name

    def render(self, tag: str):
        return tag, self.name, os.getpid()

    render_in_worker = render


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_forked_workers_render_the_job_they_are_handed():
    try:
        for name in ("first build", "second build"):
            outcomes = list(build_module._render_locales(_EchoJob(name), ["en", "fr", "ar"], jobs=2))
            assert [(tag, job) for tag, job, _ in outcomes] == [("en", name), ("fr", name), ("ar", name)]
            assert all(pid != os.getpid() for _, _, pid in outcomes)
    finally:
        gc.unfreeze()                            # forking froze the test process's objects


def test_one_job_renders_here_without_forking():
    outcomes = list(build_module._render_locales(_EchoJob("alone"), ["en"], jobs=4))
    assert outcomes == [("en", "alone", os.getpid())]


def _run_properties(deck: Path):
    """Every a:rPr of the deck's first slide."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(deck) as package:
        root = etree.fromstring(package.read("ppt/slides/slide1.xml"))
    return root.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr")


def test_a_japanese_deck_carries_the_japanese_east_asian_face(content_copy, keep_slides, replace_text, tmp_path):
    keep_slides(content_copy, "cover")
    build(BuildOptions(content_copy, tmp_path / "out", locales=["ja"], project_dir=ROOT, jobs=1))
    ns = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    fitted = [run for run in _run_properties(tmp_path / "out" / "iso-iec-casco-intro-ja.pptx")
              if run.find(ns + "ea") is not None]            # title and subtitle; the footer inherits its fonts
    assert len(fitted) == 2 and all(run.get("lang") == "ja-JP" for run in fitted)
    assert {run.find(ns + "ea").get("typeface") for run in fitted} == {"Noto Sans CJK JP"}


def test_a_character_without_a_glyph_stops_the_build_at_its_slide(content_copy, keep_slides, replace_text,
                                                                  tmp_path):
    from generator.errors import ContentError

    keep_slides(content_copy, "cover")
    replace_text(content_copy / "slides" / "00-cover.yaml", 'title: "ISO, IEC and CASCO"',
                 'title: "ISO, IEC and CASCO \\U0001F600"')
    with pytest.raises(ContentError) as info:
        build(BuildOptions(content_copy, tmp_path / "out", locales=["en"], project_dir=ROOT, jobs=1))
    (problem,) = info.value.problems
    assert problem.path.endswith("00-cover.yaml")
    assert problem.message.startswith("[en] slide 1 'cover', shape 'title': no font of the deck")
    assert "U+1F600 GRINNING FACE" in problem.message and "ISO, IEC and CASCO" in problem.message
    assert problem.hint


def test_every_staged_deck_is_checked_before_install(content_copy, keep_slides, tmp_path, monkeypatch):
    from generator.errors import ContentError, Problem
    from generator.oxml import package_check

    keep_slides(content_copy, "cover")
    checked = []

    def broken(paths):
        checked.extend(paths)
        raise ContentError([Problem(str(paths[0]), None, None, "part 'ppt/slides/slide1.xml': not well-formed")])

    monkeypatch.setattr(package_check, "check_built_decks", broken)
    out = tmp_path / "out"
    with pytest.raises(ContentError, match="not well-formed"):
        build(BuildOptions(content_copy, out, ["en", "fr"], jobs=1))
    assert [path.name for path in checked] == ["iso-iec-casco-intro-en.pptx", "iso-iec-casco-intro-fr.pptx"]
    assert not list(out.glob("*.pptx"))


def test_a_title_longer_than_the_file_properties_hold_is_cut_with_a_warning(content_copy, keep_slides, tmp_path):
    import re
    import zipfile

    keep_slides(content_copy, "cover")
    deck_yaml = content_copy / "deck.yaml"
    text = deck_yaml.read_text(encoding="utf-8")
    title = " ".join(["Conformity assessment"] * 12)           # 263 characters
    deck_yaml.write_text("\n".join(f'title: "{title}"' if line.startswith("title:") else line
                                   for line in text.splitlines()) + "\n", encoding="utf-8")
    result = build(BuildOptions(content_copy, tmp_path / "out", ["en"], jobs=1, allow_overflow=True))
    (warning,) = [w for w in result.warnings if "the deck's title" in w.message]
    assert warning.path.endswith("deck.yaml")
    assert warning.message == "[en] the deck's title is 263 characters; the file's properties keep 255, so it is cut there"
    with zipfile.ZipFile(result.outputs[0]) as deck:
        core = deck.read("docProps/core.xml").decode("utf-8")
    cut = re.search(r"<dc:title>(.*)</dc:title>", core).group(1)
    assert len(cut) <= 255 and cut.endswith("…") and title.startswith(cut[:-1])
