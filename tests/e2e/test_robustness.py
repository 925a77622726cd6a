"""Nothing lost: concurrent builds, failures halfway through several locales, no temporary files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from .conftest import DECK_ID, ROOT, build_deck
from generator.errors import ContentError

DECK = str(Path(sys.executable).parent / "deck")


def test_two_builds_at_once_into_one_folder_leave_valid_files(tmp_path):
    out = tmp_path / "build"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1704067200"}
    commands = [[DECK, "build", "--locale", "fr", "--locale", "en", "--out", str(out), "-q"],
                [DECK, "build", "--locale", "en", "--locale", "ar", "--out", str(out), "-q"]]
    runs = [subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for command in commands]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 0, stderr.decode()
    for locale in ("en", "fr", "ar"):
        assert len(Presentation(out / f"{DECK_ID}-{locale}.pptx").slides) == 17
    json.loads((out / "manifest.json").read_text(encoding="utf-8"))      # complete, not interleaved
    leftovers = [p.name for p in out.rglob("*") if p.name.startswith(".") or p.suffix in (".tmp", ".part")]
    assert leftovers == []


def test_a_locale_failing_halfway_leaves_every_previous_output_identical(tmp_path):
    out = tmp_path / "build"
    build_deck(out, locales=("en", "fr", "ar"))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    catalog = content / "locales" / "ar.po"          # the last locale breaks: en and fr render fine first
    lines = catalog.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = next(i for i, line in enumerate(lines)
                  if line.startswith("msgstr") and "{{ iso.members | number }}" in line)
    lines[broken] = lines[broken].replace("{{ iso.members | number }}", "{{ iso.members | nmber }}")
    catalog.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        build_deck(out, locales=("en", "fr", "ar"), content_dir=content)
    assert "locales/ar.po" in exc.value.problems[0].path
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before


def test_a_broken_catalog_is_a_located_error(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "locales" / "fr.po").write_text('msgid "unterminated\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        build_deck(tmp_path / "out", locales=("fr",), content_dir=content)
    problem = exc.value.problems[0]
    assert problem.path.endswith("locales/fr.po") and problem.line == 1
    assert "not a valid PO line" in problem.message
