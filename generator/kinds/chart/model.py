"""The ``chart`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...model import FigureTile, SlideBase, Strict, Text


class ChartPoint(Strict):
    label: Text
    figure: str = Field(description="The figure key whose value this point shows.")


class ChartSlide(SlideBase):
    """A native, editable chart whose data are figures, with an optional table beside it."""

    kind: Literal["chart"]
    chart_type: Literal["doughnut", "pie", "bar", "column"] = "doughnut"
    chart_title: Text | None = None
    series_name: Text
    points: list[ChartPoint] = Field(min_length=1, max_length=12)
    table: list[FigureTile] = Field(default_factory=list, max_length=8)
