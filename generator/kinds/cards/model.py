"""The ``cards`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...model import Bullet, SlideBase, Strict, Text


class Card(Strict):
    heading: Text
    subheading: Text | None = None
    items: list[Bullet] = Field(default_factory=list, max_length=6)


class CardsSlide(SlideBase):
    """A row of cards, optionally with bullets that apply to all of them."""

    kind: Literal["cards"]
    cards: list[Card] = Field(min_length=1, max_length=6)
    items: list[Bullet] = Field(default_factory=list, max_length=6)
