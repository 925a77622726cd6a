"""The pseudo-locale ``qps-ploc``: accented, about 40% longer, bracketed, built with no catalog.

It shows layout problems before real translations arrive. Jinja expressions are kept intact.
"""

from __future__ import annotations

import re

from ..sandbox import has_words

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÅßÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_EXPRESSION = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{[a-z_]+\})", re.S)
_PADDING = " ·ẋẋ"


def pseudo_translate(text: str) -> str:
    if not has_words(text):
        return text      # operators, numbers, expressions alone: nothing a translator would touch
    parts = _EXPRESSION.split(text)
    out = []
    letters = 0
    for i, part in enumerate(parts):
        if i % 2:       # an expression: keep as is
            out.append(part)
        else:
            out.append(part.translate(_ACCENTED))
            letters += sum(c.isalpha() for c in part)
    padding_length = round(letters * 0.4)
    padding = (_PADDING * (padding_length // len(_PADDING) + 1))[:padding_length]
    return "[" + "".join(out) + padding + "]"
