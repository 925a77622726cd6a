"""The benchmark's inputs and references still work (no timing is asserted: speed is measured in bench/)."""

from __future__ import annotations

import pytest

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from pptx import Presentation

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def bench_module():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_synthetic_deck_builds(run_deck, tmp_path):
    """Every slide kind it cycles through still validates; it warns only of the real deck's figures it leaves unused."""
    content = bench_module().synthetic_content(tmp_path, 8)
    result = run_deck("build", "--content", content, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings and all("is not used on any slide" in line for line in warnings), result.stderr
    deck = Presentation(str(tmp_path / "out" / "synthetic-en.pptx"))
    assert len(deck.slides) == 8
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles[0].startswith("Slide 1:") and titles[-1].startswith("Slide 8:")


def test_the_floor_writes_its_decks(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "bench" / "floor.py"), "--slides", "3", "--decks", "2",
                    "--out", str(tmp_path)], check=True, capture_output=True)
    decks = sorted(tmp_path.glob("floor-*.pptx"))
    assert [len(Presentation(str(deck)).slides) for deck in decks] == [3, 3]


def test_a_benchmark_run_records_its_cases(tmp_path):
    results = tmp_path / "results.json"
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--only", "en,floor-1", "--reps", "1",
                           "--json", str(results)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    recorded = json.loads(results.read_text(encoding="utf-8"))
    assert set(recorded["cases"]) == {"en", "floor-1"}
    assert all(case["runs"] == 1 and not case["failures"] for case in recorded["cases"].values())
    assert "no-change rebuild / floor (English)" in {row["check"] for row in recorded["checks"]}
    assert "floor-1" in done.stdout and "en" in done.stdout
