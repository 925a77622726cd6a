"""Without LibreOffice on PATH, conversion and ``deck check --render`` say how to install it, no traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import DeckError
from generator.output.libreoffice import convert_to_pdf, find_soffice

ROOT = Path(__file__).resolve().parents[2]
HINT = "apt-get install libreoffice-impress"


@pytest.fixture
def no_soffice(tmp_path, monkeypatch) -> Path:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("soffice") is None and shutil.which("libreoffice") is None
    return empty


def test_find_soffice_names_the_package(no_soffice):
    with pytest.raises(DeckError) as caught:
        find_soffice()
    assert "LibreOffice (soffice) was not found on PATH" in str(caught.value)
    assert HINT in str(caught.value)


def test_convert_to_pdf_without_soffice(no_soffice, tmp_path):
    deck = tmp_path / "deck.pptx"
    shutil.copyfile(ROOT / "templates/corporate/template.pptx", deck)
    out = tmp_path / "pdf"
    with pytest.raises(DeckError) as caught:
        convert_to_pdf([deck], out)
    assert HINT in str(caught.value)
    assert not out.exists()


def test_check_render_cli_without_soffice(no_soffice, run_deck, tmp_path):
    """A deck is there to check (any .pptx under the deck's file name), only LibreOffice is missing."""
    out = tmp_path / "build"
    out.mkdir()
    shutil.copyfile(ROOT / "templates/corporate/template.pptx", out / "iso-iec-casco-intro-en.pptx")
    result = run_deck("check", "--render", "--out", out, "--locale", "en")
    assert result.exit_code == 1, (result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("error: LibreOffice (soffice) was not found on PATH")
    assert HINT in result.stderr
    assert not (out / "check").exists()
