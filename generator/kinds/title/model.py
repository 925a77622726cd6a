"""The ``title`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from typing import ClassVar, Literal

from ...model import SlideBase, Text


class TitleSlide(SlideBase):
    """The cover: title and subtitle on the template's title layout."""

    layout_role: ClassVar[str] = "title"
    kind: Literal["title"]
    subtitle: Text | None = None
