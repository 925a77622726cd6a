"""Figures as data: values, derived expressions and consistency rules from ``figures.yaml``.

Keys are dotted paths grouped by organisation (``iso.members``, ``casco.members.full``).
An entry has a ``value`` or an ``expr`` (arithmetic over other keys, evaluated here with a
small AST walker, never Python's ``eval``). ``rules`` are comparisons that must hold.
A figure may deliberately have no value: it renders as a placeholder and is reported.
"""

from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from pydantic import ValidationError

from ..errors import ContentError, Problem, did_you_mean, display_path
from ..limits import MAX_FIGURE_DIGITS
from ..sandbox import bracket_depth_problem
from .yaml_source import Positions
from ..model import FigureEntry, Rule

ENTRY_KEYS = set(FigureEntry.model_fields)
_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
            ast.Gt: operator.gt, ast.GtE: operator.ge}


@dataclass
class Figure:
    """One resolved figure, as templates, tables and charts see it."""

    key: str
    entry: FigureEntry
    value: int | Decimal | float | None
    line: int | None = None

    @property
    def qualifier(self):
        return self.entry.qualifier

    @property
    def unit(self):
        return self.entry.unit

    @property
    def missing(self) -> bool:
        return self.value is None

    def __str__(self) -> str:  # a bare {{ figure }} still shows something sensible
        return "\u2014" if self.value is None else str(self.value)


@dataclass
class FigureTable:
    """All figures of a deck, resolved, with where each was defined."""

    path: Path
    figures: dict[str, Figure] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]

    def __contains__(self, key: str) -> bool:
        return key in self.figures

    def missing(self) -> list[Figure]:
        return [f for f in self.figures.values() if f.missing]

    def inputs(self) -> set[str]:
        """Keys that derived figures or rules are computed from."""
        names: set[str] = set()
        for figure in self.figures.values():
            if figure.entry.expr:
                names.update(expr_names(parse_expr(figure.entry.expr)))
        for rule in self.rules:
            names.update(expr_names(parse_expr(rule.check)))
        return names

    def namespace(self) -> dict:
        """Nested dicts of ``Figure`` for templates: ``{'iso': {'members': Figure}}``."""
        tree: dict = {}
        for key, figure in self.figures.items():
            node = tree
            *groups, last = key.split(".")
            for group in groups:
                node = node.setdefault(group, {})
            node[last] = figure
        return tree


def load_figures(data: object, positions: Positions) -> FigureTable:
    """Validate ``figures.yaml`` data, evaluate derived figures and check the rules."""
    problems: list[Problem] = []
    table = FigureTable(positions.file)
    if not isinstance(data, dict):
        raise ContentError([positions.problem((), "figures.yaml must be a mapping of groups to figures")])
    entries: dict[str, tuple[FigureEntry, tuple]] = {}
    broken: set[str] = set()
    for group, body in data.items():
        if group == "rules":
            table.rules = _load_rules(body, positions, problems)
            continue
        _collect_entries(body, (group,), positions, entries, problems, broken)
    values = _evaluate(entries, positions, problems, broken)
    for key, (entry, path) in entries.items():
        table.figures[key] = Figure(key, entry, values.get(key), positions.key_at(path)[0])
    _check_rules(table, positions, problems, broken)
    if problems:
        raise ContentError(problems)
    return table


def _collect_entries(body, path: tuple, positions: Positions, entries: dict, problems: list[Problem],
                     broken: set[str]) -> None:
    key = ".".join(str(p) for p in path)
    if not isinstance(body, dict):
        problems.append(positions.problem(path, f"figure '{key}' must be a mapping with a value or an expr",
                                          f"write e.g. '{path[-1]}: {{value: 162, source: https://…, as_of: 2024-01-01}}'"))
        return
    if set(body) & {"value", "expr"} or not any(isinstance(v, dict) for v in body.values()):
        try:
            entry = FigureEntry.model_validate(body)
        except ValidationError as exc:
            for error in exc.errors():
                where = path + tuple(error["loc"][:1])
                field_name = error["loc"][0] if error["loc"] else ""
                message = _figure_error(key, field_name, error, body)
                hint = did_you_mean(field_name, ENTRY_KEYS, "keys") if error["type"] == "extra_forbidden" else None
                problems.append(positions.problem(where, message, hint))
            broken.add(key)
            return
        if entry.value is not None and entry.expr is not None:
            problems.append(positions.problem(path, f"figure '{key}' has both a value and an expr; keep one"))
        value_problem = number_problem(entry.value)
        if value_problem:
            problems.append(positions.problem(path + ("value",), f"figure '{key}': the value {value_problem}"))
            broken.add(key)
            return
        entries[key] = (entry, path)
        return
    for name, child in body.items():
        _collect_entries(child, path + (name,), positions, entries, problems, broken)


def _figure_error(key: str, field_name, error: dict, body: dict) -> str:
    if error["type"] == "extra_forbidden":
        return f"figure '{key}' has an unknown key '{field_name}'"
    if field_name == "value":
        return f"figure '{key}': value {body.get('value')!r} is not a number"
    return f"figure '{key}', {field_name}: {error['msg']}"


def _load_rules(body, positions: Positions, problems: list[Problem]) -> list[Rule]:
    rules = []
    if not isinstance(body, list):
        problems.append(positions.problem(("rules",), "rules must be a list of {name, check}"))
        return rules
    for i, item in enumerate(body):
        try:
            rules.append(Rule.model_validate(item))
        except ValidationError as exc:
            problems.append(positions.problem(("rules", i), f"rule {i + 1}: {exc.errors()[0]['msg']}"))
    return rules


# ---------------------------------------------------------------- safe expressions

class ExprError(Exception):
    pass


def number_problem(value, computed: bool = False) -> str | None:
    """Why ``value`` cannot be a figure (not finite, too many digits, beyond a float), or None.

    Figures are finite decimals a float can hold, of at most ``MAX_FIGURE_DIGITS`` digits:
    the charts' data are floats, and a longer number could not be shown as written. A
    ``computed`` value (a quotient) may have more digits after the point, not before it.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value):
            return "is not a finite number"
        value = Decimal(repr(value))
    if isinstance(value, int):
        if abs(value) >= 10 ** MAX_FIGURE_DIGITS:
            return f"has more than {MAX_FIGURE_DIGITS} digits (the limit)"
        return None
    if not value.is_finite():
        return "is not a finite number"
    whole_digits = max(value.adjusted() + 1, 0)
    written_digits = 0 if computed else len(value.normalize().as_tuple().digits)
    if max(written_digits, whole_digits) > MAX_FIGURE_DIGITS:
        return f"has more than {MAX_FIGURE_DIGITS} digits (the limit)"
    if not computed and value != 0 and float(value) == 0:
        return "is too small for a float to hold"
    return None


def parse_expr(text: str) -> ast.AST:
    too_large = bracket_depth_problem(text)
    if too_large:
        raise ExprError(too_large)
    try:
        return ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise ExprError(f"'{text}' is not an arithmetic expression") from None


def expr_names(node: ast.AST) -> list[str]:
    """The figure keys an expression refers to, in order."""
    names = []
    for child in ast.walk(node):
        if isinstance(child, (ast.Name, ast.Attribute)):
            dotted = _dotted(child)
            if dotted and not any(dotted.startswith(n + ".") for n in names):
                names.append(dotted)
    # keep only maximal dotted names (iso.members, not iso)
    return [n for n in names if not any(m != n and m.startswith(n + ".") for m in names)]


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def eval_expr(node: ast.AST, lookup) -> object:
    """Evaluate numbers, figure keys, + - * / and comparisons; refuse everything else.

    Every number met, written or computed, must be a finite one a float holds (``number_problem``).
    """
    value = _eval(node, lookup)
    problem = None if isinstance(value, bool) else number_problem(value, computed=not isinstance(node, ast.Constant))
    if problem and isinstance(node, ast.Constant):
        raise ExprError(f"a number written in the expression {problem}")
    if problem:
        raise ExprError(f"'{ast.unparse(node)}' {problem}")
    return value


def _eval(node: ast.AST, lookup) -> object:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, (ast.Name, ast.Attribute)):
        name = _dotted(node)
        if name is None:
            raise ExprError(f"'{ast.unparse(node)}' is not allowed; use numbers, figure keys, + - * / and comparisons")
        return lookup(name)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        left, right = eval_expr(node.left, lookup), eval_expr(node.right, lookup)
        if left is None or right is None:
            return None
        if isinstance(node.op, ast.Div) and right == 0:
            raise ExprError(f"'{ast.unparse(node)}' divides by zero")
        try:
            return _BINARY[type(node.op)](_num(left), _num(right))
        except ArithmeticError:          # an int quotient beyond a float, a decimal overflow
            raise ExprError(f"'{ast.unparse(node)}' is too large to compute") from None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = eval_expr(node.operand, lookup)
        return None if value is None else -value
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE:
        left, right = eval_expr(node.left, lookup), eval_expr(node.comparators[0], lookup)
        if left is None or right is None:
            return None
        return _COMPARE[type(node.ops[0])](_num(left), _num(right))
    raise ExprError(f"'{ast.unparse(node)}' is not allowed; use numbers, figure keys, + - * / and comparisons")


def _num(value):
    return Decimal(value) if isinstance(value, float) else value


def _evaluate(entries: dict, positions: Positions, problems: list[Problem],
              broken: set[str] = frozenset()) -> dict[str, object]:
    values: dict[str, object] = {}
    parsed: dict[str, ast.AST] = {}
    for key, (entry, path) in entries.items():
        if entry.expr is None:
            values[key] = entry.value
            continue
        try:
            parsed[key] = parse_expr(entry.expr)
        except ExprError as exc:
            problems.append(positions.problem(path + ("expr",), f"figure '{key}': {exc}"))
    def resolve(key: str, chain: tuple[str, ...]):
        if key in values:
            return values[key]
        if key in chain:
            cycle = chain[chain.index(key):] + (key,)
            raise ExprError("a cycle among derived figures: " + " -> ".join(cycle))

        def lookup(name: str):
            if name in broken:
                return None          # already reported where it is defined
            if name not in entries:
                raise ExprError(f"unknown figure '{name}'"
                                + (f" ({did_you_mean(name, entries)})" if did_you_mean(name, entries) else ""))
            if name not in parsed and name not in values:
                return None
            return resolve(name, chain + (key,))

        values[key] = eval_expr(parsed[key], lookup)
        return values[key]

    for key in parsed:
        try:
            resolve(key, ())
        except ExprError as exc:
            entry, path = entries[key]
            problems.append(positions.problem(path + ("expr",), f"figure '{key}': {exc}"))
            values.setdefault(key, None)
    return values


def _check_rules(table: FigureTable, positions: Positions, problems: list[Problem], broken: set[str]) -> None:
    for i, rule in enumerate(table.rules):
        where = ("rules", i, "check")
        try:
            node = parse_expr(rule.check)
            if not isinstance(node, ast.Compare):
                raise ExprError(f"'{rule.check}' is not a comparison")

            def lookup(name: str):
                if name not in table:
                    if name in broken:
                        return None
                    raise ExprError(f"unknown figure '{name}'")
                return table[name].value

            holds = eval_expr(node, lookup)
        except ExprError as exc:
            problems.append(positions.problem(where, f"rule '{rule.name}': {exc}"))
            continue
        if holds is False:
            sides = [ast.unparse(node.left), ast.unparse(node.comparators[0])]
            shown = ", ".join(f"{s} = {_show(eval_expr(parse_expr(s), lambda n: table[n].value))}" for s in sides)
            problems.append(positions.problem(where, f"rule '{rule.name}' does not hold: {rule.check} ({shown})",
                                              "update the figures so the rule holds, or fix the rule"))


def _show(value) -> str:
    return "no value" if value is None else str(value)


def missing_value_warning(figures: FigureTable, key: str, slide_ids: list[str]) -> Problem:
    return Problem(display_path(figures.path), figures[key].line, None,
                   f"figure '{key}' has no value; {', '.join(slide_ids)} show '\u2014' in its place",
                   "add its value to figures.yaml when the source gives it")
