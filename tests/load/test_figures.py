"""figures.yaml: values, derived expressions (a small AST walker, never eval) and consistency rules."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.load.figures import ExprError, eval_expr, expr_names, load_figures, parse_expr
from generator.load.yaml_source import read_yaml

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "content" / "figures.yaml"


def load_text(tmp_path, text: str):
    path = tmp_path / "figures.yaml"
    path.write_text(text, encoding="utf-8")
    return load_figures(*read_yaml(path))


def problems_for(tmp_path, text: str) -> list:
    with pytest.raises(ContentError) as exc:
        load_text(tmp_path, text)
    return exc.value.problems


def one_problem(tmp_path, text: str):
    problems = problems_for(tmp_path, text)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def real_figures_with(tmp_path, old: str, new: str):
    text = REAL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "figures.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# ---------------------------------------------------------------- the real figures

@pytest.fixture(scope="module")
def real():
    return load_figures(*read_yaml(REAL))


def test_derived_values(real):
    assert real["iec.family"].value == 171
    assert real["casco.members.national"].value == 162
    assert real["casco.members.national"].value == real["iso.members"].value


def test_plain_values_and_metadata(real):
    assert real["iso.standards"].value == 22000
    assert real["iso.standards"].qualifier == "more_than"
    assert real["iec.ca_certificates"].value == 1_000_000
    assert real["iec.experts"].unit == "experts"


def test_the_lost_figure_has_no_value_and_is_the_only_one(real):
    figure = real["iec.system_committees"]
    assert figure.value is None
    assert figure.missing
    assert str(figure) == "\u2014"
    assert [f.key for f in real.missing()] == ["iec.system_committees"]


def test_figure_lines_point_into_their_entry(real):
    lines = REAL.read_text(encoding="utf-8").splitlines()
    family = real["iec.family"].line
    assert "family:" in "\n".join(lines[family - 2:family])
    assert "expr: iec.members + iec.affiliates" in "\n".join(lines[family - 1:family + 1])
    assert 65 <= real["iec.system_committees"].line <= 68        # key at 65, first field at 68


def test_figure_line_is_the_line_of_its_key(real):
    assert real["iec.system_committees"].line == 66
    assert real["iec.family"].line == 55


def test_namespace_nests_groups(real):
    ns = real.namespace()
    assert ns["casco"]["members"]["full"] is real["casco.members.full"]
    assert ns["iso"]["members"].value == 162


def test_the_rule_is_loaded(real):
    assert [r.name for r in real.rules] == ["CASCO national members equal ISO members"]


# ---------------------------------------------------------------- rules

def test_broken_rule_names_rule_values_and_line(tmp_path):
    path = real_figures_with(tmp_path, "value: 120", "value: 121")
    with pytest.raises(ContentError) as exc:
        load_figures(*read_yaml(path))
    assert len(exc.value.problems) == 1
    problem = exc.value.problems[0]
    assert problem.path.endswith("figures.yaml")
    assert problem.line == 132                  # the rule's 'check:' line
    assert "rule 'CASCO national members equal ISO members' does not hold" in problem.message
    assert "casco.members.national = 163" in problem.message
    assert "iso.members = 162" in problem.message


def test_rule_over_a_missing_value_is_not_a_failure(tmp_path):
    table = load_text(tmp_path, "a:\n  x:\n    unit: things\n  y:\n    value: 3\n"
                                "rules:\n  - name: r\n    check: a.x == a.y\n")
    assert table["a.x"].missing


def test_rule_that_is_not_a_comparison(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    value: 1\nrules:\n  - name: r\n    check: a.x + 1\n")
    assert problem.line == 6
    assert problem.message == "rule 'r': 'a.x + 1' is not a comparison"


def test_rule_with_an_unknown_figure(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    value: 1\nrules:\n  - name: r\n    check: a.y == 1\n")
    assert problem.message == "rule 'r': unknown figure 'a.y'"


def test_rules_must_be_a_list(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    value: 1\nrules: nope\n")
    assert problem.message == "rules must be a list of {name, check}"


# ---------------------------------------------------------------- derived figures

def test_expr_chain_is_resolved_in_any_order(tmp_path):
    table = load_text(tmp_path, "d:\n  total:\n    expr: d.half * 2 - 1\n  half:\n    expr: d.base / 2\n"
                                "  base:\n    value: 10\n")
    assert table["d.half"].value == 5
    assert table["d.total"].value == 9


def test_expr_over_a_missing_value_has_no_value(tmp_path):
    table = load_text(tmp_path, "a:\n  x:\n    unit: u\n  y:\n    expr: a.x + 1\n")
    assert table["a.y"].value is None
    assert {f.key for f in table.missing()} == {"a.x", "a.y"}


def test_self_cycle_is_named(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    expr: a.x + 1\n")
    assert problem.line == 3
    assert "a cycle among derived figures: a.x -> a.x" in problem.message


def test_two_figure_cycle_is_detected_and_named(tmp_path):
    problems = problems_for(tmp_path, "a:\n  x:\n    expr: b.y\nb:\n  y:\n    expr: a.x\n")
    assert any("a cycle among derived figures" in p.message and "a.x" in p.message and "b.y" in p.message
               for p in problems), [str(p) for p in problems]


def test_unknown_figure_in_expr_with_did_you_mean(tmp_path):
    problem = one_problem(tmp_path, "a:\n  base:\n    value: 1\n  y:\n    expr: a.bse + 1\n")
    assert problem.line == 5
    assert "unknown figure 'a.bse'" in problem.message
    assert "did you mean 'a.base'?" in problem.message


@pytest.mark.parametrize("expr", [
    "__import__('os')",
    "__import__('os').system('touch PWNED')",
    "open('/etc/passwd').read()",
    "a.x ** 2",
    "[a.x]",
    "a.x if a.x else 1",
    "lambda: 1",
    "'text'",
    "+a.x",
])
def test_anything_but_arithmetic_is_refused(tmp_path, monkeypatch, expr):
    monkeypatch.chdir(tmp_path)
    problem = one_problem(tmp_path, f"a:\n  x:\n    value: 2\n  y:\n    expr: \"{expr}\"\n")
    assert problem.line == 5
    assert problem.message.startswith("figure 'a.y': ")
    assert "is not allowed" in problem.message or "unknown figure" in problem.message
    assert not (tmp_path / "PWNED").exists()


def test_attribute_of_a_non_figure_is_refused_not_evaluated(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    expr: \"(1).real\"\n")
    assert problem.line == 3
    assert problem.message.startswith("figure 'a.x': ")


def test_attribute_of_a_non_figure_gets_a_sensible_message(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    expr: \"(1).real\"\n")
    assert "None" not in problem.message
    assert "not allowed" in problem.message


def test_dunder_attribute_of_a_figure_is_an_unknown_figure(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    value: 1\n  y:\n    expr: a.x.__class__\n")
    assert "unknown figure 'a.x.__class__'" in problem.message


def test_expr_syntax_error(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    value: 1\n  y:\n    expr: \"a.x +\"\n")
    assert problem.message == "figure 'a.y': 'a.x +' is not an arithmetic expression"


def test_division_by_zero_is_a_content_error(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    value: 1\n  zero:\n    value: 0\n  y:\n    expr: a.x / a.zero\n")
    assert problem.line == 7


def test_eval_expr_never_calls_lookup_for_refused_nodes():
    calls = []
    with pytest.raises(ExprError):
        eval_expr(parse_expr("__import__('os')"), lambda name: calls.append(name))
    assert calls == []


def test_expr_names_keeps_maximal_dotted_names():
    assert expr_names(parse_expr("casco.members.full + casco.members.correspondent - 1")) == [
        "casco.members.full", "casco.members.correspondent"]


# ---------------------------------------------------------------- entries

def test_value_that_is_not_a_number_is_an_error_at_its_line(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    unit: u\n    value: ten\n")
    assert (problem.line, problem.col) == (4, 12)
    assert problem.message == "figure 'a.x': value 'ten' is not a number"


def test_nan_is_not_a_number(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    value: .nan\n")
    assert "is not a number" in problem.message


def test_boolean_value_is_not_a_number(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    value: true\n")
    assert "is not a number" in problem.message


def test_decimal_values_stay_exact(tmp_path):
    table = load_text(tmp_path, "a:\n  x:\n    value: 0.1\n  y:\n    expr: a.x * 3\n")
    assert table["a.y"].value == Decimal("0.3")


def test_value_and_expr_together(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    value: 1\n    expr: '2'\n")
    assert problem.message == "figure 'a.x' has both a value and an expr; keep one"


def test_unknown_entry_key_with_did_you_mean(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    valeu: 1\n")
    assert problem.message == "figure 'a.x' has an unknown key 'valeu'"
    assert problem.hint == "did you mean 'value'?"


def test_entry_that_is_not_a_mapping(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x: 5\n  y:\n    value: 1\n")
    assert problem.message == "figure 'a.x' must be a mapping with a value or an expr"
    assert problem.line == 2


def test_figures_file_that_is_not_a_mapping(tmp_path):
    assert one_problem(tmp_path, "- 1\n- 2\n").message == "figures.yaml must be a mapping of groups to figures"


def test_bad_source_url(tmp_path):
    problem = one_problem(tmp_path, "a:\n  x:\n    value: 1\n    source: www.iso.org\n")
    assert problem.line == 4
    assert problem.message.startswith("figure 'a.x', source:")


# ---------------------------------------------------------------- finite decimals, bounded expressions

@pytest.mark.parametrize("value,message", [
    (".nan", "is not a number"), (".inf", "is not a number"),
    ("1234567890123456", "the value has more than 15 digits (the limit)"),
    ('"1' + "0" * 5000 + '"', "the value has more than 15 digits (the limit)"),
    ("1234567890.123456", "the value has more than 15 digits (the limit)"),
    ("1e-999", "the value is too small for a float to hold"),
    ("1.0e+400", "1.0e+400 is too large for a number here"),
])
def test_a_value_is_a_finite_decimal_a_float_holds(tmp_path, value, message):
    problem = one_problem(tmp_path, f"g:\n  x:\n    value: {value}\n")
    assert message in problem.message
    assert problem.line == 3


@pytest.mark.parametrize("value,expected", [("123456789012345", 123456789012345), ("0.5", Decimal("0.5")),
                                            ("12345678901234.5", Decimal("12345678901234.5"))])
def test_values_at_the_digit_limit_are_read(tmp_path, value, expected):
    assert load_text(tmp_path, f"g:\n  x:\n    value: {value}\n")["g.x"].value == expected


@pytest.mark.parametrize("expr,message", [
    ("1" + " + 1" * 50_000, "the expression is 200,001 characters long; the limit is 200"),
    ("(" * 10_000 + "1" + ")" * 10_000, "the limit is 200"),
    ("(" * 11 + "1" + ")" * 11, "brackets are nested 11 deep; the limit is 10"),
    ("999999999999999 * 999999999999999", "'999999999999999 * 999999999999999' has more than 15 digits"),
    ("1e308 * 10 - 1e308 * 10", "a number written in the expression has more than 15 digits (the limit)"),
    ("1e400 - 1e400", "a number written in the expression is not a finite number"),
])
def test_an_expression_is_bounded_and_its_values_finite(tmp_path, expr, message):
    problem = one_problem(tmp_path, f"g:\n  a:\n    value: 2\n  x:\n    expr: {expr}\n")
    assert message in problem.message, problem.message
    assert problem.line == 5


def test_a_quotient_may_have_more_digits_after_the_point(tmp_path):
    figures = load_text(tmp_path, "g:\n  a:\n    value: 1\n  x:\n    expr: g.a / 3\n")
    assert figures["g.x"].value == pytest.approx(1 / 3)


def test_an_int_quotient_beyond_a_float_is_an_error_not_a_crash():
    big = ast_of("g.a * g.a * g.a * g.a * g.a * g.a * g.a * g.a * g.a * g.a * g.a * g.a * g.a * g.a * g.a * "
                 "g.a * g.a * g.a * g.a * g.a * g.a * g.a * g.a / 1")
    with pytest.raises(ExprError):
        eval_expr(big, lambda name: 10 ** 14)


def ast_of(text: str):
    return parse_expr(text)
