"""The ``links`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ...model import SlideBase, Strict, Text


class Link(Strict):
    text: Text | None = None
    url: str = Field(pattern=r"^(https?://|mailto:)\S+$")


class LinksSlide(SlideBase):
    """Clickable hyperlinks, each with an optional label."""

    layout_role: ClassVar[str] = "content"
    kind: Literal["links"]
    lead: Text | None = None
    links: list[Link] = Field(min_length=1, max_length=8)
