"""The ``deck build --json`` summary: a stable, documented shape for scripts and CI.

    {
      "deck": "iso-iec-casco-intro",
      "outputs": [{"locale": "fr", "pptx": "build/…-fr.pptx", "pdf": "build/…-fr.pdf" | null,
                   "previews": 17, "smallest_font_pt": 12.5, "shrunk_boxes": 3, "hyphenated_boxes": 0}],
      "manifest": "build/manifest.json", "index": "build/index.html",
      "warnings": [{"path": "content/figures.yaml", "line": 65, "col": null, "message": "…", "hint": "…"}]
    }
"""

from __future__ import annotations


def build_summary(result) -> dict:
    pdfs = {path.stem: path for path in result.pdfs}
    outputs = []
    for locale, pptx in zip(result.locales, result.outputs):
        fits = result.fits.get(locale, [])
        outputs.append({
            "locale": locale,
            "pptx": str(pptx),
            "pdf": str(pdfs[pptx.stem]) if pptx.stem in pdfs else None,
            "previews": len(result.pngs.get(locale, [])),
            "smallest_font_pt": min((f.size_pt for f in fits), default=None),
            "shrunk_boxes": sum(1 for f in fits if f.size_pt < f.max_pt),
            "hyphenated_boxes": sum(1 for f in fits if f.hyphenated),
        })
    return {
        "deck": result.deck_id,
        "outputs": outputs,
        "manifest": str(result.manifest) if result.manifest else None,
        "index": str(result.index) if result.index else None,
        "warnings": [{"path": w.path, "line": w.line, "col": w.col, "message": w.message, "hint": w.hint}
                     for w in result.warnings],
    }
