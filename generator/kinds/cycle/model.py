"""The ``cycle`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...model import SlideBase, Strict, Text


class CycleNode(Strict):
    label: Text
    text: Text | None = None


class CycleSlide(SlideBase):
    """Actors placed around a circle, each joined to the next by a connector."""

    kind: Literal["cycle"]
    nodes: list[CycleNode] = Field(min_length=3, max_length=6)
