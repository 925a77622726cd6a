"""Measure and wrap text with real font metrics, shaped by HarfBuzz.

Text is split into script runs the way PowerPoint assigns fonts: Latin, Cyrillic and Greek
letters, digits and ASCII punctuation use the latin font; Arabic, Hebrew, Devanagari and Thai
the complex-script font; Han, Kana and Hangul the East Asian font. The fonts are the ones
the deck's language gives those slots (``FontSet``), so a character is measured with the face
its run names. Each run is shaped (Arabic and Hebrew right to left, so joining forms,
conjuncts and ligatures are measured) and advances are summed. A visible character the face
lacks is an error (``MissingGlyph``) rather than a box in the deck.

Widths are kept in em (points at 1 pt), so one shaping serves every font size: a fitting loop
that tries thirty sizes shapes each piece of text once.

Lines break where ``generator.layout.linebreak`` allows (UAX #14 from ICU, per language); a
soft hyphen is invisible unless a line breaks at it, and then it is a hyphen's width. A word
wider than the line is broken between characters, and the fit counts that as not fitting.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import groupby
from typing import NamedTuple

import uharfbuzz as hb

from generator.build_context import memoize, process_cache
from generator.errors import DeckError
from generator.layout.fonts import DEFAULT_FONTS, FontFace, FontSet, system_fallback_face
from generator.layout.linebreak import BREAKING_SPACES, SOFT_HYPHEN, break_opportunities

# Script classes: each is drawn in one PowerPoint slot (``FontSet.slot``).
LATIN = "latin"
CYRILLIC = "cyrillic"
GREEK = "greek"
ARABIC = "arabic"
HEBREW = "hebrew"
DEVANAGARI = "devanagari"
THAI = "thai"
CJK = "cjk"        # Han, Kana, Hangul, Bopomofo and their punctuation: one slot, whose face the language picks
COMMON = "common"  # spaces, digits, punctuation, symbols: take the script of their neighbours

#: Shaped right to left.
RIGHT_TO_LEFT = frozenset({ARABIC, HEBREW})

#: Code point ranges (Unicode blocks) of the scripts other than Latin, sorted. Blocks rather
#: than the Unicode Script property, because PowerPoint picks a character's slot by its block:
#: the Script property calls CJK punctuation (、。), the prolonged sound mark ー and the
#: Devanagari danda Common, and fullwidth Ａ Latin, yet they are drawn in the East Asian and
#: complex-script faces. Letters outside these blocks are latin.
_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, GREEK),
    (0x0400, 0x052F, CYRILLIC),
    (0x0590, 0x05FF, HEBREW),
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x0870, 0x08FF, ARABIC),
    (0x0900, 0x097F, DEVANAGARI),
    (0x0E00, 0x0E7F, THAI),
    (0x1100, 0x11FF, CJK),    # Hangul Jamo
    (0x1C80, 0x1C8F, CYRILLIC),
    (0x1F00, 0x1FFF, GREEK),  # Greek extended
    (0x2DE0, 0x2DFF, CYRILLIC),
    (0x2E80, 0x2FDF, CJK),    # radicals
    (0x2FF0, 0x303F, CJK),    # ideographic description, CJK symbols and punctuation
    (0x3040, 0x30FF, CJK),    # Hiragana, Katakana
    (0x3100, 0x31FF, CJK),    # Bopomofo, Hangul compatibility Jamo, Kanbun, strokes
    (0x3200, 0x33FF, CJK),    # enclosed CJK, CJK compatibility
    (0x3400, 0x4DBF, CJK),    # extension A
    (0x4E00, 0x9FFF, CJK),    # unified ideographs
    (0xA640, 0xA69F, CYRILLIC),
    (0xA8E0, 0xA8FF, DEVANAGARI),  # Devanagari extended
    (0xA960, 0xA97F, CJK),    # Hangul Jamo extended A
    (0xAC00, 0xD7FF, CJK),    # Hangul syllables, Jamo extended B
    (0xF900, 0xFAFF, CJK),    # compatibility ideographs
    (0xFB1D, 0xFB4F, HEBREW),  # presentation forms
    (0xFB50, 0xFDFF, ARABIC),  # presentation forms A
    (0xFE10, 0xFE1F, CJK),    # vertical forms
    (0xFE30, 0xFE4F, CJK),    # compatibility forms
    (0xFE70, 0xFEFF, ARABIC),  # presentation forms B (U+FEFF itself is a no-break marker)
    (0xFF00, 0xFFEF, CJK),    # halfwidth and fullwidth forms
    (0x11B00, 0x11B5F, DEVANAGARI),  # Devanagari extended A
    (0x1AFF0, 0x1B16F, CJK),  # Kana extended and supplement
    (0x1E030, 0x1E08F, CYRILLIC),
    (0x1F200, 0x1F2FF, CJK),  # enclosed ideographic supplement
    (0x20000, 0x3FFFF, CJK),  # extensions B and later
)
_RANGE_STARTS = [start for start, _, _ in _SCRIPT_RANGES]

_HARD_BREAK = re.compile(r"\r\n|[\n\r\v\u2028]")
_HARD_BREAK_KEPT = re.compile(f"({_HARD_BREAK.pattern})")
_EPSILON = 1e-9


# --- scripts -------------------------------------------------------------------------------

@process_cache                 # Unicode's answer: the same for the whole process
@lru_cache(maxsize=8192)
def char_script(char: str) -> str:
    """The script class of ``char`` (latin, greek, hebrew, cjk...), or common when it belongs to no script."""
    code = ord(char)
    at = bisect_right(_RANGE_STARTS, code) - 1
    if at >= 0 and code <= _SCRIPT_RANGES[at][1]:
        return _SCRIPT_RANGES[at][2]
    if unicodedata.category(char).startswith("L"):
        return LATIN  # Latin and the letters of scripts no slot but the latin one draws
    return COMMON


def resolve_scripts(text: str) -> list[str]:
    """The script of every character, common ones resolved from their context.

    A common character takes the script of the strong character before it (the one after,
    at the start). Next to CJK it takes latin instead: PowerPoint draws digits, spaces and
    ASCII punctuation in Chinese text with the latin font.
    """
    if text.isascii():
        return [LATIN] * len(text)
    scripts = list(map(char_script, text))
    first_strong = next((script for script in scripts if script != COMMON), LATIN)
    previous = first_strong
    for at, script in enumerate(scripts):
        if script == COMMON:
            scripts[at] = LATIN if previous == CJK else previous
        else:
            previous = script
    return scripts


def script_runs(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (script, run) pairs of one resolved script each."""
    runs: list[tuple[str, str]] = []
    for char, script in zip(text, resolve_scripts(text)):
        if runs and runs[-1][0] == script:
            runs[-1] = (script, runs[-1][1] + char)
        else:
            runs.append((script, char))
    return runs


# --- line breaking -------------------------------------------------------------------------

def hard_lines(text: str) -> list[str]:
    """``text`` split at explicit line breaks (newline, vertical tab, line separator)."""
    return _HARD_BREAK.split(text) if _HARD_BREAK.search(text) else [text]


def _breaks_at_soft_hyphen(line: str, end: int) -> bool:
    """Whether a line that breaks at ``end`` shows a hyphen there: after a soft hyphen, not at the line's end."""
    return end < len(line) and line[end - 1] == SOFT_HYPHEN


def _fits(segments: Sequence[_Segment], at: int, line_em: float, limit_em: float) -> bool:
    """Whether a line ``line_em`` wide so far may take ``segments[at]``.

    It may if the line can end after it. A piece that ends at a soft hyphen may also go on
    when the hyphen is what does not fit: the line may still end after a later piece of the
    same word, where the hyphen is not drawn.
    """
    for index in range(at, len(segments)):
        segment = segments[index]
        if line_em + segment.em_trimmed <= limit_em + _EPSILON:
            return True
        line_em += segment.em
        if not segment.text.endswith(SOFT_HYPHEN) or line_em > limit_em + _EPSILON:
            return False
    return False


def _clusters(text: str) -> list[str]:
    """Characters with their combining marks, the units a too-long word is broken into."""
    clusters: list[str] = []
    for char in text:
        if clusters and (unicodedata.combining(char) or char in "\u200d\ufe0f"):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


# --- shaping -------------------------------------------------------------------------------

# The font file behind a face, and what is read from it, are per build: files change between builds.
@memoize
def _hb_font(face: FontFace) -> hb.Font:
    return hb.Font(hb.Face(hb.Blob.from_file_path(face.path), face.index))


@memoize
def _shaped_em(face: FontFace, text: str, rtl: bool) -> float:
    """Advance width of ``text`` shaped with ``face``, in em."""
    font = _hb_font(face)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    if rtl:
        buffer.direction = "rtl"  # Arabic joining forms and ligatures
    hb.shape(font, buffer)
    return sum(position.x_advance for position in buffer.glyph_positions) / font.scale[0]


@memoize
def _covers(face: FontFace, char: str) -> bool:
    return _hb_font(face).get_nominal_glyph(ord(char)) is not None


@memoize
def font_line_height_em(face: FontFace) -> float:
    """The face's natural line height: hhea ascender - descender + line gap, in em.

    Read from the raw ``hhea`` and ``head`` tables (the fields fontTools calls ``ascent``,
    ``descent``, ``lineGap`` and ``unitsPerEm``) through HarfBuzz, which has the file open already.
    """
    hb_face = _hb_font(face).face
    ascent, descent, line_gap = struct.unpack(">hhh", hb_face.reference_table("hhea").data[4:10])
    (units_per_em,) = struct.unpack(">H", hb_face.reference_table("head").data[18:20])
    return (ascent - descent + line_gap) / units_per_em


# --- missing glyphs ------------------------------------------------------------------------

class MissingGlyph(DeckError):
    """A visible character the face it is drawn with lacks: the deck would show a box (tofu).

    The slide number and shape name are filled in by whoever knows them.
    """

    def __init__(self, text: str, char: str, fonts: FontSet, script: str):
        self.text, self.char = text, char
        self.slide: int | None = None
        self.shape: str | None = None
        self.family, self.key = fonts.family(script), fonts.key(script)
        self.letter = _is_letter(char)
        if not self.letter:
            self.family = ", ".join(dict.fromkeys(fonts.slot_families()))
        super().__init__()

    @property
    def message(self) -> str:
        shown = self.text if len(self.text) <= 80 else self.text[:77] + "..."
        if self.letter:
            return f'the {self.key} font, {self.family}, has no glyph for {describe_char(self.char)} in "{shown}"'
        return f'no font of the deck ({self.family}) has a glyph for {describe_char(self.char)} in "{shown}"'

    @property
    def hint(self) -> str:
        if not self.letter:
            return "write the text without it, or map fonts that have it under fonts: in mapping.yaml"
        default = DEFAULT_FONTS.get(self.key)
        suggestion = f" (such as {default})" if default and default != self.family else ""
        return (f"set `{self.key}:` under fonts: in mapping.yaml to a font that has it{suggestion}, "
                "or write the text without it")

    @property
    def where(self) -> str:
        """``slide 3, shape 'Title 1'``, as far as known."""
        return ", ".join(([f"slide {self.slide}"] if self.slide else [])
                         + ([f"shape '{self.shape}'"] if self.shape else []))

    def __str__(self) -> str:
        return (f"{self.where}: " if self.where else "") + f"{self.message}\n    hint: {self.hint}"


def describe_char(char: str) -> str:
    """``U+0915 DEVANAGARI LETTER KA ('क')``."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')} ('{char}')"


def _is_letter(char: str) -> bool:
    """Letters and marks are drawn only with their own slot's face; digits, punctuation and
    symbols may come from another of the run's faces, as renderers fall back for them."""
    return unicodedata.category(char)[0] in "LM" and not _is_invisible(char)


def _is_invisible(char: str) -> bool:
    """Controls, format characters (joiners, soft hyphen, direction marks), spaces and variation selectors."""
    return unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp") or 0xFE00 <= ord(char) <= 0xFE0F


# --- measuring -----------------------------------------------------------------------------

class _FaceRun(NamedTuple):
    """``line[start:end]`` is drawn with ``face``, right to left when ``rtl``."""

    start: int
    end: int
    face: FontFace
    rtl: bool


def _runs_em(line: str, runs: list[_FaceRun], start: int, end: int) -> float:
    """Width of ``line[start:end]``: each face run's part of it shaped on its own."""
    total = 0.0
    for run in runs:
        part_start, part_end = max(start, run.start), min(end, run.end)
        if part_start < part_end:
            total += _shaped_em(run.face, line[part_start:part_end], run.rtl)
    return total


class _Segment(NamedTuple):
    """A piece of a line that is never broken: its width followed by more of the line, and its
    width at the end of a line (without its trailing spaces; with a hyphen after a soft hyphen).
    """

    text: str
    em: float
    em_trimmed: float


#: LibreOffice puts a fifth of an em between an East Asian character and a latin one beside it
#: (its "spacing between Asian and non-Asian text", on by default): "共有162个" is drawn
#: "共有 162 个". PowerPoint does not: measuring with it keeps such text inside its box in both.
_AUTOSPACE_EM = 0.2


def _has_cjk(line: str) -> bool:
    return not line.isascii() and any(char_script(char) == CJK for char in line)


def _autospaced(left: str, right: str) -> bool:
    """Whether LibreOffice puts its Asian/latin spacing between these two neighbouring characters."""
    if left.isspace() or right.isspace() or left in BREAKING_SPACES or right in BREAKING_SPACES:
        return False
    return (char_script(left) == CJK) != (char_script(right) == CJK)


def _with_autospace(segments: list[_Segment]) -> list[_Segment]:
    """``segments`` with the Asian/latin spacing inside each and after it (not at a line's end)."""
    spaced = []
    for at, segment in enumerate(segments):
        text = segment.text
        inside = sum(_autospaced(a, b) for a, b in zip(text, text[1:])) * _AUTOSPACE_EM
        after = _AUTOSPACE_EM if at + 1 < len(segments) and text and segments[at + 1].text and \
            _autospaced(text[-1], segments[at + 1].text[0]) else 0.0
        spaced.append(_Segment(text, segment.em + inside + after, segment.em_trimmed + inside))
    return spaced


class WrapResult(NamedTuple):
    lines: list[str]
    words_broken: bool  # some word was wider than the line and was broken between characters


#: 1.2 em for every script. LibreOffice sets PowerPoint files with font-independent line
#: spacing: it measured 1.2 em per line for Noto Sans CJK and Noto Sans Arabic too.
FONT_INDEPENDENT_LINE_HEIGHTS = {script: 1.2 for script in (LATIN, CYRILLIC, GREEK, ARABIC, HEBREW, DEVANAGARI,
                                                              THAI, CJK)}


class TextMeasurer:
    """Measures and wraps text in the faces of a ``FontSet``.

    ``line_height_em`` maps a script to its single line spacing in em. Scripts not in it use
    their face's hhea metrics (Noto Sans CJK 1.45 em, Noto Sans Arabic 2.11 em). Latin,
    Cyrillic and Greek default to 1.2, PowerPoint's single spacing for Arial. Pass
    ``FONT_INDEPENDENT_LINE_HEIGHTS`` to measure every script at 1.2 em.
    """

    def __init__(self, fonts: FontSet, line_height_em: dict[str, float] | None = None,
                 neutral_script: str | None = None, language: str | None = None):
        self.fonts = fonts
        self.language = language      # the deck's: which face fontconfig falls back to depends on it
        # The script of a line with no letters at all ("+", "86 + 85 = 171"): LibreOffice draws
        # one in the complex-script face in a right-to-left language. None: its neighbours' rule.
        self.neutral_script = neutral_script
        self.line_height_overrides = {LATIN: 1.2, CYRILLIC: 1.2, GREEK: 1.2, **(line_height_em or {})}
        # Line breaks depend on the language (``language`` below, a BCP 47 tag), and so do the
        # pieces a line is measured in: the caches of lines are keyed by it.
        self._segments_cache: dict[tuple[str, bool, str | None], tuple[_Segment, ...]] = {}
        self._piece_em: dict[tuple[FontFace, bool], dict[str, float]] = {}
        self._line_em_cache: dict[tuple[str, bool, str | None], float] = {}
        self._ascii_covered: dict[FontFace, frozenset[str]] = {}
        self._face_cache: dict[tuple[str, str, bool], FontFace | None] = {}
        self._line_height_cache: dict[tuple[str, bool], float] = {}

    # widths

    def width(self, text: str, size_pt: float, bold: bool = False, language: str | None = None) -> float:
        """Width of ``text`` in points; of its widest line when it has explicit breaks."""
        return self.em_width(text, bold, language) * size_pt

    def em_width(self, text: str, bold: bool = False, language: str | None = None) -> float:
        """Width of ``text`` at 1 pt."""
        return max(self._line_em(line, bold, language) for line in hard_lines(text))

    def _line_em(self, line: str, bold: bool, language: str | None) -> float:
        key = (line, bold, language)
        width = self._line_em_cache.get(key)
        if width is None:
            segments = self._segments(line, bold, language)
            width = self._line_em_cache[key] = \
                sum(segment.em for segment in segments[:-1]) + segments[-1].em_trimmed if segments else 0.0
        return width

    def _segments(self, line: str, bold: bool, language: str | None) -> tuple[_Segment, ...]:
        """``line`` cut at its break opportunities, each piece measured once."""
        key = (line, bold, language)
        segments = self._segments_cache.get(key)
        if segments is None:
            runs = self._face_runs(line, bold)
            bounds = [0, *break_opportunities(line, language), len(line)] if line else []
            if len(runs) == 1:
                segments = self._one_face_segments(line, bounds, runs[0])
            else:
                segments = []
                for start, end in zip(bounds, bounds[1:]):
                    trimmed_end = start + len(line[start:end].rstrip(BREAKING_SPACES))
                    em_trimmed = _runs_em(line, runs, start, trimmed_end)
                    em = em_trimmed + _runs_em(line, runs, trimmed_end, end)
                    if _breaks_at_soft_hyphen(line, end):
                        run = next(run for run in runs if run.start < end <= run.end)
                        em_trimmed += _shaped_em(run.face, "-", run.rtl)
                    segments.append(_Segment(line[start:end], em, em_trimmed))
            if _AUTOSPACE_EM and _has_cjk(line):
                segments = _with_autospace(segments)
            segments = self._segments_cache[key] = tuple(segments)
        return segments

    def _one_face_segments(self, line: str, bounds: list[int], run: _FaceRun) -> list[_Segment]:
        """The common case, a line drawn with one face: words and spaces measured through one table.

        The same as shaping each piece with ``_runs_em``; the table of the face's pieces makes a
        word seen before (on any slide) a dictionary look-up.
        """
        table = self._piece_em.setdefault((run.face, run.rtl), {})
        segments = []
        for start, end in zip(bounds, bounds[1:]):
            piece = line[start:end]
            visible = piece.rstrip(BREAKING_SPACES)
            em_trimmed = table.get(visible)
            if em_trimmed is None:
                em_trimmed = table[visible] = _shaped_em(run.face, visible, run.rtl) if visible else 0.0
            em = em_trimmed
            if len(visible) < len(piece):
                spaces = piece[len(visible):]
                space_em = table.get(spaces)
                if space_em is None:
                    space_em = table[spaces] = _shaped_em(run.face, spaces, run.rtl)
                em += space_em
            elif _breaks_at_soft_hyphen(line, end):
                hyphen_em = table.get("-")
                if hyphen_em is None:
                    hyphen_em = table["-"] = _shaped_em(run.face, "-", run.rtl)
                em_trimmed += hyphen_em
            segments.append(_Segment(piece, em, em_trimmed))
        return segments

    def _face_runs(self, line: str, bold: bool) -> list[_FaceRun]:
        """``line`` cut into runs drawn with one face in one direction."""
        if self._all_neutral(line):
            return self._script_face_runs(line, 0, len(line), self.neutral_script, bold)
        if line.isascii():          # all latin: one run, when the face has every character
            face = self.fonts.face(LATIN, bold)
            covered = self._ascii_covered.get(face)
            if covered is None:
                covered = self._ascii_covered[face] = frozenset(
                    char for char in map(chr, range(128)) if _covers(face, char) or char in BREAKING_SPACES)
            if covered.issuperset(line):
                return [_FaceRun(0, len(line), face, False)]
        runs: list[_FaceRun] = []
        start = 0
        for script, chars in groupby(resolve_scripts(line)):
            end = start + sum(1 for _ in chars)
            runs += self._script_face_runs(line, start, end, script, bold)
            start = end
        return runs

    def _all_neutral(self, text: str) -> bool:
        """Whether ``text`` has no letter of any script and the measurer gives such text a script."""
        return bool(self.neutral_script and text.strip()) and all(char_script(char) == COMMON for char in text)

    def _script_face_runs(self, line: str, start: int, end: int, script: str, bold: bool) -> list[_FaceRun]:
        """Runs for ``line[start:end]`` of one script: its face, or per character fallbacks."""
        face, rtl = self.fonts.face(script, bold), script in RIGHT_TO_LEFT
        if all(_covers(face, char) or char in BREAKING_SPACES for char in set(line[start:end])):
            return [_FaceRun(start, end, face, rtl)]
        runs: list[_FaceRun] = []
        for at in range(start, end):
            face = self._face(line[at], script, bold)
            if face is None:
                raise MissingGlyph(line, line[at], self.fonts, script)
            if runs and runs[-1].face == face:
                runs[-1] = runs[-1]._replace(end=at + 1)
            else:
                runs.append(_FaceRun(at, at + 1, face, rtl))
        return runs

    def _face(self, char: str, script: str, bold: bool) -> FontFace | None:
        """The script's face; for a character it lacks, the first other face of the run that has it.

        None when ``char`` would show as a box: a letter (or mark) the script's face lacks, or a
        digit, punctuation or symbol no face has. Invisible characters never are.
        """
        key = (char, script, bold)
        if key not in self._face_cache:
            own = self.fonts.face(script, bold)
            found: FontFace | None = own
            if char not in BREAKING_SPACES and not _covers(own, char):
                found = None if _is_letter(char) else self._widest_fallback(char, script, bold)
                if found is None and _is_invisible(char):
                    found = own
            self._face_cache[key] = found
        return self._face_cache[key]

    def check_glyphs(self, text: str, bold: bool = False) -> None:
        """Raise ``MissingGlyph`` when a visible character of ``text`` lacks a glyph in its face.

        Measuring checks the text it measures; this is for text that is written but not measured.
        """
        for line in hard_lines(text):
            self._face_runs(line, bold)

    def _widest_fallback(self, char: str, script: str, bold: bool) -> FontFace | None:
        """Of the faces that have ``char``, the one drawing it widest.

        Which face a renderer falls back to differs (LibreOffice asks fontconfig, PowerPoint its
        own list): measuring with the widest keeps the text inside its box in any of them.
        """
        rtl = script in RIGHT_TO_LEFT
        faces = [face for face in self._fallback_faces(script, bold) if _covers(face, char)]
        # A symbol is drawn from a latin face (the run's or the system's), never a wide East Asian one,
        # when one of those has it.
        latin = [face for face in faces if face in (self._latin_face(bold), system_fallback_face(bold, self.language))]
        if latin:
            return max(latin, key=lambda face: _shaped_em(face, char, rtl))
        return faces[0] if faces else None

    def _latin_face(self, bold: bool) -> FontFace | None:
        try:
            return self.fonts.face(LATIN, bold)
        except DeckError:
            return None

    def _fallback_faces(self, script: str, bold: bool) -> list[FontFace]:
        """The other slots' faces; a missing fallback font is skipped, not an error."""
        faces = []
        for other in (LATIN, CJK, ARABIC):
            if FontSet.slot(other) != FontSet.slot(script):
                try:
                    faces.append(self.fonts.face(other, bold))
                except DeckError:
                    pass
        system = system_fallback_face(bold, self.language)
        if system is not None and system not in faces:
            self.fonts.used.add(system.path)
            faces.append(system)
        return faces

    # wrapping

    def wrap(self, text: str, max_width_pt: float, size_pt: float, bold: bool = False,
             language: str | None = None) -> list[str]:
        """``text`` broken into lines no wider than ``max_width_pt`` at ``size_pt``."""
        return self.wrap_detailed(text, max_width_pt, size_pt, bold, language).lines

    def wrap_detailed(self, text: str, max_width_pt: float, size_pt: float, bold: bool = False,
                      language: str | None = None) -> WrapResult:
        """Like ``wrap``, and tells whether a word had to be broken between characters."""
        limit_em = max_width_pt / size_pt
        lines: list[str] = []
        words_broken = False
        for line in hard_lines(text):
            wrapped, broken = self._wrap_line(line, limit_em, bold, language)
            lines += wrapped
            words_broken |= broken
        return WrapResult(lines, words_broken)

    def _wrap_line(self, line: str, limit_em: float, bold: bool, language: str | None) -> tuple[list[str], bool]:
        """Greedy first fit: a segment goes on the current line if its visible part fits."""
        segments = self._segments(line, bold, language)
        if segments and self._line_em(line, bold, language) <= limit_em + _EPSILON:
            return [line.rstrip(BREAKING_SPACES)], False      # what the loop gives a line that fits whole
        lines: list[str] = []
        current, current_em, broken = "", 0.0, False
        for at, segment in enumerate(segments):
            if current and not _fits(segments, at, current_em, limit_em):
                lines.append(current.rstrip(BREAKING_SPACES))
                current, current_em = "", 0.0
            if not current and not _fits(segments, at, 0.0, limit_em):
                *full, current = self._break_word(segment.text, limit_em, bold, language)
                lines += full
                current_em = self.em_width(current, bold, language) + self._trailing_space_em(current, bold, language)
                broken = True
            else:
                current += segment.text
                current_em += segment.em
        lines.append(current.rstrip(BREAKING_SPACES))
        return lines, broken

    def _break_word(self, word: str, limit_em: float, bold: bool, language: str | None) -> list[str]:
        """A word wider than the line, cut between characters; at least one per line."""
        pieces, current = [], ""
        for cluster in _clusters(word):
            candidate = current + cluster
            if (current and cluster not in BREAKING_SPACES
                    and self.em_width(candidate, bold, language) > limit_em + _EPSILON):
                pieces.append(current)
                current = cluster
            else:
                current = candidate
        pieces.append(current)
        return pieces

    def _trailing_space_em(self, text: str, bold: bool, language: str | None) -> float:
        segments = self._segments(text, bold, language)
        return segments[-1].em - segments[-1].em_trimmed if segments else 0.0

    def hyphenate_overlong(self, text: str, max_width_pt: float, size_pt: float, hyphenate: Callable[[str], str],
                           bold: bool = False, language: str | None = None) -> str:
        """``text`` with ``hyphenate`` applied to each piece that is wider than a line at ``size_pt``."""
        limit_em = max_width_pt / size_pt
        parts = _HARD_BREAK_KEPT.split(text)        # lines, and between them the breaks that end them
        for index in range(0, len(parts), 2):
            segments = self._segments(parts[index], bold, language)
            parts[index] = "".join(segment.text if _fits(segments, at, 0.0, limit_em) else hyphenate(segment.text)
                                   for at, segment in enumerate(segments))
        return "".join(parts)

    # line height

    def line_height_em(self, text: str, bold: bool = False) -> float:
        """Single line spacing for ``text`` in em: the tallest of the scripts it uses."""
        key = (text, bold)
        if key not in self._line_height_cache:
            if self._all_neutral(text):
                scripts = {self.neutral_script}
            else:
                scripts = set(resolve_scripts(text)) or {LATIN}
            self._line_height_cache[key] = max(self.script_line_height_em(script, bold) for script in scripts)
        return self._line_height_cache[key]

    def script_line_height_em(self, script: str, bold: bool = False) -> float:
        if script in self.line_height_overrides:
            return self.line_height_overrides[script]
        return font_line_height_em(self.fonts.face(script, bold))
