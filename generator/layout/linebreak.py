"""Where a line of text may break: UAX #14 from ICU, tailored per language, with the rules our measuring adds.

ICU's line break iterator gives the opportunities of the Unicode line breaking algorithm,
with dictionaries for the scripts that do not separate words by spaces (Thai, Lao, Khmer,
Burmese). LibreOffice breaks lines with the same library, so measured lines are the lines it
draws. Per language:

- Japanese: ICU's strict rules (``lb=strict``), the kinsoku of JIS X 4051: no line starts with
  a small kana, the prolonged sound mark, closing brackets or 、。.
- Chinese: ICU's rules for Chinese, which are already the strict set (``lb=strict`` changes
  nothing for zh): no line starts with closing punctuation or ，。、：；！？, none ends with an
  opening bracket.
- Korean: word spaces (CSS ``word-break: keep-all``), not between any two syllables. ICU 77
  accepts the ``lw=keepall`` keyword but does not apply it, so it is applied here.

On top of UAX #14: never next to a no-break space (UAX #14 allows a break between a space and
a following no-break space), and never before a breaking space, so that a run of spaces stays
at the end of its line, where it hangs and is not counted.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

from generator.build_context import process_cache

#: Spaces a line may break after; they hang past the line end and are not counted.
BREAKING_SPACES = " \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u200b\u205f\u3000"
#: Characters no line breaks next to.
NO_BREAK = "\u00a0\u202f\u2007\u2060\ufeff"
#: Invisible unless the line breaks after it; then drawn as a hyphen.
SOFT_HYPHEN = "\u00ad"

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def break_opportunities(line: str, language: str | None = None) -> tuple[int, ...]:
    """Indexes ``i`` at which ``line`` may break, between ``line[i-1]`` and ``line[i]``.

    ``language`` is a BCP 47 tag (``ja-JP``, ``ko-KR``, ``th-TH``); without one, UAX #14's
    rules for no language in particular.
    """
    return _opportunities(line, *_rules(language))


@process_cache
@lru_cache(maxsize=None)
def _rules(language: str | None) -> tuple[str, bool]:
    """The ICU locale whose line breaking rules ``language`` follows, and whether words are kept whole."""
    primary = (language or "").split("-")[0].lower()
    if primary == "ja":
        return "ja@lb=strict", False
    name = icu.Locale.forLanguageTag(language).getName() if language else ""
    return name or "root", primary == "ko"


@process_cache                 # Unicode's and ICU's answer: the same for the whole process
@lru_cache(maxsize=16384)
def _opportunities(line: str, rules: str, keep_all: bool) -> tuple[int, ...]:
    return tuple(at for at in _icu_breaks(line, rules)
                 if 0 < at < len(line) and _may_break(line, at, keep_all))


def _may_break(line: str, at: int, keep_all: bool) -> bool:
    before, after = line[at - 1], line[at]
    if before in NO_BREAK or after in NO_BREAK or after in BREAKING_SPACES:
        return False
    return not (keep_all and _letter_unit(before) and _letter_unit(after))


def _letter_unit(char: str) -> bool:
    """A letter, mark or digit: what ``keep-all`` keeps together (UAX #14's AL, ID, NU and Hangul)."""
    return unicodedata.category(char)[0] in "LMN"


def _icu_breaks(line: str, rules: str) -> list[int]:
    """ICU's break positions in ``line``, as indexes into the Python string (ICU counts UTF-16 units)."""
    iterator = _iterator(rules)
    iterator.setText(line)
    positions = list(iterator)
    if not _ASTRAL.search(line):
        return positions
    index_of = {}
    units = 0
    for index, char in enumerate(line):
        index_of[units] = index
        units += 2 if ord(char) > 0xFFFF else 1
    index_of[units] = len(line)
    return [index_of[position] for position in positions]


@process_cache
@lru_cache(maxsize=None)
def _iterator(rules: str) -> icu.BreakIterator:
    """One line break iterator per rule set; each call sets its text, so one is enough."""
    return icu.BreakIterator.createLineInstance(icu.Locale(rules))
