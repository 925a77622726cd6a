"""The warm build: after each kind of edit, the decks a cold build writes, drawing only what changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.errors import ContentError
from generator.options import BuildOptions
from generator.warm import WarmBuild

LOCALES = ("fr", "ar")          # a left-to-right and a right-to-left deck
SLIDES = ("iso-introduction", "iec-figures", "casco-members", "more-information")


@pytest.fixture
def project(content_copy, keep_slides, project_root, tmp_path):
    """A content copy of four slides and a template copy, both free to edit."""
    keep_slides(content_copy, *SLIDES)
    template = tmp_path / "template"
    shutil.copytree(project_root / "templates" / "corporate", template)
    return content_copy, template


def options(project, out: Path) -> BuildOptions:
    content, template = project
    return BuildOptions(content, out, locales=LOCALES, template_dir=template, project_dir=content.parent, jobs=1)


def cold(project, tmp_path) -> dict[str, bytes]:
    out = tmp_path / "cold"
    result = build(BuildOptions(**{**options(project, out).__dict__, "force": True}))
    return {path.name: path.read_bytes() for path in result.outputs}


def written(result) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in result.outputs}


def test_the_first_build_writes_the_decks_a_cold_build_writes(project, tmp_path):
    warm = WarmBuild(options(project, tmp_path / "warm"))
    result = warm.build()
    assert len(result.outputs) == len(LOCALES)
    assert written(result) == cold(project, tmp_path)
    assert warm.drawn == len(result.outputs) * len(SLIDES)


def test_a_figure_edit_redraws_only_the_slide_showing_it_in_each_locale(project, tmp_path, replace_text):
    warm = WarmBuild(options(project, tmp_path / "warm"))
    warm.build()
    figures = project[0] / "figures.yaml"
    replace_text(figures, "value: 204", "value: 211")
    result = warm.rebuild([figures])
    assert warm.drawn == len(result.outputs)             # iec-figures, once per locale
    assert result.up_to_date == []
    assert written(result) == cold(project, tmp_path)
    assert list(result.warnings) == list(build(options(project, tmp_path / "cold-2")).warnings)


def test_a_catalog_edit_changes_that_locale_only(project, tmp_path, replace_text):
    warm = WarmBuild(options(project, tmp_path / "warm"))
    warm.build()
    catalog = project[0] / "locales" / "fr.po"
    replace_text(catalog, 'msgstr "L’IEC en chiffres"', 'msgstr "L’IEC en quelques chiffres"')
    result = warm.rebuild([catalog])
    assert warm.drawn == 1
    assert [path.name for path in result.outputs if path not in result.up_to_date] == \
        ["iso-iec-casco-intro-fr.pptx"]
    assert written(result) == cold(project, tmp_path)


def test_a_slide_edit_and_a_template_edit_give_the_cold_bytes(project, tmp_path, replace_text):
    warm = WarmBuild(options(project, tmp_path / "warm"))
    warm.build()
    slide = next((project[0] / "slides").glob("*-more-information.yaml"))
    replace_text(slide, "notes: ", "notes: Edited. ")
    result = warm.rebuild([slide])
    assert warm.drawn == len(result.outputs)
    assert written(result) == cold(project, tmp_path)

    mapping = project[1] / "mapping.yaml"
    replace_text(mapping, 'primary: "1F3A5F"', 'primary: "203A5F"')
    result = warm.rebuild([mapping])
    assert warm.drawn == len(result.outputs) * len(SLIDES)
    assert written(result) == cold(project, tmp_path)


def test_a_broken_edit_gives_the_cold_problems_and_a_fix_recovers(project, tmp_path, replace_text):
    warm = WarmBuild(options(project, tmp_path / "warm"))
    good = warm.build()
    before = written(good)
    slide = next((project[0] / "slides").glob("*-iec-figures.yaml"))
    replace_text(slide, "{{ iec.technical_committees | number }}", "{{ iec.technical_comittees | number }}")
    with pytest.raises(ContentError) as warm_error:
        warm.rebuild([slide])
    with pytest.raises(ContentError) as cold_error:
        build(options(project, tmp_path / "cold-broken"))
    assert warm_error.value.problems == cold_error.value.problems
    assert written(good) == before                        # nothing written by the failed rebuild

    replace_text(slide, "technical_comittees", "technical_committees")
    result = warm.rebuild([slide])
    assert written(result) == cold(project, tmp_path)
    figures = project[0] / "figures.yaml"
    replace_text(figures, "value: 204", "value: 212")
    result = warm.rebuild([figures])
    assert warm.drawn == len(result.outputs)             # warm again
    assert written(result) == cold(project, tmp_path)


def test_the_serve_engine_builds_with_previews_first_then_warm(project, tmp_path, replace_text, monkeypatch):
    import generator.build as cold_build
    from generator.warm import WarmEngine

    asked = []

    def without_libreoffice(options):           # the previews' own tests run LibreOffice
        asked.append((options.pdf, options.png))
        return build(BuildOptions(**{**options.__dict__, "pdf": False, "png": False}))

    monkeypatch.setattr(cold_build, "build", without_libreoffice)
    engine = WarmEngine(options(project, tmp_path / "served"))
    engine.build_all()
    assert asked == [(True, True)]
    figures = project[0] / "figures.yaml"
    replace_text(figures, "value: 204", "value: 211")
    result = engine.rebuild([figures])
    assert asked == [(True, True)] and engine.warm.drawn == len(result.outputs)      # every locale: serve's
    expected = cold(project, tmp_path)
    assert {name: data for name, data in written(result).items() if name in expected} == expected
