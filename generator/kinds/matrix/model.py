"""The ``matrix`` slide kind's content: what its slide files hold, validated."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ...model import SlideBase, Strict, Text


class MatrixCell(Strict):
    text: Text | None = None
    span: int = Field(1, ge=1, le=4, description="How many columns the cell covers.")
    emphasis: Literal["strong", "normal", "none"] = "normal"


class MatrixRow(Strict):
    label: Text
    cells: list[MatrixCell] = Field(min_length=1)


class MatrixSlide(SlideBase):
    """Rows by columns of labelled cells; consecutive rows with the same label share one row header."""

    kind: Literal["matrix"]
    columns: list[Text] = Field(min_length=1, max_length=4)
    rows: list[MatrixRow] = Field(min_length=1, max_length=6)
