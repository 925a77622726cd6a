"""The output folder changes as a whole: kill -9 at random moments, and two builds at once, 20 rounds."""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import DECK_ID, ROOT, need_soffice
from generator.options import BuildOptions
from generator.output.incremental import plan_build, sha256_file
from generator.output.manifest import pdf_pages, slide_count

DECK = str(Path(sys.executable).parent / "deck")
KILLS = 30


def small_content(tmp_path: Path, name: str, locales: str) -> Path:
    """A copy of content/ with two slides and ``locales``, so that a build takes a few seconds."""
    content = tmp_path / name
    shutil.copytree(ROOT / "content", content)
    deck = content / "deck.yaml"
    text = re.sub(r"^locales: \[.*\]$", f"locales: [{locales}]", deck.read_text(encoding="utf-8"), flags=re.M)
    text = re.sub(r"^regions: \{.*\}$", "regions: {en: GB}", text, flags=re.M)
    text = re.sub(r"^slides:\n(?:  - .*\n)+", "slides:\n  - cover\n  - iso-introduction\n", text, flags=re.M)
    deck.write_text(text, encoding="utf-8")
    return content


def set_title(content: Path, title: str) -> None:
    cover = content / "slides" / "00-cover.yaml"
    text = re.sub(r"^title: .*$", f'title: "{title}"', cover.read_text(encoding="utf-8"), flags=re.M)
    cover.write_text(text, encoding="utf-8")


def deck_title(deck: Path) -> str:
    with zipfile.ZipFile(deck) as package:
        found = re.search(r"(?:Round|Builder) [A-Z0-9]+", package.read("ppt/slides/slide1.xml").decode())
    return found.group(0) if found else ""


def our_processes(marker: Path) -> list[str]:
    """Live processes whose command line names ``marker`` (zombies, already dead, left out)."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == os.getpid():
            continue
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in "ZX" and os.fsencode(str(marker)) in command:
            words = command.replace(b"\0", b" ").decode(errors="replace")
            found.append(f"{pid}: {words[:160]}")
    return found


def check_complete_set(out: Path, titles: set[str], pdf: bool, slides: int = 2) -> str:
    """OUT is one build's complete set, from a build whose title is in ``titles``; that title."""
    assert out.is_symlink(), "OUT is not the link to a version"
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert (out / "index.html").is_file()
    listed = {entry["path"]: entry for entry in manifest["files"]}
    present = {path.relative_to(out).as_posix() for path in out.rglob("*")
               if path.is_file() and path.name not in ("manifest.json", "index.html")}
    assert present == set(listed), "files in OUT and in its manifest differ"
    for path, entry in listed.items():
        assert sha256_file(out / path) == entry["sha256"], path
    seen = set()
    for locale in manifest["locales"]:
        deck = out / f"{DECK_ID}-{locale}.pptx"
        seen.add(deck_title(deck))
        if pdf:
            assert pdf_pages(deck.with_suffix(".pdf")) == slide_count(deck) == slides, locale
            assert len(list((out / "previews" / locale).glob("slide-*.png"))) == slides, locale
    assert len(seen) == 1 and seen <= titles, (seen, titles)
    return seen.pop()


def leftovers(tmp_path: Path, out: Path) -> list[str]:
    versions = out.parent / f".{out.name}.versions"
    current = os.readlink(out).split("/")[-1]
    stray = [f"{versions.name}/{name}" for name in os.listdir(versions) if name != current]
    stray += [name for name in os.listdir(out.parent) if name.startswith(f".{out.name}.") and
              name not in (versions.name, f".{out.name}.lock")]
    return stray + [f"tmp/{name}" for name in os.listdir(tmp_path / "tmp")]


def wait_for_install(versions: Path, current: str | None, process: subprocess.Popen) -> None:
    """Until the build starts filling its new version (the install) or ends."""
    while process.poll() is None:
        for name in os.listdir(versions) if versions.is_dir() else []:
            if name.isdigit() and name != current and os.listdir(versions / name):
                return
        time.sleep(0.002)


@pytest.mark.slow
@pytest.mark.render
def test_kill_9_at_any_moment_leaves_the_previous_or_the_new_complete_set(tmp_path):
    need_soffice()
    content = small_content(tmp_path, "content", "fr")
    out = tmp_path / "build"
    versions = tmp_path / ".build.versions"
    (tmp_path / "tmp").mkdir()
    # LibreOffice's kept profiles in the test's folder too, so a LibreOffice left running is seen below
    env = {**os.environ, "TMPDIR": str(tmp_path / "tmp"), "XDG_CACHE_HOME": str(tmp_path / "cache"),
           "SOURCE_DATE_EPOCH": "1704067200"}
    command = [DECK, "build", "--content", str(content), "--out", str(out), "--all-locales", "--pdf", "--png", "-q"]

    def start():
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    set_title(content, "Round 0")
    # LibreOffice's profile is made by the first build: the next builds, the ones killed, are
    # faster, so the build timed for the kill delays is the second one.
    assert start().wait(timeout=120) == 0
    set_title(content, "Round W")
    warm = os.readlink(out)
    started = time.monotonic()
    first = start()
    wait_for_install(versions, warm.split("/")[-1], first)
    installing = time.monotonic()
    while first.poll() is None and os.readlink(out) == warm:
        time.sleep(0.002)
    duration, window = time.monotonic() - started, time.monotonic() - installing    # until the switch
    assert first.wait(timeout=120) == 0, first.stderr.read().decode()
    complete = check_complete_set(out, {"Round W"}, pdf=True)

    rng = random.Random(13)
    moments = ["uniform"] * (KILLS // 2) + ["install"] * (KILLS - KILLS // 2)
    rng.shuffle(moments)
    outcomes = {"killed": 0, "finished": 0, "new set": 0, "previous set": 0}
    for round_number, moment in enumerate(moments, 1):
        title = f"Round {round_number}"
        set_title(content, title)
        current = os.readlink(out).split("/")[-1]
        build = start()
        if moment == "uniform":
            time.sleep(rng.uniform(0, duration))
        else:
            wait_for_install(versions, current, build)
            time.sleep(rng.uniform(0, 2 * window))     # before and after the switch
        build.send_signal(signal.SIGKILL)
        code = build.wait(timeout=60)
        outcomes["killed" if code == -signal.SIGKILL else "finished"] += 1
        assert code in (0, -signal.SIGKILL), build.stderr.read().decode()
        shown = check_complete_set(out, {complete, title}, pdf=True)            # right after the kill
        outcomes["new set" if shown == title else "previous set"] += 1
        complete = shown
        time.sleep(0.2)                                  # the kernel delivers the death signal to the workers
        workers = [line for line in our_processes(content) if "soffice" not in line]
        assert workers == [], workers

    final = start()
    assert final.wait(timeout=120) == 0, final.stderr.read().decode()
    assert check_complete_set(out, {f"Round {len(moments)}"}, pdf=True)
    assert leftovers(tmp_path, out) == []
    assert our_processes(tmp_path) == []                # LibreOffice left by a killed build included
    print(f"{KILLS} kills of a {duration:.1f} s build (install to switch {window * 1000:.0f} ms): {outcomes}")
    assert outcomes["killed"] >= KILLS // 2


@pytest.mark.slow
def test_two_builds_at_once_take_turns_and_the_manifest_describes_the_bytes(tmp_path, monkeypatch):
    contents = {name: small_content(tmp_path, f"content-{name}", "fr") for name in "AB"}
    for name, content in contents.items():
        set_title(content, f"Builder {name}")
        (content / "deck.yaml").write_text((content / "deck.yaml").read_text(encoding="utf-8").replace(
            "  - iso-introduction\n", ""), encoding="utf-8")
    out = tmp_path / "build"
    env = dict(os.environ)
    monkeypatch.chdir(ROOT)                              # where the builds run: messages name files from there

    def deck(content: Path, *args) -> subprocess.Popen:
        return subprocess.Popen([DECK, "build", "--content", str(content), "--out", str(out), "--all-locales", *args],
                                cwd=ROOT,
                                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    waited = 0
    for _ in range(20):
        runs = [deck(contents["A"], "-q"), deck(contents["B"], "-q")]
        for run in runs:
            _, stderr = run.communicate(timeout=120)
            assert run.returncode == 0, stderr
            waited += f"waiting for another build of {out} to finish" in stderr
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        for entry in manifest["files"]:
            assert sha256_file(out / entry["path"]) == entry["sha256"], entry["path"]
        titles = {deck_title(out / f"{DECK_ID}-{locale}.pptx") for locale in ("en", "fr")}
        assert len(titles) == 1, titles                  # both decks from one build
        winner = titles.pop()[-1]
        for name, content in contents.items():            # what a third build would decide
            plan = plan_build(BuildOptions(content, out, all_locales=True, project_dir=ROOT))
            assert (plan is not None and plan.nothing_to_do) == (winner == name), (name, winner)
    assert waited >= 10                                  # most rounds, one build waited for the other
    third = deck(contents[winner])
    stdout, stderr = third.communicate(timeout=120)
    assert third.returncode == 0, stderr
    assert stdout.count("up to date: ") == 2, stdout
