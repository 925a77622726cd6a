"""``deck diff OLD NEW``: what changed between two built decks, slide by slide.

Each slide is read back into labelled lines (title, text of every shape, table cells,
chart categories and values, notes) and the two versions are compared with difflib, so the
output reads in a terminal and in a CI log like a small ``git diff``.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from .built_deck import leaf_shapes
from .errors import DeckError, display_path
from .oxml.package_limits import PackageError, open_package


def slide_lines(slide) -> list[str]:
    lines = []
    for shape in leaf_shapes(slide.shapes):
        name = shape.name
        if shape.has_text_frame and shape.text_frame.text.strip():
            for paragraph in shape.text_frame.text.split("\n"):
                if paragraph.strip():
                    lines.append(f"text [{name}] {paragraph}")
        if getattr(shape, "has_table", False) and shape.has_table:
            for r, row in enumerate(shape.table.rows, 1):
                lines.append(f"table [{name}] row {r}: " + " | ".join(cell.text for cell in row.cells))
        if getattr(shape, "has_chart", False) and shape.has_chart:
            for plot in shape.chart.plots:
                categories = list(plot.categories)
                for series in plot.series:
                    for category, value in zip(categories, series.values):
                        shown = "(none)" if value is None else f"{value:g}"
                        lines.append(f"chart [{name}] {series.name} / {category}: {shown}")
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame.text.strip()
        if notes:
            lines.append(f"notes {notes}")
    return lines



def _read(path: Path) -> list[tuple[str, list[str]]]:
    shown = display_path(path)
    try:
        prs = open_package(path)
    except PackageError as exc:
        raise DeckError(f"{shown}: cannot open as a .pptx: {str(exc).removeprefix(shown + ': ')}") from None
    slides = []
    for slide in prs.slides:
        title = slide.shapes.title.text if slide.shapes.title is not None else ""
        slides.append((title, slide_lines(slide)))
    return slides


def diff_decks(old: Path, new: Path) -> list[str]:
    """Diff lines; empty when the decks say the same thing."""
    before, after = _read(Path(old)), _read(Path(new))
    out: list[str] = []
    for index in range(max(len(before), len(after))):
        if index >= len(before):
            out.append(f"slide {index + 1} added: {after[index][0]}")
            out.extend(f"  + {line}" for line in after[index][1])
            continue
        if index >= len(after):
            out.append(f"slide {index + 1} removed: {before[index][0]}")
            out.extend(f"  - {line}" for line in before[index][1])
            continue
        changes = [line for line in difflib.unified_diff(before[index][1], after[index][1], lineterm="", n=0)
                   if not line.startswith(("---", "+++", "@@"))]
        if changes:
            out.append(f"slide {index + 1}: {after[index][0]}")
            out.extend(f"  {line[0]} {line[1:]}" for line in changes)
    return out
