"""The checks every text of the deck passes, in the source language and in each translation."""

from __future__ import annotations

import re

from jinja2 import TemplateSyntaxError

from ..errors import Problem, did_you_mean
from ..sandbox import FILTERS, disallowed_syntax, figure_references, filter_names
from .figures import FigureTable

# Characters XML 1.0 cannot hold: a pasted control character would make the deck unreadable.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def check_template(env, text: str, figures: FigureTable, problem) -> list[Problem]:
    """Problems of one template string: control characters, syntax, unknown figures, unknown filters."""
    bad = XML_INVALID.search(text)
    if bad:
        return [problem(f"a control character (U+{ord(bad.group()):04X}) is in the text",
                        "delete it; it was probably pasted in by accident")]
    try:
        refs = figure_references(env, text)
        used_filters = filter_names(env, text)
        construct = disallowed_syntax(env, text)
    except TemplateSyntaxError as exc:
        return [problem(f"template error: {exc.message}", "expressions look like {{ iso.members | number }}")]
    if construct:
        return [problem(f"only {{{{ figure | filter }}}} expressions are allowed in deck text, not {construct}",
                        "write e.g. {{ iso.members | number }} or {{ iec.experts | qualified }}")]
    found = []
    groups = {key.split(".")[0] for key in figures.figures}
    for ref in refs:
        if ref not in figures:
            if ref in groups or any(key.startswith(ref + ".") for key in figures.figures):
                found.append(problem(f"'{ref}' is a group of figures, not a figure",
                                     did_you_mean(ref, figures.figures, "figures")))
            else:
                found.append(problem(f"unknown figure '{ref}'", did_you_mean(ref, figures.figures, "figures")))
    for name in used_filters:
        if name not in FILTERS:
            found.append(problem(f"unknown filter '{name}'", did_you_mean(name, FILTERS, "filters")))
    return found
