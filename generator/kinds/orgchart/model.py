"""The ``orgchart`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...model import SlideBase, Strict, Text


class OrgNode(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    label: Text
    detail: Text | None = None
    parent: str | None = None
    edge: Literal["reporting", "advisory"] = "reporting"
    emphasis: Literal["strong", "normal", "group"] = "normal"


class OrgEdge(Strict):
    source: str = Field(alias="from")
    target: str = Field(alias="to")
    style: Literal["reporting", "advisory"] = "reporting"


class LegendEntry(Strict):
    style: Literal["reporting", "advisory"]
    label: Text


class OrgChartSlide(SlideBase):
    """Boxes in a tree joined by connectors, two edge styles and a legend."""

    kind: Literal["orgchart"]
    nodes: list[OrgNode] = Field(min_length=1, max_length=30)
    edges: list[OrgEdge] = Field(default_factory=list)
    legend: list[LegendEntry] = Field(default_factory=list, max_length=4)
