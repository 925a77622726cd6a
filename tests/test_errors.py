"""Problems as users read them: place, message and hint; collected, sorted and raised once."""

from __future__ import annotations

import os

import pytest

from generator.errors import (ContentError, DeckError, Problem, ProblemCollector, Warnings, did_you_mean,
                              display_path)


def test_a_problem_names_its_place_as_far_as_it_is_known():
    assert str(Problem("deck.yaml", None, None, "bad")) == "deck.yaml: bad"
    assert str(Problem("deck.yaml", 3, None, "bad")) == "deck.yaml:3: bad"
    assert str(Problem("deck.yaml", 3, 7, "bad")) == "deck.yaml:3:7: bad"


def test_a_hint_goes_on_its_own_indented_line():
    assert str(Problem("a.yaml", 1, 2, "unknown kind", "did you mean 'bullets'?")) == \
        "a.yaml:1:2: unknown kind\n    hint: did you mean 'bullets'?"


def test_a_content_error_lists_each_problem_once_in_file_and_line_order():
    late = Problem("b.yaml", 2, None, "late")
    early = Problem("a.yaml", 9, None, "early")
    no_line = Problem("a.yaml", None, None, "whole file")
    error = ContentError([late, early, late, no_line])
    assert error.problems == [no_line, early, late]
    assert str(error) == "a.yaml: whole file\na.yaml:9: early\nb.yaml:2: late"
    assert isinstance(error, DeckError)


def test_the_collector_raises_only_when_something_was_added(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    problems = ProblemCollector()
    problems.raise_if_any()
    problems.add(tmp_path / "slides" / "x.yaml", 4, 2, "too long", "shorten it")
    problems.extend([Problem("deck.yaml", 1, None, "no title")])
    with pytest.raises(ContentError) as caught:
        problems.raise_if_any()
    assert [str(p) for p in caught.value.problems] == [
        "deck.yaml:1: no title", f"{os.path.join('slides', 'x.yaml')}:4:2: too long\n    hint: shorten it"]


def test_did_you_mean_names_the_closest_choice_or_lists_them_all():
    assert did_you_mean("bulets", ["bullets", "cards", "chart"]) == "did you mean 'bullets'?"
    assert did_you_mean("zzz", ["cards", "bullets"], "kinds") == "known kinds: bullets, cards"
    assert did_you_mean("zzz", ["cards", "bullets"]) is None
    assert did_you_mean("zzz", [], "kinds") is None


def test_display_path_is_relative_below_the_working_directory_and_as_given_elsewhere(tmp_path, monkeypatch):
    work = tmp_path / "work"
    (work / "content").mkdir(parents=True)
    monkeypatch.chdir(work)
    assert display_path(work / "content" / "deck.yaml") == os.path.join("content", "deck.yaml")
    outside = tmp_path / "elsewhere" / "deck.yaml"
    assert display_path(outside) == str(outside)


def test_display_path_names_a_symlink_not_its_target(tmp_path, monkeypatch):
    target = tmp_path / "real"
    target.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    (work / "link").symlink_to(target, target_is_directory=True)
    monkeypatch.chdir(work)
    assert display_path(work / "link" / "x.po") == os.path.join("link", "x.po")


def test_warnings_keep_each_problem_once_and_fail_only_a_strict_run():
    warnings = Warnings()
    unused = Problem("figures.yaml", 5, None, "figure 'x' is not used", "remove it")
    warnings.add(unused)
    warnings.add(Problem("figures.yaml", 5, None, "figure 'x' is not used", "remove it"))
    assert len(warnings) == 1 and list(warnings) == [unused]
    warnings.raise_if_strict(False)
    with pytest.raises(ContentError) as caught:
        warnings.raise_if_strict(True)
    assert [str(p) for p in caught.value.problems] == [
        "figures.yaml:5: figure 'x' is not used (an error with --strict)\n    hint: remove it"]
    Warnings().raise_if_strict(True)
