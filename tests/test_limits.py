"""Every limit of generator/limits.py is in the README's "Limits" section with its number."""

from __future__ import annotations

import re
from pathlib import Path

from generator import limits

ROOT = Path(__file__).resolve().parents[1]


def limits_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^## Limits\n(.*?)^## ", readme, re.S | re.M)
    assert found, "README.md has no '## Limits' section"
    return found.group(1)


def test_every_limit_is_listed_with_its_number():
    section = limits_section()
    numbers = {name: value for name, value in vars(limits).items() if name.startswith("MAX_")}
    assert numbers, "generator/limits.py defines no MAX_ constants"
    for name, value in numbers.items():
        assert re.search(rf"\|\s*{value:,}(?![\d,])", section), f"{name} = {value:,} is not in the README's Limits"


def test_limits_are_positive_whole_numbers():
    for name, value in vars(limits).items():
        if name.startswith("MAX_"):
            assert isinstance(value, int) and value > 0, name
