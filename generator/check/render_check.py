"""Prove the fit with a real renderer: LibreOffice draws each deck, PyMuPDF reads it back.

Autofit is frozen first (``normAutofit`` becomes ``noAutofit``), so LibreOffice draws every
run at the size the build stored, the way PowerPoint shows a saved file, instead of
re-fitting by its own metrics. Then, on every page:

- every text line must lie inside the box of the shape it belongs to;
- every shape must lie inside the slide;
- every character must have a glyph in the font the PDF drew it with.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation

from ..built_deck import leaf_shapes
from ..output.libreoffice import convert_to_pdf

TOLERANCE_PT = 2.0
EMU_PER_PT = 12700
_AUTOFIT = re.compile(rb"<a:normAutofit(?: [^>]*)?/>")


@dataclass
class Box:
    slide: int
    name: str
    text: str
    left: float
    top: float
    right: float
    bottom: float
    words: frozenset = frozenset()

    def contains(self, bbox, tolerance: float = TOLERANCE_PT) -> bool:
        x0, y0, x1, y1 = bbox
        return (x0 >= self.left - tolerance and y0 >= self.top - tolerance
                and x1 <= self.right + tolerance and y1 <= self.bottom + tolerance)

    def overlap(self, bbox) -> float:
        x0, y0, x1, y1 = bbox
        width = min(x1, self.right) - max(x0, self.left)
        height = min(y1, self.bottom) - max(y0, self.top)
        return max(0.0, width) * max(0.0, height)


@dataclass
class RenderProblem:
    slide: int
    shape: str
    kind: str        # overflow, off-slide, missing-glyph, page-count
    detail: str


@dataclass
class DeckReport:
    deck: Path
    pages: int = 0
    lines: int = 0
    problems: list[RenderProblem] = field(default_factory=list)
    images: list = field(default_factory=list)


def frozen_copy(pptx: Path, target: Path) -> Path:
    """The deck with every ``normAutofit`` replaced by ``noAutofit``: stored sizes, no re-fitting."""
    with zipfile.ZipFile(pptx) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("ppt/slides/slide") and item.filename.endswith(".xml"):
                data = _AUTOFIT.sub(b"<a:noAutofit/>", data)
            out.writestr(item, data)
    return target


def check_decks(decks: list[Path], with_images: bool = True) -> list[DeckReport]:
    """Render every deck in one LibreOffice run and check each page."""
    with tempfile.TemporaryDirectory(prefix="deck-check-") as scratch:
        scratch_dir = Path(scratch)
        frozen = [frozen_copy(deck, scratch_dir / f"{index:03d}-{deck.name}") for index, deck in enumerate(decks)]
        pdfs = convert_to_pdf(frozen, scratch_dir / "pdf")
        return [check_pdf(deck, pdf, with_images) for deck, pdf in zip(decks, pdfs)]


def check_pdf(deck: Path, pdf: Path, with_images: bool = True) -> DeckReport:
    import pymupdf

    report = DeckReport(deck)
    prs = Presentation(str(deck))
    slide_width = int(prs.slide_width)
    with pymupdf.open(pdf) as document:
        report.pages = document.page_count
        if document.page_count != len(prs.slides):
            report.problems.append(RenderProblem(0, "", "page-count",
                                                 f"{document.page_count} pages for {len(prs.slides)} slides"))
        for number, (slide, page) in enumerate(zip(prs.slides, document), 1):
            scale = page.rect.width / (slide_width / EMU_PER_PT)
            boxes = list(_boxes(slide, number, scale))
            report.problems.extend(_off_slide(boxes, page.rect.width, page.rect.height))
            report.problems.extend(_missing_glyphs(number, page))
            for line_key, words in _lines(page).items():
                report.lines += 1
                report.problems.extend(_line_problems(number, words, boxes))
        if with_images:
            from ..output.previews import page_images

            report.images = page_images(pdf, width_px=960)
    return report


def _boxes(slide, number: int, scale: float):
    """Text-bearing boxes of the slide, its layout and its master, in PDF points."""
    sources = [slide.shapes, slide.slide_layout.shapes, slide.slide_layout.slide_master.shapes]
    for level, shapes in enumerate(sources):
        for shape in leaf_shapes(shapes):
            if shape.left is None or shape.width is None:
                continue
            if level and getattr(shape, "is_placeholder", False):
                continue       # layout placeholders are prompts; the slide's own shapes hold the text
            raw = _raw_text(shape)
            yield Box(number, shape.name if not level else f"{shape.name} (template)", _normalize(raw),
                      shape.left / EMU_PER_PT * scale, shape.top / EMU_PER_PT * scale,
                      (shape.left + shape.width) / EMU_PER_PT * scale,
                      (shape.top + shape.height) / EMU_PER_PT * scale, _word_set(raw))



def _raw_text(shape) -> str:
    parts = []
    if shape.has_text_frame:
        parts.append(shape.text_frame.text)
    if getattr(shape, "has_table", False) and shape.has_table:
        parts.extend(cell.text for row in shape.table.rows for cell in row.cells)
    if getattr(shape, "has_chart", False) and shape.has_chart:
        chart = shape.chart
        if chart.has_title:
            parts.append(chart.chart_title.text_frame.text)
        for plot in chart.plots:
            parts.extend(str(category) for category in plot.categories)
            for series in plot.series:
                parts.append(series.name or "")
                parts.extend(f"{value:g}" for value in series.values if value is not None)
    return " ".join(parts)


# Runs of letters of the scripts that break only between words: Latin, Greek, Cyrillic.
_ALPHABETIC_RUN = re.compile(r"[A-Za-z\u00C0-\u024F\u0370-\u04FF]+")


def _word_set(text: str) -> frozenset:
    """The letter runs of a text, for spotting words a renderer broke."""
    return frozenset(run.casefold() for run in _ALPHABETIC_RUN.findall(text))


def _broken_word(word: str, box: Box) -> bool:
    """A run of letters drawn that is not a run of its shape's text: the renderer broke a word."""
    return any(len(run) >= 3 and run.casefold() not in box.words for run in _ALPHABETIC_RUN.findall(word))


def _normalize(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _lines(page) -> dict:
    """The page's words grouped by line: {(block, line): [(bbox, word), ...]}.

    Words are rebuilt from character boxes, split at spaces and at gaps wider than half an
    em: PDF text extraction otherwise glues characters of neighbouring boxes into one word
    when a right-to-left line sits beside another.
    """
    lines: dict = {}
    for block_index, block in enumerate(page.get_text("rawdict")["blocks"]):
        for line_index, line in enumerate(block.get("lines", [])):
            words = []
            spans = line["spans"]
            for at, span in enumerate(spans):
                chars = span["chars"]
                if at == len(spans) - 1:
                    chars = _without_hanging_punctuation(chars)
                words.extend(_words(chars, span["size"]))
            if words:
                lines[(block_index, line_index)] = words
    return lines


# East Asian commas and full stops that LibreOffice lets hang past the end of a line (its
# "hanging punctuation", on by default): typography, not text leaving its box.
HANGING_PUNCTUATION = frozenset("、。，．､｡")


def _without_hanging_punctuation(chars: list) -> list:
    """A line's last span without the hanging punctuation that ends it."""
    end = len(chars)
    while end and chars[end - 1]["c"] in HANGING_PUNCTUATION:
        end -= 1
    return chars[:end]


def _words(chars, size: float) -> list:
    words, current = [], []

    def flush():
        if current:
            x0 = min(c["bbox"][0] for c in current)
            y0 = min(c["bbox"][1] for c in current)
            x1 = max(c["bbox"][2] for c in current)
            y1 = max(c["bbox"][3] for c in current)
            words.append(((x0, y0, x1, y1), "".join(c["c"] for c in current)))
            current.clear()

    for char in chars:
        if char["c"].isspace():
            flush()
            continue
        if current and _gap(current[-1]["bbox"], char["bbox"]) > size * 0.5:
            flush()
        current.append(char)
    flush()
    return words


def _gap(previous, following) -> float:
    """Horizontal distance between two character boxes, in either reading direction."""
    return max(following[0] - previous[2], previous[0] - following[2], 0.0)


def _line_problems(number: int, words, boxes: list[Box]) -> list[RenderProblem]:
    """Each word must lie inside a box whose text holds it (fields such as slide numbers: any box).

    Words, not lines: PDF text extraction joins neighbouring boxes' text on one baseline.
    The first word out of place reports the whole line once.
    """
    for bbox, word in words:
        key = _normalize(word)
        owners = [box for box in boxes if key and key in box.text]
        inside = [box for box in owners if box.contains(bbox)]
        if inside:
            if all(_broken_word(word, box) for box in inside):
                line_text = " ".join(w for _, w in words)
                return [RenderProblem(number, inside[0].name, "broken-word",
                                      f"the renderer broke a word to fit: \"{word}\" in \"{line_text}\"")]
            continue
        if (len(key) <= 3 or not owners) and any(box.contains(bbox) for box in boxes):
            continue
        line_text = " ".join(w for _, w in words)
        # Short strings match many shapes' text: for them the nearest shape is the better witness.
        candidates = owners if owners and len(key) > 3 else boxes
        if not candidates:
            return [RenderProblem(number, "?", "overflow", f"text outside every shape: \"{line_text}\"")]
        best = min(candidates, key=lambda box: (_distance(box, bbox), -box.overlap(bbox)))
        return [RenderProblem(number, best.name, "overflow",
                              f"text leaves its box by {_excess(best, bbox):.1f} pt: \"{line_text}\"")]
    return []


def _distance(box: Box, bbox) -> float:
    """How far the text's box lies from the shape's box (0 when they touch or overlap)."""
    x0, y0, x1, y1 = bbox
    dx = max(box.left - x1, x0 - box.right, 0.0)
    dy = max(box.top - y1, y0 - box.bottom, 0.0)
    return (dx * dx + dy * dy) ** 0.5


def _excess(box: Box, bbox) -> float:
    x0, y0, x1, y1 = bbox
    return max(box.left - x0, box.top - y0, x1 - box.right, y1 - box.bottom, 0.0)


def _off_slide(boxes: list[Box], width: float, height: float) -> list[RenderProblem]:
    problems = []
    for box in boxes:
        if box.left < -TOLERANCE_PT or box.top < -TOLERANCE_PT or box.right > width + TOLERANCE_PT \
                or box.bottom > height + TOLERANCE_PT:
            problems.append(RenderProblem(box.slide, box.name, "off-slide", "the shape extends past the slide edge"))
    return problems


def _missing_glyphs(number: int, page) -> list[RenderProblem]:
    """Characters drawn with glyph 0 (.notdef, the empty box) because no font had them."""
    problems = []
    for span in page.get_texttrace():
        absent = sorted({chr(code) for code, glyph, *_ in span["chars"]
                         if glyph == 0 and code > 32 and not chr(code).isspace()})
        if absent:
            problems.append(RenderProblem(number, span["font"], "missing-glyph",
                                          "no glyph for " + ", ".join(f"U+{ord(c):04X} {c}" for c in absent)))
    return problems
