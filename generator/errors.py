"""The one error path: every problem a user can fix is a ``DeckError``.

The CLI prints a ``DeckError`` without a traceback and exits 1. Anything else is an
internal error (exit 2). Validation collects ``Problem`` objects and raises them together
as a ``ContentError`` so a user sees every mistake of a run at once.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the input, with the place it was found."""

    path: str
    line: int | None
    col: int | None
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.col is not None:
                where += f":{self.col}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class DeckError(Exception):
    """A problem the user can fix; printed without a traceback."""


class ContentError(DeckError):
    """One or more problems found while loading or validating input."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=_problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))


def _problem_order(problem: Problem) -> tuple:
    return (problem.path, problem.line or 0, problem.col or 0, problem.message)


class ProblemCollector:
    """Collects problems across a whole run and raises them once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, path: Path | str, line: int | None, col: int | None, message: str,
            hint: str | None = None) -> None:
        self.problems.append(Problem(display_path(path), line, col, message, hint))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ContentError(self.problems)


def did_you_mean(word: str, choices, what: str = "") -> str | None:
    """A hint naming the closest known choice, or None when nothing is close."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if what and choices:
        return f"known {what}: " + ", ".join(sorted(str(c) for c in choices))
    return None


def display_path(path: Path | str) -> str:
    """A path as a user wants to read it: relative to the current directory when below it."""
    absolute = Path(os.path.abspath(path))      # not resolve(): name a symlink, not its target
    try:
        return str(absolute.relative_to(Path(os.path.abspath(Path.cwd()))))
    except ValueError:
        return str(path)


class Warnings:
    """Warnings of one run. With ``strict`` they fail the run like errors do."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, problem: Problem) -> None:
        if problem not in self.items:
            self.items.append(problem)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_strict(self, strict: bool) -> None:
        if strict and self.items:
            raise ContentError([Problem(p.path, p.line, p.col, p.message + " (an error with --strict)", p.hint)
                                for p in self.items])
