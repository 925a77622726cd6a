"""Whole-deck builds shared by the end-to-end tests: built once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.build import build
from generator.options import BuildOptions

ROOT = Path(__file__).resolve().parents[2]
DECK_ID = "iso-iec-casco-intro"


def build_deck(out_dir: Path, locales=("en",), content_dir: Path | None = None, template_dir: Path | None = None,
               **options):
    return build(BuildOptions(content_dir or ROOT / "content", out_dir, locales, template_dir=template_dir,
                              project_dir=ROOT, **options))


@pytest.fixture(scope="session")
def english_deck(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("en")
    build_deck(out)
    return out / f"{DECK_ID}-en.pptx"


def need_soffice() -> str:
    """The LibreOffice binary; a missing one skips locally but fails in CI, where it must be installed."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is not installed; .ci/run must install libreoffice-impress")
        pytest.skip("LibreOffice (soffice) is not installed")
    return binary


def convert_to_pdf(pptx: Path, out_dir: Path) -> Path:
    binary = need_soffice()
    profile = out_dir / "lo-profile"
    subprocess.run([binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out_dir), str(pptx)], check=True, capture_output=True, timeout=180)
    pdf = out_dir / (pptx.stem + ".pdf")
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {pptx.name}"
    return pdf
