"""Choose font sizes so text fits its box, before anything is drawn.

PowerPoint's "shrink text on overflow" only stores a flag that PowerPoint acts on when a
user edits the slide; other renderers ignore it. So the build measures the text itself and
writes explicit run sizes: the largest size (on a ``step`` grid below ``max_pt``) at which
every line fits the box's inner width and all lines fit its inner height.

A word wider than the box even at the smallest size is hyphenated at its dictionary points,
with soft hyphens the renderers break at, and the size is chosen again for the hyphenated text.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from generator.build_context import process_cache
from generator.layout.hyphenate import hyphenator
from generator.layout.measure import TextMeasurer, hard_lines

EMU_PER_PT = 12700
_EPSILON = 1e-6


@dataclass
class Paragraph:
    """One paragraph of a text box. ``size_ratio`` scales the base size (0.85 = 85 %)."""

    text: str
    level: int = 0
    bold: bool = False
    size_ratio: float = 1.0


@dataclass
class BoxSpec:
    """A text box's geometry and paragraph formatting; lengths in EMU.

    The insets default to PowerPoint's (0.1" left/right, 0.05" top/bottom). A paragraph's
    text starts ``level * indent_per_level + bullet_indent`` from the left inset: bullets
    hang in ``bullet_indent``. Each level is ``level_size_step`` times the size of the one
    above it.
    """

    width: int
    height: int
    inset_left: int = 91440
    inset_right: int = 91440
    inset_top: int = 45720
    inset_bottom: int = 45720
    line_spacing: float = 1.0
    space_before_pt: float = 0.0
    indent_per_level: int = 0
    bullet_indent: int = 0
    level_size_step: float = 1.0

    @property
    def inner_width_pt(self) -> float:
        return (self.width - self.inset_left - self.inset_right) / EMU_PER_PT

    @property
    def inner_height_pt(self) -> float:
        return (self.height - self.inset_top - self.inset_bottom) / EMU_PER_PT

    def text_width_pt(self, level: int) -> float:
        """The width lines of a paragraph at ``level`` may take."""
        return self.inner_width_pt - (level * self.indent_per_level + self.bullet_indent) / EMU_PER_PT

    def paragraph_size_pt(self, base_pt: float, paragraph: Paragraph) -> float:
        return base_pt * paragraph.size_ratio * self.level_size_step ** paragraph.level


@dataclass(frozen=True)
class FitResult:
    size_pt: float
    fits: bool
    lines: int     # lines of all paragraphs at ``size_pt``
    shrunk: bool   # ``size_pt`` is below ``max_pt``
    hyphenated: bool = False          # words too wide at the smallest size got soft hyphens
    texts: tuple[str, ...] = ()       # the paragraphs' texts to write: with those soft hyphens


class _Layout(NamedTuple):
    height_pt: float
    lines_per_paragraph: list[int]
    words_broken: bool


def measure_height(paragraphs: Sequence[Paragraph | str], box: BoxSpec, size_pt: float,
                   measurer: TextMeasurer, language: str | None = None) -> tuple[float, list[int]]:
    """Height of ``paragraphs`` laid out in ``box`` at base size ``size_pt``, and their line counts.

    A line is ``size * line height * line_spacing`` tall, where line height is 1.2 em for
    Latin and Cyrillic and the font's own hhea height for other scripts (Noto Sans CJK: 1.45),
    the tallest of the scripts in the paragraph. ``space_before_pt`` goes above every
    paragraph but the first, as PowerPoint and LibreOffice ignore it at the top of a box.
    """
    layout = _lay_out(_paragraphs(paragraphs), box, size_pt, measurer, language)
    return layout.height_pt, layout.lines_per_paragraph


def fit(paragraphs: Sequence[Paragraph | str], box: BoxSpec, max_pt: float, min_pt: float,
        measurer: TextMeasurer, step: float = 0.5, language: str | None = None) -> FitResult:
    """The largest size ``max_pt - k * step`` (not below ``min_pt``) at which the text fits.

    Fitting means: no word is wider than its line and all lines fit the inner height. Lines
    break as they do in ``language`` (a BCP 47 tag). When a word is wider than its line even
    at ``min_pt``, the words that are get soft hyphens at their dictionary points (when there
    is a dictionary for ``language``) and the size is searched again: the result is
    ``hyphenated`` and its ``texts`` have the soft hyphens. Text that fits at ``min_pt`` as it
    is keeps its words whole. When even ``min_pt`` overflows, the result is ``min_pt`` with
    ``fits=False``.
    """
    paragraphs = _paragraphs(paragraphs)
    sizes = size_grid(max_pt, min_pt, step)
    chosen, layout = _largest_fitting(paragraphs, box, sizes, measurer, language)
    # Broken words in the chosen layout: nothing fitted, and at min_pt a word is wider than its line.
    # (Only then is a dictionary loaded: that takes a few hundredths of a second.)
    hyphenate = hyphenator(language) if layout.words_broken else None
    if hyphenate is not None:
        hyphenated = [_hyphenated(paragraph, box, sizes[-1], measurer, hyphenate, language)
                      for paragraph in paragraphs]
        if hyphenated != paragraphs:
            chosen, layout = _largest_fitting(hyphenated, box, sizes, measurer, language)
            return FitResult(sizes[chosen], _fits(layout, box), sum(layout.lines_per_paragraph), chosen > 0,
                             True, tuple(paragraph.text for paragraph in hyphenated))
    return FitResult(sizes[chosen], _fits(layout, box), sum(layout.lines_per_paragraph), chosen > 0,
                     False, tuple(paragraph.text for paragraph in paragraphs))


def _largest_fitting(paragraphs: list[Paragraph], box: BoxSpec, sizes: tuple[float, ...],
                     measurer: TextMeasurer, language: str | None) -> tuple[int, _Layout]:
    """The index in ``sizes`` of the largest size that fits (the last when none does), and its layout.

    Sizes are searched by bisection. That finds the same size as stepping down one by one,
    because overflow only grows with the size: a greedy line breaker given relatively more
    room (smaller text, same box) never makes more lines.
    """
    layouts: dict[int, _Layout] = {}

    def layout_at(index: int) -> _Layout:
        layout = layouts.get(index)
        if layout is None:
            layout = layouts[index] = _lay_out(paragraphs, box, sizes[index], measurer, language)
        return layout

    first_fitting = _first_true(len(sizes), lambda index: _fits(layout_at(index), box))
    chosen = min(first_fitting, len(sizes) - 1)
    return chosen, layout_at(chosen)


def _fits(layout: _Layout, box: BoxSpec) -> bool:
    return not layout.words_broken and layout.height_pt <= box.inner_height_pt + _EPSILON


def _hyphenated(paragraph: Paragraph, box: BoxSpec, min_pt: float, measurer: TextMeasurer,
                hyphenate, language: str | None) -> Paragraph:
    """``paragraph`` with ``hyphenate`` applied to the words wider than its lines at ``min_pt``."""
    text = measurer.hyphenate_overlong(paragraph.text, box.text_width_pt(paragraph.level),
                                       box.paragraph_size_pt(min_pt, paragraph), hyphenate,
                                       paragraph.bold, language)
    return paragraph if text == paragraph.text else dataclasses.replace(paragraph, text=text)


def shrink_to_fit_width(text: str, max_width_emu: int, max_pt: float, min_pt: float,
                        measurer: TextMeasurer, step: float = 0.5, bold: bool = False) -> FitResult:
    """The largest grid size at which ``text`` fits ``max_width_emu`` on one line (a label).

    ``max_width_emu`` is the width the text may take: subtract the box's insets first.
    Width is proportional to size: one measurement serves every size tried.
    """
    max_width_pt = max_width_emu / EMU_PER_PT
    em = measurer.em_width(text, bold)
    exact_pt = max_width_pt / em if em > 0 else math.inf
    sizes = size_grid(max_pt, min_pt, step)
    chosen = _first_true(len(sizes), lambda index: sizes[index] <= exact_pt + _EPSILON)
    chosen = min(chosen, len(sizes) - 1)
    size = sizes[chosen]
    return FitResult(size, em * size <= max_width_pt + _EPSILON, len(hard_lines(text)), chosen > 0, texts=(text,))


@process_cache                 # arithmetic on its arguments alone
@cache
def size_grid(max_pt: float, min_pt: float, step: float) -> tuple[float, ...]:
    """Sizes from ``max_pt`` down by ``step``, ending with ``min_pt``; in hundredths of a point."""
    if min_pt > max_pt or step <= 0 or min_pt <= 0:
        raise ValueError(f"need 0 < min_pt <= max_pt and step > 0, got {min_pt}, {max_pt}, {step}")
    count = int(math.floor((max_pt - min_pt) / step + _EPSILON)) + 1
    sizes = [round(max_pt - index * step, 2) for index in range(count)]
    if sizes[-1] > min_pt + _EPSILON:
        sizes.append(round(min_pt, 2))
    return tuple(sizes)


def _first_true(count: int, predicate) -> int:
    """The lowest index in ``range(count)`` where a monotone ``predicate`` holds, or ``count``.

    The first index is tried alone first: most text fits at its largest size.
    """
    if count and predicate(0):
        return 0
    low, high = 1, count
    while low < high:
        middle = (low + high) // 2
        if predicate(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _lay_out(paragraphs: Sequence[Paragraph], box: BoxSpec, size_pt: float, measurer: TextMeasurer,
             language: str | None) -> _Layout:
    height, lines_per_paragraph, words_broken = 0.0, [], False
    for index, paragraph in enumerate(paragraphs):
        size = box.paragraph_size_pt(size_pt, paragraph)
        wrapped = measurer.wrap_detailed(paragraph.text, box.text_width_pt(paragraph.level), size, paragraph.bold,
                                         language)
        line_height = size * measurer.line_height_em(paragraph.text, paragraph.bold) * box.line_spacing
        height += (box.space_before_pt if index else 0.0) + len(wrapped.lines) * line_height
        lines_per_paragraph.append(len(wrapped.lines))
        words_broken |= wrapped.words_broken
    return _Layout(height, lines_per_paragraph, words_broken)


def _paragraphs(paragraphs: Sequence[Paragraph | str]) -> list[Paragraph]:
    return [Paragraph(p) if isinstance(p, str) else p for p in paragraphs]
