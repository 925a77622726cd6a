"""The ``columns`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...model import Bullet, SlideBase, Strict, Text


class Column(Strict):
    heading: Text
    items: list[Bullet] = Field(min_length=1, max_length=8)


class ColumnsSlide(SlideBase):
    """Two or three titled columns of bullets."""

    kind: Literal["columns"]
    columns: list[Column] = Field(min_length=2, max_length=3)
