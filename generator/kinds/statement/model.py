"""The ``statement`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ...model import SlideBase, Text


class StatementSlide(SlideBase):
    """A message in large type: an optional equation, a statement and a caption."""

    layout_role: ClassVar[str] = "section"
    kind: Literal["statement"]
    equation: list[Text] = Field(default_factory=list, max_length=9,
                                 description="Terms and operators in reading order, e.g. [A, '+', B, '=', C].")
    statement: Text | None = None
    caption: Text | None = None
