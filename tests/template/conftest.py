"""Helpers of the template tests: an editable copy of the corporate template."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORATE = ROOT / "templates" / "corporate"


def corporate_copy(tmp_path: Path, edit=None) -> Path:
    """A copy of the corporate template folder, mapping.yaml optionally edited."""
    folder = tmp_path / "tpl"
    folder.mkdir()
    shutil.copy(CORPORATE / "template.pptx", folder / "template.pptx")
    text = (CORPORATE / "mapping.yaml").read_text(encoding="utf-8")
    if edit:
        text = edit(text)
    (folder / "mapping.yaml").write_text(text, encoding="utf-8")
    return folder


def line_of(folder: Path, needle: str) -> int:
    lines = (folder / "mapping.yaml").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)
