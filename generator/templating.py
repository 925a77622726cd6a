"""The one Jinja environment for deck text: sandboxed, strict, with only the project's filters.

Every string of the deck, English included, is a template rendered here. Translations come
from outside the organisation, so the environment is a ``SandboxedEnvironment`` with
``StrictUndefined``, no globals, and only the formatting filters of ``generator.localize``.
"""

from __future__ import annotations

import re

from jinja2 import StrictUndefined, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment


# The filters deck text may use; ``generator.localize.formatting.Formatter`` implements them.
FILTERS = ("number", "percent", "compact", "qualified", "year")
MAX_REPEAT = 1000     # 'x' * n and [..] * n beyond this are refused: a translation is untrusted


class DeckSandbox(SandboxedEnvironment):
    """Jinja's sandbox, plus a bound on repetition so a hostile string cannot exhaust memory."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "*" and (isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple))):
            count = right if isinstance(left, (str, list, tuple)) else left
            if isinstance(count, int) and count > MAX_REPEAT:
                raise SecurityError(f"repeating a value {count} times is not allowed")
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise SecurityError("a power this large is not allowed")
        return super().call_binop(context, operator, left, right)


def make_environment(filters: dict | None = None) -> SandboxedEnvironment:
    env = DeckSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
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
    """Dotted names (``iso.members``) a template refers to; raises ``TemplateSyntaxError``.

    Only whole chains count: ``casco.members.full`` is one reference, and a bare
    ``casco.members`` next to it is another (a group, which cannot be formatted).
    """
    tree = env.parse(source)
    inner = {id(child) for node in tree.find_all(nodes.Getattr) for child in node.iter_child_nodes()}
    found = {_dotted(node) for node in tree.find_all((nodes.Getattr, nodes.Name)) if id(node) not in inner}
    return sorted(name for name in found if name)


def filter_names(env: SandboxedEnvironment, source: str) -> list[str]:
    return sorted({node.name for node in env.parse(source).find_all(nodes.Filter)})


def _dotted(node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _dotted(node.node)
        return f"{base}.{node.attr}" if base else None
    return None
