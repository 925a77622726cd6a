"""read_yaml: safe YAML with 1-based positions, refusing what makes content ambiguous or dangerous."""

from __future__ import annotations


import pytest

from generator.errors import ContentError
from generator.load import yaml_source
from generator.load.yaml_source import MAX_FILE_BYTES, read_yaml


def write(tmp_path, text: str, name: str = "doc.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def only_problem(exc_info):
    problems = exc_info.value.problems
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# ---------------------------------------------------------------- positions

NESTED = """\
title: Top
group:
  inner:
    - first
    - name: second
      detail: deep
  other: 7
tail: end
"""


def test_data_is_plain_python(tmp_path):
    data, _ = read_yaml(write(tmp_path, NESTED))
    assert data == {"title": "Top",
                    "group": {"inner": ["first", {"name": "second", "detail": "deep"}], "other": 7},
                    "tail": "end"}


def test_positions_of_scalars_nested_keys_and_list_items(tmp_path):
    _, positions = read_yaml(write(tmp_path, NESTED))
    assert positions.at(()) == (1, 1)
    assert positions.at(("title",)) == (1, 8)                      # the value 'Top'
    assert positions.at(("group", "inner", 0)) == (4, 7)           # the item text after '- '
    assert positions.at(("group", "inner", 1)) == (5, 7)           # a mapping item starts at its first key
    assert positions.at(("group", "inner", 1, "name")) == (5, 13)
    assert positions.at(("group", "inner", 1, "detail")) == (6, 15)
    assert positions.at(("group", "other")) == (7, 10)
    assert positions.at(("tail",)) == (8, 7)


def test_unknown_path_falls_back_to_nearest_ancestor(tmp_path):
    _, positions = read_yaml(write(tmp_path, NESTED))
    assert positions.at(("group", "inner", 1, "no-such-key")) == (5, 7)
    assert positions.at(("group", "inner", 9)) == positions.at(("group", "inner"))
    assert positions.at(("nothing", "here")) == (1, 1)


def test_problem_from_positions_carries_file_line_and_col(tmp_path):
    path = write(tmp_path, NESTED)
    _, positions = read_yaml(path)
    problem = positions.problem(("group", "other"), "bad value", "a hint")
    assert (problem.line, problem.col) == (7, 10)
    assert str(problem).endswith("doc.yaml:7:10: bad value\n    hint: a hint")


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: caf\xc3\xa9\n")
    data, _ = read_yaml(path)
    assert data == {"title": "café"}


# ---------------------------------------------------------------- duplicates

def test_duplicate_key_names_both_lines(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, "title: a\nnotes: b\ntitle: c\n"))
    problem = only_problem(exc)
    assert (problem.line, problem.col) == (3, 1)
    assert "duplicate key 'title'" in problem.message
    assert "line 1" in problem.message


def test_duplicate_key_in_a_nested_mapping(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, "outer:\n  a: 1\n  b: 2\n  a: 3\n"))
    problem = only_problem(exc)
    assert problem.line == 4
    assert "duplicate key 'a' (first set on line 2)" in problem.message


def test_duplicate_keys_are_all_reported(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, "a: 1\nb: 2\na: 3\nb: 4\n"))
    assert [p.line for p in exc.value.problems] == [3, 4]


def test_duplicate_key_with_block_value_names_the_first_key_line(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, "items:\n  - x\n  - y\ntitle: t\nitems:\n  - z\n"))
    problem = only_problem(exc)
    assert problem.line == 5
    assert "(first set on line 1)" in problem.message


# ---------------------------------------------------------------- anchors and aliases

BILLION_LAUGHS = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
) + "\n"


def test_billion_laughs_is_refused_at_the_first_anchor_before_any_expansion(tmp_path):
    path = write(tmp_path, BILLION_LAUGHS)
    with pytest.raises(ContentError) as exc:
        read_yaml(path)
    problem = only_problem(exc)
    assert (problem.line, problem.col) == (1, 4)
    assert "anchors (&name) are not allowed" in problem.message


def test_alias_without_anchor_is_refused_with_its_position(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, "title: x\nnotes: *other\n"))
    problem = only_problem(exc)
    assert (problem.line, problem.col) == (2, 8)
    assert "aliases (*name) are not allowed" in problem.message


def test_anchor_on_a_nested_mapping_is_refused(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, "outer:\n  inner: &x {a: 1}\n"))
    assert only_problem(exc).line == 2


# ---------------------------------------------------------------- tabs and malformed YAML

def test_tab_indentation_gets_tab_message_and_hint(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, "items:\n  - a\n\t- b\n"))
    problem = only_problem(exc)
    assert problem.line == 3
    assert problem.message == "a tab character is used for indentation"
    assert "spaces" in problem.hint


def test_tab_inside_a_quoted_value_is_fine(tmp_path):
    data, _ = read_yaml(write(tmp_path, 'title: "a\tb"\n'))
    assert data == {"title": "a\tb"}


def test_unquoted_colon_gets_quoting_hint(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, "title: Note: this breaks\n"))
    problem = only_problem(exc)
    assert problem.line == 1
    assert problem.hint == "a value containing ': ' must be quoted"


def test_second_document_is_refused(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, "a: 1\n---\nb: 2\n"))
    assert only_problem(exc).line == 2


def test_non_scalar_key_is_refused(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, "ok: 1\n[a, b]: 2\n"))
    problem = only_problem(exc)
    assert (problem.line, problem.message) == (2, "a key must be a plain word")


# ---------------------------------------------------------------- what is not a YAML text file

@pytest.mark.parametrize("text", ["", "# only a comment\n", "   \n\n"])
def test_empty_file(tmp_path, text):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, text))
    problem = only_problem(exc)
    assert problem.message == "the file is empty"
    assert problem.line == 1


def test_non_utf8_file_names_the_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: ok\nnotes: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ContentError) as exc:
        read_yaml(path)
    problem = only_problem(exc)
    assert problem.message == "the file is not UTF-8 text"
    assert problem.line == 2
    assert "UTF-8" in problem.hint


def test_binary_file_with_nul_byte(tmp_path):
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(ContentError) as exc:
        read_yaml(path)
    assert only_problem(exc).message == "the file is binary, not YAML text"


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", 100)
    path = write(tmp_path, "title: " + "x" * 100 + "\n")
    with pytest.raises(ContentError) as exc:
        read_yaml(path)
    problem = only_problem(exc)
    assert "108 bytes" in problem.message and "the limit is 100" in problem.message


def test_real_size_limit(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"title: " + b"x" * (MAX_FILE_BYTES - 7) + b"\n")   # one byte over
    with pytest.raises(ContentError) as exc:
        read_yaml(path)
    assert f"{MAX_FILE_BYTES + 1:,} bytes" in only_problem(exc).message


def test_file_at_the_size_limit_is_read(tmp_path):
    path = tmp_path / "edge.yaml"
    path.write_bytes(b"title: " + b"x" * (MAX_FILE_BYTES - 8) + b"\n")
    data, _ = read_yaml(path)
    assert len(data["title"]) == MAX_FILE_BYTES - 8


def test_missing_file_is_a_content_error(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(tmp_path / "absent.yaml")
    assert "cannot read the file" in only_problem(exc).message


def test_raw_control_character_is_a_content_error(tmp_path):
    with pytest.raises(ContentError) as exc:
        read_yaml(write(tmp_path, "title: ok\nnotes: bell\x07 here\n"))
    assert only_problem(exc).line == 2


# ---------------------------------------------------------------- numbers

def test_a_number_past_the_length_limit_is_refused_before_it_is_converted(tmp_path):
    digits = "1" * (yaml_source.MAX_NUMBER_CHARS + 1)
    with pytest.raises(ContentError) as caught:
        read_yaml(write(tmp_path, f"value: {digits}\n"))
    problem = only_problem(caught)
    assert (problem.line, problem.col) == (1, 8)
    assert problem.message == f"a number {len(digits)} characters long; the limit is {yaml_source.MAX_NUMBER_CHARS}"


def test_a_number_at_the_length_limit_is_read(tmp_path):
    digits = "1" * yaml_source.MAX_NUMBER_CHARS
    assert read_yaml(write(tmp_path, f"value: {digits}\n"))[0] == {"value": int(digits)}


def test_a_five_thousand_digit_key_is_refused(tmp_path):
    with pytest.raises(ContentError) as caught:
        read_yaml(write(tmp_path, "? " + "1" * 5000 + "\n: x\n"))
    assert "the limit is" in only_problem(caught).message


@pytest.mark.parametrize("text,message", [("1.0e+400", "1.0e+400 is too large for a number here"),
                                          ("-1.5e+999", "-1.5e+999 is too large for a number here"),
                                          ("1.0e-999", "1.0e-999 is too small for a number here")])
def test_a_float_beyond_a_float_is_refused(tmp_path, text, message):
    with pytest.raises(ContentError) as caught:
        read_yaml(write(tmp_path, f"value: {text}\n"))
    assert only_problem(caught).message.startswith(message)


@pytest.mark.parametrize("text,value", [("0.0", 0.0), ("0.000e+10", 0.0), ("1_000.5", 1000.5), (".inf", float("inf"))])
def test_floats_a_float_holds_are_read(tmp_path, text, value):
    assert read_yaml(write(tmp_path, f"value: {text}\n"))[0] == {"value": value}


def test_a_fifo_is_refused_without_blocking(tmp_path):
    import os

    os.mkfifo(tmp_path / "doc.yaml")
    with pytest.raises(ContentError) as caught:
        read_yaml(tmp_path / "doc.yaml", tmp_path)
    assert only_problem(caught).message == "a FIFO (named pipe), not a regular file"
