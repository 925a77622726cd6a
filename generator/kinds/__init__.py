"""The slide kinds: one folder each, holding the kind's content model and its renderer.

``generator/kinds/<kind>/model.py`` says what a slide file of that kind holds (a pydantic
class whose ``kind`` is ``Literal["<kind>"]``); ``generator/kinds/<kind>/render.py`` draws it
(``render(page, slide, ctx)``). A new kind is a new folder and one line in ``KINDS``.

This package's own modules (this file and every ``model.py``) sit with the content model,
below the loader; the ``render.py`` modules sit with the renderers (``generator/render/``).
"""

from __future__ import annotations

import typing
from typing import Annotated, Union

from pydantic import Field

from ..model import SlideBase
from .bullets.model import BulletsSlide
from .cards.model import Card, CardsSlide
from .chart.model import ChartPoint, ChartSlide
from .columns.model import Column, ColumnsSlide
from .cycle.model import CycleNode, CycleSlide
from .figures.model import FiguresSlide
from .links.model import Link, LinksSlide
from .map.model import MapSlide, Office
from .matrix.model import MatrixCell, MatrixRow, MatrixSlide
from .orgchart.model import LegendEntry, OrgChartSlide, OrgEdge, OrgNode
from .statement.model import StatementSlide
from .title.model import TitleSlide

#: Every kind's slide class, in the order the schema lists them.
KINDS: tuple[type[SlideBase], ...] = (
    TitleSlide, BulletsSlide, ColumnsSlide, CardsSlide, CycleSlide, MatrixSlide, StatementSlide,
    FiguresSlide, ChartSlide, OrgChartSlide, MapSlide, LinksSlide,
)

#: A slide file, any kind: the ``kind`` key picks the class.
Slide = Annotated[Union[KINDS], Field(discriminator="kind")]

SLIDE_CLASSES: dict[str, type[SlideBase]] = {
    typing.get_args(cls.model_fields["kind"].annotation)[0]: cls for cls in KINDS
}

__all__ = ["KINDS", "SLIDE_CLASSES", "Slide", "Card", "Column", "ChartPoint", "CycleNode", "LegendEntry", "Link",
           "MatrixCell", "MatrixRow", "Office", "OrgEdge", "OrgNode", *(cls.__name__ for cls in KINDS)]
