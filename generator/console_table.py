"""Plain-text tables for terminals and CI logs (no colours, stable widths)."""

from __future__ import annotations


def format_table(headers: list[str], rows: list[list[str]], max_width: int = 60) -> str:
    cells = [[_clip(str(c), max_width) for c in row] for row in [headers] + rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"
