"""What people download: PPTX, PDF and previews, manifest.json, index.html, and the CI workflow."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pymupdf
import pytest
import yaml
from click.testing import CliRunner
from pptx import Presentation

from .conftest import DECK_ID, ROOT, need_soffice
from generator.cli import main

WORKFLOW = ROOT / ".github" / "workflows" / "decks.yml"


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """English and Arabic built with PDF and PNG previews through the CLI, with the JSON summary."""
    need_soffice()
    out = tmp_path_factory.mktemp("published")
    result = CliRunner().invoke(main, ["build", "--locale", "en", "--locale", "ar", "--pdf", "--png", "--json",
                                       "--out", str(out), "--content", str(ROOT / "content")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return out, json.loads(result.stdout)


@pytest.mark.render
def test_every_locale_has_its_pptx_pdf_and_previews(published):
    out, _ = published
    for locale in ("en", "ar"):
        pptx, pdf = out / f"{DECK_ID}-{locale}.pptx", out / f"{DECK_ID}-{locale}.pdf"
        slides = len(Presentation(pptx).slides)
        with pymupdf.open(pdf) as document:
            assert document.page_count == slides
        previews = sorted((out / "previews" / locale).glob("slide-*.png"))
        assert len(previews) == slides
        assert (out / "previews" / locale / "contact-sheet.png").stat().st_size > 10_000


@pytest.mark.render
def test_manifest_checksums_and_counts_match_the_files(published):
    out, _ = published
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["deck"] == DECK_ID
    assert manifest["locales"] == ["en", "ar"]
    assert manifest["figures_as_of"]["newest"] >= manifest["figures_as_of"]["oldest"]
    assert manifest["lock_sha256"] == hashlib.sha256((ROOT / "requirements.lock").read_bytes()).hexdigest()
    kinds = {(entry["locale"], entry["kind"]) for entry in manifest["files"]}
    assert {("en", "pptx"), ("en", "pdf"), ("en", "png"), ("en", "contact-sheet"), ("ar", "pptx")} <= kinds
    for entry in manifest["files"]:
        path = out / entry["path"]
        assert path.is_file(), entry["path"]
        assert entry["size"] == path.stat().st_size
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        if entry["kind"] in ("pptx", "pdf"):
            assert entry["slides"] == 17
        assert entry["coverage"] == 100.0


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.targets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and "href" in attrs:
            self.targets.append(attrs["href"])
        if tag == "img":
            self.targets.append(attrs["src"])


@pytest.mark.render
def test_index_links_resolve_to_files_in_the_output(published):
    out, _ = published
    parser = _Links()
    parser.feed((out / "index.html").read_text(encoding="utf-8"))
    assert len(parser.targets) >= 10
    for target in parser.targets:
        assert "://" not in target and not target.startswith("/"), target   # readable offline
        assert (out / target).is_file(), target


@pytest.mark.render
def test_json_summary_has_the_documented_shape(published):
    out, summary = published
    assert set(summary) == {"deck", "outputs", "manifest", "index", "warnings"}
    assert summary["deck"] == DECK_ID
    assert [o["locale"] for o in summary["outputs"]] == ["en", "ar"]
    for output in summary["outputs"]:
        assert set(output) == {"locale", "pptx", "pdf", "previews", "smallest_font_pt", "shrunk_boxes",
                               "hyphenated_boxes"}
        assert output["hyphenated_boxes"] == 0      # English and Arabic fit without hyphens
        assert Path(output["pptx"]).is_file() and Path(output["pdf"]).is_file()
        assert output["previews"] == 17
        assert output["smallest_font_pt"] >= 8
    assert Path(summary["manifest"]).name == "manifest.json"
    assert all({"path", "line", "col", "message", "hint"} == set(w) for w in summary["warnings"])
    assert any("iec.system_committees" in w["message"] for w in summary["warnings"])


def test_every_workflow_passes_actionlint():
    actionlint = shutil.which("actionlint", path=str(Path(__import__("sys").executable).parent)) \
        or shutil.which("actionlint")
    assert actionlint, "actionlint is a test dependency (pip install -e '.[test]')"
    workflows = sorted(WORKFLOW.parent.glob("*.yml"))
    assert len(workflows) >= 2
    result = subprocess.run([actionlint, *map(str, workflows)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _matrix_job():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]


def test_the_workflow_covers_every_locale_and_the_triggers():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]          # PyYAML reads the key 'on' as True
    assert {"push", "pull_request", "workflow_dispatch"} <= set(triggers)
    assert "tags" in triggers["push"]
    listing = workflow["jobs"]["locales"]
    step = next(step for step in listing["steps"] if step.get("id") == "list")
    assert "deck locales --json" in step["run"]
    assert _matrix_job()["strategy"]["matrix"]["locale"] == "${{ fromJSON(needs.locales.outputs.locales) }}"
    assert "locales" in _matrix_job()["needs"]


def test_the_locales_listing_holds_every_locale_of_deck_yaml_and_the_pseudo_locale(run_deck):
    deck = yaml.safe_load((ROOT / "content" / "deck.yaml").read_text(encoding="utf-8"))
    result = run_deck("locales", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [deck["source_language"], *deck["locales"], "qps-ploc"]


@pytest.mark.render
def test_the_workflow_build_commands_produce_the_paths_its_upload_names(tmp_path):
    """Run the matrix job's build step as CI does (from a copy of the project) and check every upload path."""
    need_soffice()
    project = tmp_path / "project"
    for part in ("content", "templates"):
        shutil.copytree(ROOT / part, project / part)
    steps = _matrix_job()["steps"]
    command = next(step["run"] for step in steps if "deck build" in step.get("run", ""))
    command = command.replace(".venv/bin/deck", str(Path(__import__("sys").executable).parent / "deck"))
    command = command.replace("${{ matrix.locale }}", "en")
    subprocess.run(command, shell=True, cwd=project, check=True, capture_output=True)
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact"))
    for line in upload["with"]["path"].strip().splitlines():
        path = line.strip().replace("${{ env.DECK_ID }}", DECK_ID).replace("${{ matrix.locale }}", "en")
        target = project / path
        assert target.exists(), path
        if path.endswith("/"):
            assert any(target.iterdir())
