"""Safe YAML reading that remembers where every value came from.

``read_yaml`` returns the data plus a ``Positions`` table mapping each value's path
(a tuple of keys and indexes) to its 1-based line and column. It refuses what makes
content files ambiguous or dangerous: anchors and aliases, duplicate keys, tabs used for
indentation, files that are not UTF-8 text, and files over the size limit.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
import yaml.cyaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from ..build_context import build_cache
from ..errors import ContentError, Problem, display_path
from ..limits import MAX_NUMBER_CHARS, MAX_YAML_BYTES
from .paths import safe_read_bytes

MAX_FILE_BYTES = MAX_YAML_BYTES

PathKey = tuple


@dataclass
class Positions:
    """Where each value of one YAML file sits: path tuple -> (line, col), 1-based."""

    file: Path
    table: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)   # where each mapping key is written

    def at(self, path: PathKey) -> tuple[int | None, int | None]:
        """The position of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.table:
                return self.table[path]
            path = path[:-1]
        return self.table.get((), (None, None))

    def key_at(self, path: PathKey) -> tuple[int | None, int | None]:
        """Where the key of ``path`` is written (the value may start on a later line)."""
        return self.keys.get(tuple(path)) or self.at(path)

    def problem(self, path: PathKey, message: str, hint: str | None = None) -> Problem:
        line, col = self.at(path)
        return Problem(display_path(self.file), line, col, message, hint)

    def key_problem(self, path: PathKey, message: str, hint: str | None = None) -> Problem:
        line, col = self.key_at(path)
        return Problem(display_path(self.file), line, col, message, hint)


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        _refuse_anchors(self)
        return super().compose_node(parent, index)


def _refuse_anchors(loader) -> None:
    if loader.check_event(AliasEvent):
        event = loader.peek_event()
        raise yaml.MarkedYAMLError(
            "while reading content", None,
            "aliases (*name) are not allowed in content files; write the value out",
            event.start_mark)
    event = loader.peek_event()
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        raise yaml.MarkedYAMLError(
            "while reading content", None,
            "anchors (&name) are not allowed in content files; write the value out",
            event.start_mark)


if getattr(yaml, "__with_libyaml__", False):
    class _FastNoAliasLoader(yaml.composer.Composer, yaml.cyaml.CParser, yaml.constructor.SafeConstructor,
                             yaml.resolver.Resolver):
        """``_NoAliasLoader`` with libyaml scanning and parsing: the same nodes, several times faster.

        The composing (and its refusal of anchors and aliases) is PyYAML's own Python code,
        fed with libyaml's events.
        """

        def compose_node(self, parent, index):
            _refuse_anchors(self)
            return yaml.composer.Composer.compose_node(self, parent, index)

        def __init__(self, stream):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            yaml.composer.Composer.__init__(self)

    class _CLoader(yaml.cyaml.CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml composing too: for text without '&' or '*', which can hold no anchor or alias."""

        def __init__(self, stream):
            yaml.cyaml.CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:                                          # pragma: no cover - PyYAML built without libyaml
    _FastNoAliasLoader = _CLoader = None

_NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
# Where libyaml and PyYAML read the same text differently (a tab, a byte-order mark or a line
# break other than \n, '?' before a space as in a complex key or anywhere in a flow
# collection, a block scalar header touching a '#', an empty value in a flow mapping, whose
# position they place one column apart): such files are read by PyYAML.
_LIBYAML_DIFFERS = re.compile("[\t\r\ufeff\x85\u2028\u2029]|\\?(?:\\s|$)|[|>][-+0-9]*#|:\\s*[,}\\]]")


def _libyaml_differs(text: str) -> bool:
    return bool(_LIBYAML_DIFFERS.search(text)) or ("?" in text and ("[" in text or "{" in text))


def _read_fast(path: Path, text: str) -> tuple[object, Positions] | None:
    """``read_yaml`` through libyaml when the file reads cleanly that way; None to read it with PyYAML.

    Any problem at all (a character PyYAML's reader refuses, a syntax error, an anchor, a
    duplicate key) is left to the pure-Python reader, so every message is exactly its own.
    """
    if _FastNoAliasLoader is None or _libyaml_differs(text) or _NON_PRINTABLE.search(text):
        return None
    positions = Positions(path)
    loader = None
    try:
        loader = _CLoader(text) if "&" not in text and "*" not in text else _FastNoAliasLoader(text)
        node = loader.get_single_node()
        if node is None:
            return None
        problems: list[Problem] = []
        data = _build(node, (), loader, positions, problems)
    except Exception:                          # noqa: BLE001 - whatever it is, PyYAML's reader reports it
        return None
    finally:
        if loader is not None:
            loader.dispose()
    return None if problems else (data, positions)


def read_yaml(path: Path, root: Path | None = None) -> tuple[object, Positions]:
    """Read one YAML file; raise ``ContentError`` with the file and line on any problem.

    With ``root``, the file (its symlinks resolved) must lie inside that folder. The parse of a
    file is kept for the rest of the build while its text stays the same: a long-lived build
    (``generator.warm``) parses again only the files that changed.
    """
    text = read_text(path, root)
    parsed = build_cache("load: yaml files")
    found = parsed.get(str(path))
    if found is not None and found[0] == text:
        return found[1]
    result = _parse(path, text)
    parsed[str(path)] = (text, result)
    return result


def _parse(path: Path, text: str) -> tuple[object, Positions]:
    fast = _read_fast(path, text)
    if fast is not None:
        return fast
    positions = Positions(path)
    loader = None
    try:
        loader = _NoAliasLoader(text)
        node = loader.get_single_node()
        if node is None:
            raise ContentError([Problem(display_path(path), 1, 1, "the file is empty",
                                        "a content file holds a YAML mapping of keys to values")])
        problems: list[Problem] = []
        data = _build(node, (), loader, positions, problems)
    except yaml.MarkedYAMLError as exc:
        raise ContentError([_yaml_problem(path, exc, text)]) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise ContentError([Problem(display_path(path), line, col,
                                    f"a control character (U+{exc.character:04X}) is in the file",
                                    "delete it; it was probably pasted in by accident")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(display_path(path), None, None, f"not valid YAML: {exc}")]) from None
    finally:
        if loader is not None:
            loader.dispose()
    if problems:
        raise ContentError(problems)
    return data, positions


def read_text(path: Path, root: Path | None = None) -> str:
    """The file's text, refusing what is not a small UTF-8 text file (a regular one, inside ``root``)."""
    def shown() -> str:
        return display_path(path)

    raw = safe_read_bytes(path, root, MAX_FILE_BYTES)
    if b"\x00" in raw:
        raise ContentError([Problem(shown(), None, None, "the file is binary, not YAML text")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError([Problem(shown(), line, None, "the file is not UTF-8 text",
                                    "save it as UTF-8 in your editor")]) from None
    return text


_INT_TAG, _FLOAT_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_NONZERO_DIGIT = re.compile("[1-9]")


def _number_problem(node) -> str | None:
    """Why a YAML number cannot be read as written (too long, beyond a float), or None."""
    if not isinstance(node, ScalarNode) or node.tag not in (_INT_TAG, _FLOAT_TAG):
        return None
    if len(node.value) > MAX_NUMBER_CHARS:
        return f"a number {len(node.value):,} characters long; the limit is {MAX_NUMBER_CHARS}"
    if node.tag == _FLOAT_TAG and not node.value.lower().lstrip("+-").startswith((".inf", ".nan")):
        number = float(node.value.replace("_", ""))
        if math.isinf(number):
            return f"{node.value} is too large for a number here (a float holds up to about 1.8e308)"
        if number == 0 and _NONZERO_DIGIT.search(node.value.lower().split("e")[0]):
            return f"{node.value} is too small for a number here (a float holds down to about 1e-308)"
    return None


def _build(node, path: PathKey, loader, positions: Positions, problems: list[Problem]):
    positions.table[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    number_problem = _number_problem(node)
    if number_problem:
        problems.append(Problem(display_path(positions.file), node.start_mark.line + 1,
                                node.start_mark.column + 1, number_problem))
        return None
    if isinstance(node, MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                problems.append(Problem(display_path(positions.file), key_node.start_mark.line + 1,
                                        key_node.start_mark.column + 1, "a key must be a plain word"))
                continue
            if _number_problem(key_node):
                problems.append(Problem(display_path(positions.file), key_node.start_mark.line + 1,
                                        key_node.start_mark.column + 1, _number_problem(key_node)))
                continue
            key = loader.construct_object(key_node)
            if key in result:
                first_line = positions.keys[path + (key,)][0]
                problems.append(Problem(display_path(positions.file), key_node.start_mark.line + 1,
                                        key_node.start_mark.column + 1,
                                        f"duplicate key '{key}' (first set on line {first_line})",
                                        "each key may appear once; remove or rename one of them"))
                continue
            positions.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _build(value_node, path + (key,), loader, positions, problems)
        return result
    if isinstance(node, SequenceNode):
        return [_build(child, path + (i,), loader, positions, problems) for i, child in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _yaml_problem(path: Path, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    message = exc.problem or exc.context or "not valid YAML"
    hint = None
    if line is not None:
        source_line = text.splitlines()[line - 1] if line - 1 < len(text.splitlines()) else ""
        leading = source_line[: len(source_line) - len(source_line.lstrip())]
        if "\t" in leading or ("tab" in message and "\t" in source_line):
            message = "a tab character is used for indentation"
            hint = "YAML indents with spaces only; replace the tab with spaces"
        elif "mapping values are not allowed" in message:
            hint = "a value containing ': ' must be quoted"
        elif "could not find expected ':'" in message:
            hint = "a key is missing its colon, or a quoted value is not closed"
    return Problem(display_path(path), line, col, message, hint)
