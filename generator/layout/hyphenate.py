"""Hyphenation at dictionary points, written as soft hyphens.

The dictionaries are Hunspell's, through pyphen. A soft hyphen (U+00AD) is invisible unless
a line breaks at it, in PowerPoint and LibreOffice alike, so a word with soft hyphens at its
dictionary points breaks there in every renderer, and nowhere else.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from itertools import groupby

import pyphen

from generator.build_context import process_cache
from generator.layout.linebreak import SOFT_HYPHEN


@process_cache                 # the dictionaries installed with pyphen: the same for the whole process
@lru_cache(maxsize=None)
def hyphenator(language: str | None) -> Callable[[str], str] | None:
    """What puts soft hyphens into text of ``language`` (a BCP 47 tag), or None without a dictionary.

    The dictionary is the language's in its region, else the language's: ``pt-BR`` gets pt_BR,
    ``de-DE`` de_DE, ``de-LI`` de.
    """
    name = pyphen.language_fallback(language.replace("-", "_")) if language else None
    if name is None:
        return None
    dictionary = pyphen.Pyphen(lang=name)

    def hyphenate(text: str) -> str:
        """``text`` with a soft hyphen at every dictionary point of its words.

        A word that has a soft hyphen already keeps the ones it has.
        """
        pieces = []
        for is_word, chars in groupby(text, _in_word):
            word = "".join(chars)
            pieces.append(dictionary.inserted(word, SOFT_HYPHEN) if is_word and SOFT_HYPHEN not in word else word)
        return "".join(pieces)

    return hyphenate


def _in_word(char: str) -> bool:
    """Letters and their marks, and soft hyphens: the characters of a word a dictionary may split."""
    return char == SOFT_HYPHEN or unicodedata.category(char)[0] in "LM"
