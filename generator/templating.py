"""The one Jinja environment for deck text: sandboxed, strict, with only the project's filters.

Every string of the deck, English included, is a template rendered here. Translations come
from outside the organisation, so the environment is a ``SandboxedEnvironment`` with
``StrictUndefined``, no globals, and only the formatting filters of ``generator.localize``.
"""

from __future__ import annotations

import re

from jinja2 import StrictUndefined, nodes
from jinja2.sandbox import SandboxedEnvironment


def make_environment(filters: dict | None = None) -> SandboxedEnvironment:
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.globals.clear()
    env.filters.clear()
    env.tests.clear()
    env.filters.update(filters or {})
    return env


_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def has_words(text: str) -> bool:
    """Does the text hold words to translate, beyond expressions, numbers and operators?"""
    return any(ch.isalpha() for ch in _EXPRESSION.sub("", text))


def figure_references(env: SandboxedEnvironment, source: str) -> list[str]:
    """Dotted names (``iso.members``) a template refers to; raises ``TemplateSyntaxError``."""
    tree = env.parse(source)
    found: list[str] = []
    for node in tree.find_all((nodes.Getattr, nodes.Name)):
        dotted = _dotted(node)
        if dotted:
            found.append(dotted)
    # keep maximal names only: 'iso.members', not also 'iso'
    return sorted({n for n in found if not any(m != n and m.startswith(n + ".") for m in found)})


def filter_names(env: SandboxedEnvironment, source: str) -> list[str]:
    return sorted({node.name for node in env.parse(source).find_all(nodes.Filter)})


def _dotted(node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _dotted(node.node)
        return f"{base}.{node.attr}" if base else None
    return None
