"""The ``map`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, PrivateAttr

from ...model import SlideBase, Strict, Text


class Office(Strict):
    city: Text
    country: Text
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    label: Text | None = None
    detail: Text | None = None


class MapSlide(SlideBase):
    """Places on a world map drawn as shapes, pinned by projection."""

    kind: Literal["map"]
    basemap: str = Field("world-110m.json", description="Outline data inside the template or content directory.")
    offices: list[Office] = Field(min_length=1, max_length=12)
    caption: Text | None = None

    _basemap_path: Path | None = PrivateAttr(None)

    @property
    def basemap_path(self) -> Path | None:
        """Where the loader found ``basemap``."""
        return self._basemap_path
