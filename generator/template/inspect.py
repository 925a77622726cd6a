"""A readable listing of a .pptx template's slide size, layouts and placeholders.

This is what a user reads to write a ``mapping.yaml`` for their own corporate template:
each layout's name goes into ``layouts.<role>.name`` and each placeholder's idx into the
role's slots. Run it as ``python -m generator.template.inspect path/to/template.pptx``.
"""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

from ..errors import DeckError, display_path
from .mapping import open_presentation

EMU_PER_INCH = 914400
KNOWN_RATIOS = [(16, 9), (4, 3), (16, 10), (3, 2), (5, 4), (1, 1), (2, 1), (21, 9)]


def aspect_ratio(width: int, height: int) -> str:
    """``'16:9'``, ``'4:3'``, ... or the reduced fraction / decimal ratio when none matches."""
    if not width or not height:
        return "unknown"
    ratio = width / height
    for w, h in KNOWN_RATIOS:
        if abs(ratio - w / h) <= 0.005 * (w / h):
            return f"{w}:{h}"
    exact = Fraction(width, height)
    if exact.denominator <= 32:
        return f"{exact.numerator}:{exact.denominator}"
    if ratio < 1 and abs(1 / ratio - 297 / 210) < 0.01:
        return f"{ratio:.2f}:1 (A4 portrait)"
    return f"{ratio:.2f}:1"


def _inches(emu) -> str:
    return f"{(emu or 0) / EMU_PER_INCH:.2f}"


def describe_template(pptx_path: Path) -> str:
    """Slide size, then every layout (index, name) with its placeholders."""
    pptx_path = Path(pptx_path)
    prs = open_presentation(pptx_path)
    width, height = prs.slide_width, prs.slide_height
    lines = [
        f"Template: {display_path(pptx_path)}",
        f"Slide size: {width / EMU_PER_INCH:.3f} x {height / EMU_PER_INCH:.3f} in "
        f"({width} x {height} EMU), aspect ratio {aspect_ratio(width, height)}",
    ]
    masters = list(prs.slide_masters)
    for m, master in enumerate(masters, start=1):
        layouts = list(master.slide_layouts)
        heading = f"Layouts ({len(layouts)})"
        if len(masters) > 1:
            heading = f"Slide master {m}: layouts ({len(layouts)})"
        lines += ["", heading + ":"]
        for i, layout in enumerate(layouts):
            lines.append(f'  [{i}] "{layout.name}"')
            placeholders = sorted(layout.placeholders, key=lambda ph: ph.placeholder_format.idx)
            if not placeholders:
                lines.append("      (no placeholders)")
                continue
            lines.append(f"      {'idx':>4}  {'type':<14} {'name':<30} {'left':>6} {'top':>6} {'width':>6} "
                         f"{'height':>6}  (in)")
            for ph in placeholders:
                fmt = ph.placeholder_format
                kind = getattr(fmt.type, "name", str(fmt.type))
                name = ph.name if len(ph.name) <= 30 else ph.name[:29] + "…"
                lines.append(f"      {fmt.idx:>4}  {kind:<14} {name:<30} {_inches(ph.left):>6} {_inches(ph.top):>6} "
                             f"{_inches(ph.width):>6} {_inches(ph.height):>6}")
    lines += ["", "In mapping.yaml, give each layout role the layout's name and the idx of each slot, e.g.",
              '  content: {name: "<layout name>", title: <idx>, body: <idx>}']
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python -m generator.template.inspect TEMPLATE.pptx", file=sys.stderr)
        return 2
    try:
        sys.stdout.write(describe_template(Path(argv[0])))
    except DeckError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
