"""The floor: what python-pptx alone costs to open the template and write the same slides.

    python bench/floor.py --slides 17 --decks 6 --out /tmp/floor [--template templates/corporate/template.pptx]

One process, like ``deck build``: imports python-pptx, then for each deck opens the same
template, drops its sample slides, adds ``--slides`` slides on the "Title and Content" layout
with a title and five bullets of text comparable to the deck's, and saves. No fitting, no
translation, no drawing: the least any generator on this stack can spend on the same output.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

T0 = time.perf_counter()

from pptx import Presentation  # noqa: E402  (timed: the import is part of the floor)

ROOT = Path(__file__).resolve().parents[1]

TITLE = "Slide {n}: an introduction to International Standards"
BULLETS = [        # the text of bench/run.py's synthetic decks: each slide's differs by its number
    "A global network of national standards bodies with one member per country – {n} member countries",
    "ISO develops International Standards – more than {n},000 so far",
    "More than {n} technical committees and subcommittees revising standards every month",
    "Coordinated by a Central Secretariat in Geneva, office {n}",
    "Conformity assessment {n}: testing, inspection, certification, accreditation",
]


def build_deck(template: Path, slides: int, out: Path) -> None:
    prs = Presentation(str(template))
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    layout = next(layout for layout in prs.slide_layouts if layout.name == "Title and Content")
    for number in range(1, slides + 1):
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = TITLE.format(n=number)
        body = slide.placeholders[1].text_frame
        body.text = BULLETS[0].format(n=number)
        for text in BULLETS[1:]:
            body.add_paragraph().text = text.format(n=number)
    prs.save(str(out))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=17)
    parser.add_argument("--decks", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--template", type=Path, default=ROOT / "templates/corporate/template.pptx")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for index in range(args.decks):
        build_deck(args.template, args.slides, args.out / f"floor-{index + 1}.pptx")
    print(f"{time.perf_counter() - T0:.3f}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
