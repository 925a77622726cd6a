"""Rectangles in EMU (English Metric Units: 914400 per inch, 12700 per point)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def center(self) -> tuple[int, int]:
        return self.left + self.width // 2, self.top + self.height // 2


def inset(rect: Rect, dx: int, dy: int) -> Rect:
    """``rect`` shrunk by ``dx`` on the left and right and ``dy`` on the top and bottom."""
    return Rect(rect.left + dx, rect.top + dy, max(0, rect.width - 2 * dx), max(0, rect.height - 2 * dy))
