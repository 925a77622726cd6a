"""The ``bullets`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ...model import Bullet, SlideBase, Text


class BulletsSlide(SlideBase):
    """A title and nested bullets, optionally after a lead line."""

    layout_role: ClassVar[str] = "content"
    kind: Literal["bullets"]
    lead: Text | None = None
    items: list[Bullet] = Field(min_length=1, max_length=12)
