"""The ``figures`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...model import FigureTile, SlideBase


class FiguresSlide(SlideBase):
    """Labelled numbers, as big-number tiles or as a native table."""

    kind: Literal["figures"]
    style: Literal["tiles", "table"] = "tiles"
    figures: list[FigureTile] = Field(min_length=1, max_length=12)
