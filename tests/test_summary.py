"""The ``deck build --json`` summary, built from a build's result without building anything."""

from __future__ import annotations

from pathlib import Path

from generator.build import BuildResult
from generator.errors import Problem, Warnings
from generator.render.context import FitRecord
from generator.summary import build_summary


def fit(size_pt: float, max_pt: float = 24.0) -> FitRecord:
    return FitRecord(1, "Title 1", "title", size_pt, max_pt, True, "text")


def result() -> BuildResult:
    out = Path("build")
    warnings = Warnings()
    warnings.add(Problem("content/figures.yaml", 65, None, "figure 'x' is not used", "remove it"))
    return BuildResult(
        deck_id="deck", locales=["en", "ar"], outputs=[out / "deck-en.pptx", out / "deck-ar.pptx"],
        pdfs=[out / "deck-ar.pdf"], pngs={"ar": [out / "previews/ar/slide-01.png", out / "previews/ar/slide-02.png"]},
        manifest=out / "manifest.json", index=out / "index.html", warnings=warnings,
        fits={"en": [fit(24.0), fit(18.5), fit(12.5, max_pt=14.0)], "ar": []})


def test_one_output_per_built_locale_in_build_order():
    summary = build_summary(result())
    assert summary["deck"] == "deck"
    assert [o["locale"] for o in summary["outputs"]] == ["en", "ar"]
    assert [o["pptx"] for o in summary["outputs"]] == [str(Path("build/deck-en.pptx")), str(Path("build/deck-ar.pptx"))]


def test_a_pdf_and_previews_belong_to_the_deck_of_the_same_name():
    en, ar = build_summary(result())["outputs"]
    assert (en["pdf"], en["previews"]) == (None, 0)
    assert (ar["pdf"], ar["previews"]) == (str(Path("build/deck-ar.pdf")), 2)


def test_fit_figures_are_the_smallest_size_and_the_boxes_set_below_their_maximum():
    en, ar = build_summary(result())["outputs"]
    assert (en["smallest_font_pt"], en["shrunk_boxes"]) == (12.5, 2)
    assert (ar["smallest_font_pt"], ar["shrunk_boxes"]) == (None, 0)


def test_warnings_are_plain_fields_and_missing_files_are_null():
    summary = build_summary(result())
    assert summary["warnings"] == [{"path": "content/figures.yaml", "line": 65, "col": None,
                                    "message": "figure 'x' is not used", "hint": "remove it"}]
    assert summary["manifest"] == str(Path("build/manifest.json"))
    empty = build_summary(BuildResult(deck_id="deck"))
    assert empty == {"deck": "deck", "outputs": [], "manifest": None, "index": None, "warnings": []}
