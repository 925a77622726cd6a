"""LibreOffice conversion: kept and locked profiles, side-by-side runs, PDFs handed over as they come.

Without LibreOffice on PATH, conversion and ``deck check --render`` say how to install it, no traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.errors import DeckError
from generator.output.libreoffice import (CACHE_NAME, READY_MARK, SofficeConverter, convert_to_pdf, find_soffice,
                                          lease_profile, split_by_weight)

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


# ---------------------------------------------------------------- profiles, lanes and PDFs as they come, with a stand-in soffice

FAKE_SOFFICE = '''#!{python}
"""Stands in for soffice: prints what LibreOffice prints and writes a small PDF per deck.

A deck named fail-*.pptx gets no PDF; wait-*.pptx is converted only once the file
named in the deck appears (the test's callback writes it); SOFFICE_LOG gets one line per run.
"""
import os, sys, time
from pathlib import Path

args = sys.argv[1:]
profile = next(a.split("=", 1)[1] for a in args if a.startswith("-env:UserInstallation="))
out = Path(args[args.index("--outdir") + 1])
decks = [Path(a) for a in args[args.index("--outdir") + 2:]]
with open(os.environ["SOFFICE_LOG"], "a") as log:
    log.write(profile + " " + " ".join(d.name for d in decks) + "\\n")
if os.environ.get("SOFFICE_SLEEP"):
    time.sleep(float(os.environ["SOFFICE_SLEEP"]))
for deck in decks:
    target = out / (deck.stem + ".pdf")
    print(f"convert {{deck}} -> {{target}} using filter : impress_pdf_Export", flush=True)
    if deck.name.startswith("wait-"):
        marker = Path(deck.read_text())
        for _ in range(200):
            if marker.exists():
                break
            time.sleep(0.05)
        else:
            sys.exit("the callback for the deck before was not called")
    if deck.name.startswith("fail-"):
        print("Error: source file could not be loaded", flush=True)
        continue
    target.write_bytes(b"%PDF-1.4 " + deck.read_bytes())
sys.exit(int(os.environ.get("SOFFICE_EXIT", "0")))
'''


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch) -> Path:
    """A stand-in soffice first on PATH, its runs logged; profiles in a private cache folder."""
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    script = folder / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("SOFFICE_LOG", str(tmp_path / "soffice.log"))
    return tmp_path / "soffice.log"


def decks(folder: Path, *names: str, slides: int = 3) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [make_deck(folder / name, slides) for name in names]


def make_deck(path: Path, slides: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as package:
        for number in range(1, slides + 1):
            package.writestr(f"ppt/slides/slide{number}.xml", "<p:sld/>")
    return path


def runs(log: Path) -> list[tuple[str, list[str]]]:
    return [(line.split()[0], line.split()[1:]) for line in log.read_text().splitlines()]


def test_profiles_live_in_the_cache_folder_and_are_kept(fake_soffice, tmp_path):
    out = tmp_path / "pdf"
    pdfs = SofficeConverter().convert(decks(tmp_path / "in", "a.pptx", "b.pptx"), out)
    assert pdfs == [out / "a.pdf", out / "b.pdf"]
    assert pdfs[1].read_bytes().startswith(b"%PDF")
    SofficeConverter().convert(decks(tmp_path / "in", "c.pptx"), out)
    profile = tmp_path / "cache" / CACHE_NAME / "libreoffice-profile-0"
    assert [run[0] for run in runs(fake_soffice)] == [profile.as_uri()] * 2
    assert (profile / READY_MARK).is_file()


def test_a_busy_profile_is_left_to_its_holder(fake_soffice, tmp_path):
    root = tmp_path / "cache" / CACHE_NAME
    root.mkdir(parents=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(root / "libreoffice-profile-0.lock")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        SofficeConverter().convert(decks(tmp_path / "in", "a.pptx"), tmp_path / "pdf")
    finally:
        holder.kill()
        holder.wait()
    assert runs(fake_soffice)[0][0] == (root / "libreoffice-profile-1").as_uri()


HOLD_LOCK = """
import fcntl, os, sys, time
handle = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(handle, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(60)
"""


def test_leases_in_one_process_get_different_profiles_and_a_released_one_is_taken_again(tmp_path):
    first, second = lease_profile(tmp_path), lease_profile(tmp_path)
    assert (first.folder.name, second.folder.name) == ("libreoffice-profile-0", "libreoffice-profile-1")
    first.release()
    again = lease_profile(tmp_path)
    assert again.folder == first.folder
    again.release()
    second.release()


def test_a_profile_never_marked_ready_is_made_anew(tmp_path):
    profile = lease_profile(tmp_path)
    (profile.folder / "user").mkdir()
    (profile.folder / "user" / "half-written.xcu").write_text("<")
    profile.release()
    again = lease_profile(tmp_path)
    assert list(again.folder.iterdir()) == []
    (again.folder / "user").mkdir()
    again.mark(ready=True)
    again.release()
    kept = lease_profile(tmp_path)
    assert (kept.folder / "user").is_dir()
    kept.release()


def test_a_failed_run_unmarks_its_profile(fake_soffice, tmp_path, monkeypatch):
    SofficeConverter().convert(decks(tmp_path / "in", "a.pptx"), tmp_path / "pdf")
    ready = tmp_path / "cache" / CACHE_NAME / "libreoffice-profile-0" / READY_MARK
    assert ready.is_file()
    monkeypatch.setenv("SOFFICE_EXIT", "1")
    SofficeConverter().convert(decks(tmp_path / "in", "a.pptx"), tmp_path / "pdf")
    assert not ready.exists()


def test_jobs_convert_in_side_by_side_runs_with_their_own_profiles_split_by_slides(fake_soffice, tmp_path):
    folder = tmp_path / "in"
    given = [make_deck(folder / "big.pptx", 50), *decks(folder, "s1.pptx", "s2.pptx", "s3.pptx", slides=10),
             make_deck(folder / "mid.pptx", 20)]
    out = tmp_path / "pdf"
    pdfs = SofficeConverter(jobs=2).convert(given, out)
    assert pdfs == [out / (deck.stem + ".pdf") for deck in given]
    lanes = runs(fake_soffice)
    assert len({profile for profile, _ in lanes}) == 2
    assert sorted(sorted(names) for _, names in lanes) == [["big.pptx"], ["mid.pptx", "s1.pptx", "s2.pptx", "s3.pptx"]]


def test_split_by_weight_balances_the_sums_and_keeps_each_groups_order():
    groups = split_by_weight([17, 17, 17, 17, 17, 17, 17, 17, 17, 17, 17], 2)
    assert sorted(len(group) for group in groups) == [5, 6]
    assert sorted(i for group in groups for i in group) == list(range(11))
    assert all(group == sorted(group) for group in groups)
    assert split_by_weight([5, 1, 1, 1, 1, 1], 2) == [[0], [1, 2, 3, 4, 5]]
    assert split_by_weight([3, 3], 8) == [[0], [1]]


def test_each_pdf_is_handed_over_as_soon_as_it_is_written(fake_soffice, tmp_path):
    """The stand-in converts the second deck only after the callback saw the first PDF."""
    folder = tmp_path / "in"
    first = make_deck(folder / "first.pptx", 2)
    marker = tmp_path / "first-seen"
    second = folder / "wait-second.pptx"
    second.write_text(str(marker))
    seen = []

    def on_pdf(index, pdf):
        seen.append((index, pdf.name, pdf.read_bytes()[:4]))
        if index == 0:
            marker.touch()

    SofficeConverter(timeout=30).convert([first, second], tmp_path / "pdf", on_pdf)
    assert seen == [(0, "first.pdf", b"%PDF"), (1, "wait-second.pdf", b"%PDF")]


def test_a_deck_that_does_not_convert_is_named_and_no_pdf_is_written(fake_soffice, tmp_path):
    out = tmp_path / "pdf"
    with pytest.raises(DeckError) as caught:
        SofficeConverter().convert(decks(tmp_path / "in", "a.pptx", "fail-b.pptx"), out)
    assert "could not convert" in str(caught.value) and "fail-b.pptx" in str(caught.value)
    assert "source file could not be loaded" in str(caught.value)
    assert not out.exists()


def test_a_run_that_takes_too_long_is_stopped(fake_soffice, tmp_path, monkeypatch):
    monkeypatch.setenv("SOFFICE_SLEEP", "30")
    with pytest.raises(DeckError, match="did not finish converting 1 deck"):
        SofficeConverter(timeout=1).convert(decks(tmp_path / "in", "a.pptx"), tmp_path / "pdf")
    again = lease_profile(tmp_path / "cache" / CACHE_NAME)       # the stopped run let its profile go
    assert again.folder.name == "libreoffice-profile-0"
    again.release()


# ---------------------------------------------------------------- which converter

@pytest.fixture
def fresh_uno_lookup():
    from generator.output.libreoffice import uno_python

    uno_python.cache_clear()
    yield uno_python
    uno_python.cache_clear()


def test_without_a_python_that_imports_uno_the_command_line_converter_is_used(fresh_uno_lookup, monkeypatch, tmp_path):
    from generator.output import libreoffice

    monkeypatch.delenv("UNO_PYTHON", raising=False)
    monkeypatch.setattr(libreoffice, "_uno_python_candidates", lambda: [sys.executable, str(tmp_path / "missing")])
    assert fresh_uno_lookup() is None
    assert isinstance(libreoffice.open_converter(jobs=2), SofficeConverter)


def test_uno_python_naming_a_python_without_uno_is_a_clear_error(fresh_uno_lookup, monkeypatch):
    from generator.output import libreoffice

    monkeypatch.setenv("UNO_PYTHON", sys.executable)          # the generator's own Python has no uno
    with pytest.raises(DeckError) as caught:
        libreoffice.open_converter()
    assert f"UNO_PYTHON={sys.executable}: that Python cannot import uno" in str(caught.value)


def test_pipes_left_by_a_killed_build_are_removed_and_a_running_builds_kept(tmp_path):
    from generator.output.libreoffice import PIPE_PREFIX, remove_stale_pipes

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    uid = os.getuid()
    stale = tmp_path / f"OSL_PIPE_{uid}_{PIPE_PREFIX}{dead.pid}-0-ab12"
    running = tmp_path / f"OSL_PIPE_{uid}_{PIPE_PREFIX}{os.getpid()}-0-cd34"
    others = tmp_path / f"OSL_PIPE_{uid}_SingleOfficeIPC_{dead.pid}"
    for path in (stale, running, others):
        path.write_bytes(b"")
    remove_stale_pipes(tmp_path)
    assert not stale.exists()
    assert running.exists() and others.exists()
