"""A warm rebuild of every locale after one figure edit, timed in one process.

    python bench/warm_driver.py --content DIR --out DIR [--edits N]

Creates a ``WarmBuild`` for ``--all-locales``, builds once, then N times gives
``iec.technical_committees`` a new value in ``DIR/figures.yaml`` and rebuilds. Prints one JSON
line: the median, min and max seconds of the rebuilds (the edit's file write excluded) and the
slides each drew.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from pathlib import Path

from generator.options import BuildOptions
from generator.warm import WarmBuild


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--content", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    figures = args.content / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    pattern = re.compile(r"(\n  technical_committees:\n    value: )\d+", re.M)
    groups = [m for m in pattern.finditer(text)]
    warm = WarmBuild(BuildOptions(args.content, args.out, all_locales=True, project_dir=Path.cwd()))
    warm.build()
    seconds, drawn = [], []
    for edit in range(args.edits):
        last = groups[-1]            # the iec group's, after the iso one
        text = text[:last.start()] + last.group(1) + str(300 + edit) + text[last.end():]
        figures.write_text(text, encoding="utf-8")
        groups = [m for m in pattern.finditer(text)]
        start = time.perf_counter()
        warm.rebuild([figures])
        seconds.append(time.perf_counter() - start)
        drawn.append(warm.drawn)
    print(json.dumps({"median": statistics.median(seconds), "min": min(seconds), "max": max(seconds),
                      "drawn": drawn}))


if __name__ == "__main__":
    main()
