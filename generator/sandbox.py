"""The one Jinja environment for deck text: sandboxed, strict, with only the project's filters.

Every string of the deck, English included, is a template rendered here. Translations come
from outside the organisation, so the environment is a ``SandboxedEnvironment`` with
``StrictUndefined``, no globals, and only the formatting filters of ``generator.localize``.

The rules of deck text's expressions live here too, for the loader, the localizer and the
catalog tools alike: the filters it may use (``FILTERS``), the constructs it may not
(``disallowed_syntax``), the expressions a text holds (``expressions``), and that a
translation keeps its msgid's (``changed_expressions``).
"""

from __future__ import annotations

import functools
import math
import re

from jinja2 import StrictUndefined, Undefined, nodes
from jinja2.exceptions import SecurityError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from .limits import MAX_EXPRESSION_CHARS, MAX_EXPRESSION_DEPTH

# The filters deck text may use; ``generator.localize.formatting.Formatter`` implements them.
FILTERS = ("number", "percent", "compact", "qualified", "year")
MAX_REPEAT = 1000     # 'x' * n and [..] * n beyond this are refused: a translation is untrusted


class DeckSandbox(SandboxedEnvironment):
    """Jinja's sandbox, plus a bound on repetition so a hostile string cannot exhaust memory."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        sequence = (str, list, tuple)
        if operator == "*" and (isinstance(left, sequence) or isinstance(right, sequence)):
            items, count = (left, right) if isinstance(left, sequence) else (right, left)
            if isinstance(count, int) and len(items) * count > MAX_REPEAT:
                raise SecurityError(f"a value {len(items) * count} long is not allowed")
        if operator == "**" and isinstance(left, (int, float)) and isinstance(right, (int, float)) \
                and abs(left) > 1 and abs(right) * math.log10(abs(left)) > 100:
            raise SecurityError("a power this large is not allowed")
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and abs(value) > MAX_REPEAT:
                raise SecurityError(f"an argument of {value} is not allowed")
        return super().call(__context, __obj, *args, **kwargs)


def printable(value):
    """What a ``{{ }}`` may show: one value. A function's text would be its memory address, new in
    every build, and a group's (``{{ iso }}``) the figures' internals: both are refused."""
    if isinstance(value, Undefined):
        return value                  # showing it raises the undefined name's own error
    if callable(value):
        raise TypeError("the expression gives a function, not a value to show")
    if isinstance(value, (dict, list, tuple, set, frozenset)):
        raise TypeError("the expression gives a group of values, not one value to show")
    return value


def make_environment(filters: dict | None = None) -> SandboxedEnvironment:
    env = DeckSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False, finalize=printable)
    env.globals.clear()
    env.filters.clear()
    env.tests.clear()
    env.filters.update(filters or {})
    return env


# An expression's body cannot hold another opening: so a text of many unclosed '{{' is
# scanned once, not once from each of them.
_TAGS = r"\{\{(?:(?!\{\{|\}\}).)*\}\}|\{%(?:(?!\{%|%\}).)*%\}"
_EXPRESSION = re.compile(_TAGS, re.S)


_PLACEHOLDER = re.compile(_TAGS + r"|\{[a-z_]+\}", re.S)


def expressions(text: str) -> list[str]:
    """The Jinja expressions and ``{placeholders}`` of a string, whitespace-normalised, sorted."""
    return sorted(re.sub(r"\s+", "", e) for e in _PLACEHOLDER.findall(text))


def has_words(text: str) -> bool:
    """Does the text hold words to translate, beyond expressions, numbers and operators?"""
    return any(ch.isalpha() for ch in _EXPRESSION.sub("", text))


KEEP_EXPRESSIONS = "copy each {{ ... }} from the msgid unchanged"


def changed_expressions(msgid: str, msgstr: str) -> str | None:
    """What breaks the rule that a translation keeps its msgid's expressions; None when it keeps them.

    Translators never type numbers, nor bring in expressions of their own: the build fills in
    the figures the English shows, as the English formats them.
    """
    source, translated = expressions(msgid), expressions(msgstr)
    if translated == source:
        return None
    return f"expressions differ: msgid has {source}, msgstr has {translated}"


def _memoized(function):
    """Cache a pure ``function(env, source)`` by source text and environment settings.

    Loading checks every text, the figures' usage walks them again, and each locale checks its
    translations: the same text is analysed many times. Lists are returned as copies.
    """
    cache: dict = {}

    @functools.wraps(function)
    def memoized(env, source):
        if "{" not in source:
            return function(env, source)        # plain text: answered without parsing anyway
        key = (_settings(env), source)
        try:
            value = cache[key]
        except KeyError:
            value = function(env, source)        # a syntax error propagates and is not cached
            if len(cache) >= _CACHE_LIMIT:
                cache.clear()
            cache[key] = value
        return list(value) if isinstance(value, list) else value

    return memoized


# What deck text may contain: text, and {{ figure.key | filter(arguments) }} expressions.
_ALLOWED_NODES = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Getattr, nodes.Filter,
                  nodes.Const, nodes.Keyword)


@_memoized
def disallowed_syntax(env: SandboxedEnvironment, source: str) -> str | None:
    """The first construct beyond ``{{ figure | filter }}`` (calls, subscripts, arithmetic, tags), if any."""
    if "{" not in source:
        return None             # no tag can start without a brace: plain text
    for node in parse(env, source).find_all(nodes.Node):
        if not isinstance(node, _ALLOWED_NODES):
            return type(node).__name__
        if isinstance(node, nodes.Filter) and (node.dyn_args is not None or node.dyn_kwargs is not None):
            return "Filter"
        if isinstance(node, nodes.Filter) and _repeats_a_keyword(node):
            return "a keyword argument given twice"     # Python refuses to compile Jinja's code for it
        if isinstance(node, nodes.Getattr) and _dotted(node) is None:
            return "an attribute of a value"     # ''.__class__ and the like: only figure keys have attributes
        if isinstance(node, nodes.Const) and isinstance(node.value, float) and not math.isfinite(node.value):
            return "a number too large for a float"
    return None


@_memoized
def figure_references(env: SandboxedEnvironment, source: str) -> list[str]:
    """Dotted names (``iso.members``) a template refers to; raises ``TemplateSyntaxError``.

    Only whole chains count: ``casco.members.full`` is one reference, and a bare
    ``casco.members`` next to it is another (a group, which cannot be formatted).
    """
    if "{" not in source:
        return []
    tree = parse(env, source)
    inner = {id(child) for node in tree.find_all(nodes.Getattr) for child in node.iter_child_nodes()}
    found = {_dotted(node) for node in tree.find_all((nodes.Getattr, nodes.Name)) if id(node) not in inner}
    return sorted(name for name in found if name)


@_memoized
def filter_names(env: SandboxedEnvironment, source: str) -> list[str]:
    if "{" not in source:
        return []
    return sorted({node.name for node in parse(env, source).find_all(nodes.Filter)})


def _repeats_a_keyword(node: nodes.Filter) -> bool:
    keys = [keyword.key for keyword in node.kwargs]
    return len(set(keys)) != len(keys)


def _dotted(node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        base = _dotted(node.node)
        return f"{base}.{node.attr}" if base else None
    return None


# ---------------------------------------------------------------- parsing and rendering, cached

_PARSED: dict = {}
_COMPILED: dict = {}
_COMPILERS: dict = {}
_CACHE_LIMIT = 8192


def is_plain(source: str) -> bool:
    """Text Jinja would give back unchanged: no ``{`` (so no tag), no carriage return, no final newline."""
    return "{" not in source and "\r" not in source and not source.endswith("\n")


def _settings(env) -> tuple:
    """What parsing and compiling depend on: the class, the lexer (shared by equal settings), the options."""
    return (type(env), env.lexer, env.autoescape, env.finalize, env.optimized, tuple(env.extensions))


_TAG_START = re.compile(r"\{[{%]")


def expression_size_problem(source: str) -> str | None:
    """Why an expression of ``source`` is too long or nested too deeply to parse; None when none is.

    Jinja's parser and compiler recurse once per nested bracket or operator, so an expression
    10,000 brackets deep, or 50,000 terms long, would exhaust the stack. Each ``{{ … }}`` and
    ``{% … %}`` is scanned as Jinja's lexer reads it (quoted strings skipped, brackets
    balanced), in time linear in the text, before anything parses it.
    """
    position = 0
    while (start := _TAG_START.search(source, position)) is not None:
        end, deepest = _expression_end(source, start.start())
        if end - start.start() > MAX_EXPRESSION_CHARS:
            return f"an expression is longer than the limit of {MAX_EXPRESSION_CHARS} characters"
        if deepest > MAX_EXPRESSION_DEPTH:
            return f"an expression nests brackets deeper than the limit of {MAX_EXPRESSION_DEPTH}"
        position = end
    return None


def bracket_depth_problem(expression: str) -> str | None:
    """``expression_size_problem`` for one bare expression (a figure's expr, a rule's check)."""
    if len(expression) > MAX_EXPRESSION_CHARS:
        return f"the expression is {len(expression):,} characters long; the limit is {MAX_EXPRESSION_CHARS}"
    depth = deepest = 0
    for character in expression:
        if character in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif character in ")]}":
            depth = max(depth - 1, 0)
    if deepest > MAX_EXPRESSION_DEPTH:
        return f"brackets are nested {deepest} deep; the limit is {MAX_EXPRESSION_DEPTH}"
    return None


def _expression_end(source: str, start: int) -> tuple[int, int]:
    """Where the tag opened at ``start`` ends (or where scanning gave up), and its deepest bracket nesting.

    Scanning stops one character past the length limit, so it never reads further than that
    (an unclosed tag ends with the text; Jinja reports it).
    """
    closing = "}}" if source[start + 1] == "{" else "%}"
    limit = min(len(source), start + MAX_EXPRESSION_CHARS + 1)
    depth = deepest = 0
    quote = None
    index = start + 2
    while index < limit:
        character = source[index]
        if quote:
            if character == "\\":
                index += 1
            elif character == quote:
                quote = None
        elif character in "'\"":
            quote = character
        elif depth == 0 and source.startswith(closing, index):
            return index + 2, deepest
        elif character in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif character in ")]}":
            depth = max(depth - 1, 0)
        index += 1
    return index, deepest                # unclosed, or longer than the limit


def check_expression_size(source: str) -> None:
    """Raise ``TemplateSyntaxError`` when ``expression_size_problem`` finds one."""
    problem = expression_size_problem(source)
    if problem:
        raise TemplateSyntaxError(problem, 1)


def parse(env: SandboxedEnvironment, source: str):
    """``env.parse(source)``, once per source text and settings; raises ``TemplateSyntaxError``.

    The text's expressions are held to the length and depth limits first. Callers only read
    the tree.
    """
    key = (_settings(env), source)
    tree = _PARSED.get(key)
    if tree is None:
        check_expression_size(source)
        try:
            tree = env.parse(source)
        except (RecursionError, MemoryError):
            raise TemplateSyntaxError("the text is too complex to read", 1) from None
        if len(_PARSED) >= _CACHE_LIMIT:
            _PARSED.clear()
        _PARSED[key] = tree
    return tree


def _raise_at_compile_time(*args, **kwargs):
    raise RuntimeError("a filter is not called while compiling")


def render(env: SandboxedEnvironment, source: str, context: dict) -> str:
    """``env.from_string(source).render(context)``, with plain text returned as it is.

    Compiled code is cached by source text, so a text shared by several locales or builds is
    compiled once. It is compiled by an overlay of ``env`` whose filters refuse to run, so no
    locale's formatting is folded into the code as a constant; each locale's filters run when
    the template renders, exactly as they do in a template compiled by ``env`` itself.
    """
    if is_plain(source):
        return source
    try:
        tree = parse(env, source)
    except TemplateSyntaxError:
        check_expression_size(source)    # too large to compile: refused here
        tree = None                 # compiling raises the same error, with Jinja's own message
    if tree is not None and _interpretable(env, tree):
        return _interpret(env, tree, context)
    settings = _settings(env)
    filters = tuple(sorted(env.filters))
    key = (settings, filters, source)
    code = _COMPILED.get(key)
    if code is None:
        compiler = _COMPILERS.get((settings, filters))
        if compiler is None:
            compiler = _COMPILERS[(settings, filters)] = env.overlay()
            compiler.filters = {name: _raise_at_compile_time for name in filters}
            compiler.tests = {name: _raise_at_compile_time for name in env.tests}
        code = compiler.compile(source)
        if len(_COMPILED) >= _CACHE_LIMIT:
            _COMPILED.clear()
        _COMPILED[key] = code
    return env.template_class.from_code(env, code, env.make_globals(None), None).render(context)


# Deck text is text and {{ figure.key | filter(constants) }} (``disallowed_syntax`` refuses the
# rest): such a template is evaluated straight from its parse tree, doing what Jinja's
# compiled code does (names from the context, ``environment.getattr`` for attributes, the
# environment's filters, ``str`` of each value), without compiling Python code for it.
# Compiling costs far more than rendering: without this path, a build of every locale takes
# 3 to 8% longer (25 to 70 ms of 0.9 s, 2 cores).
# tests/test_sandbox.py holds it to the sandbox: the same text, or the same refusal.

# A name Jinja's compiled code binds itself instead of looking it up in the context: ``self``
# is the template (``{{ self }}`` renders ``<TemplateReference None>``), so it is left to Jinja.
_BOUND_BY_JINJA = frozenset({"self"})


def _interpretable(env, tree) -> bool:
    return all(isinstance(output, nodes.Output) and all(_simple(env, node) for node in output.nodes)
               for output in tree.body)


def _simple(env, node) -> bool:
    if isinstance(node, nodes.Name):
        return node.name not in _BOUND_BY_JINJA
    if isinstance(node, nodes.TemplateData):
        return True
    if isinstance(node, nodes.Const):
        # A float literal too large for a float is inf, which Jinja compiles to the name `inf`:
        # it fails there with a NameError, so the interpreter leaves such a literal to Jinja.
        return not (isinstance(node.value, float) and not math.isfinite(node.value))
    if isinstance(node, nodes.Getattr):
        return _simple(env, node.node)
    if isinstance(node, nodes.Filter):
        return (node.node is not None and node.name in env.filters and node.dyn_args is None
                and node.dyn_kwargs is None and not _repeats_a_keyword(node) and _simple(env, node.node)
                and all(_simple(env, arg) for arg in node.args)
                and all(isinstance(kw, nodes.Keyword) and _simple(env, kw.value) for kw in node.kwargs))
    return False


def _interpret(env, tree, context: dict) -> str:
    finalize = env.finalize or (lambda value: value)
    out = []
    for output in tree.body:
        for node in output.nodes:
            out.append(node.data if isinstance(node, nodes.TemplateData) else str(finalize(_value(env, node, context))))
    return "".join(out)


def _value(env, node, context: dict):
    if isinstance(node, nodes.Name):
        return context[node.name] if node.name in context else env.undefined(name=node.name)
    if isinstance(node, nodes.Getattr):
        return env.getattr(_value(env, node.node, context), node.attr)
    if isinstance(node, nodes.Const):
        return node.value
    value = _value(env, node.node, context)          # a Filter
    args = [_value(env, arg, context) for arg in node.args]
    kwargs = {kw.key: _value(env, kw.value, context) for kw in node.kwargs}
    return env.filters[node.name](value, *args, **kwargs)
