"""LibreOffice in headless mode: PPTX -> PDF, many files in one run, with a private profile.

A private ``-env:UserInstallation`` profile per run keeps parallel conversions from
colliding over LibreOffice's shared user profile (the usual cause of silent failures).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import DeckError, display_path
from ..processes import die_with_parent
from .writer import write_atomic

INSTALL_HINT = "install it with: sudo apt-get install libreoffice-impress"
DEFAULT_TIMEOUT = 600


def find_soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise DeckError(f"LibreOffice (soffice) was not found on PATH; {INSTALL_HINT}")


def convert_to_pdf(decks: list[Path], out_dir: Path, timeout: int = DEFAULT_TIMEOUT) -> list[Path]:
    """Convert every deck in one LibreOffice run; PDFs land in ``out_dir`` only when all succeeded."""
    soffice = find_soffice()
    out_dir = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="deck-soffice-") as scratch:
        scratch_dir = Path(scratch)
        profile = scratch_dir / "profile"
        converted = scratch_dir / "out"
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--nolockcheck", "--convert-to", "pdf", "--outdir", str(converted), *map(str, decks)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                    env={**os.environ, "HOME": str(scratch_dir)}, preexec_fn=die_with_parent)
        except subprocess.TimeoutExpired:
            raise DeckError(f"LibreOffice did not finish converting {len(decks)} deck(s) in {timeout} s") from None
        pdfs = []
        for deck in decks:
            pdf = converted / (Path(deck).stem + ".pdf")
            if not pdf.is_file():
                detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
                raise DeckError(f"LibreOffice could not convert {display_path(deck)}: {detail[0]}")
            pdfs.append(pdf)
        targets = []
        for pdf in pdfs:
            target = out_dir / pdf.name
            write_atomic(target, pdf.read_bytes())
            targets.append(target)
        return targets
