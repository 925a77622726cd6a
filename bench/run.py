"""Benchmark of ``deck build`` beside its floor and its peers (not part of the test suite).

    .venv/bin/python bench/run.py [--quick] [--reps N] [--only CASE,...] [--json FILE] [--source DIR]

Every case runs in fresh processes, several times (5; ``--quick`` 2), the cases taking turns
(round robin), so a change in the machine's load spreads over all of them and the ratios,
computed inside the same run, stay fair. Each run's wall time and its peak memory (the
largest resident set of the process tree, from ``os.wait4``) are recorded. The table goes
to stdout, everything to ``bench/results.json``.

The references are timed beside the generator:

- the floor: ``bench/floor.py``, python-pptx alone opening the same template and writing as
  many slides (a title and five bullets each) and saving, in one process;
- pandoc building an equivalent Markdown deck, one process per deck (skipped when pandoc is
  not installed);
- PptxGenJS writing comparable decks (``bench/peer``; ``npm install`` runs there when
  ``node_modules`` is missing; skipped when npm or node fail);
- for ``--pdf --png``, one ``soffice --convert-to pdf`` call converting the same decks with a
  profile folder that already exists (ratios paired round by round).

``--source DIR`` times the generator found in DIR (put first on PYTHONPATH), e.g. an
earlier checkout, to compare before and after in the same conditions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEER = HERE / "peer"
DRIVER = HERE / "deck_driver.py"
WARM_DRIVER = HERE / "warm_driver.py"
FLOOR = HERE / "floor.py"
TEMPLATE = ROOT / "templates" / "corporate" / "template.pptx"
DECK_SLIDES = 17            # the deck in content/: the cover and 16 topics
LOCALES = 6                 # English and the five translations of deck.yaml
SYNTHETIC = (100, 500, 1000)

TITLE = "Slide {n}: an introduction to International Standards"
# Each slide's text differs (its number is in it), as a real deck's does: nothing is measured once for all.
BULLETS = [
    "A global network of national standards bodies with one member per country – {n} member countries",
    "ISO develops International Standards – more than {n},000 so far",
    "More than {n} technical committees and subcommittees revising standards every month",
    "Coordinated by a Central Secretariat in Geneva, office {n}",
    "Conformity assessment {n}: testing, inspection, certification, accreditation",
]


def bullets(number: int, which=slice(None)) -> list[str]:
    return [text.format(n=number) for text in BULLETS[which]]


# ---------------------------------------------------------------- running one process

class Run:
    def __init__(self, seconds: float, peak_mb: float, ok: bool, detail: str = ""):
        self.seconds, self.peak_mb, self.ok, self.detail = seconds, peak_mb, ok, detail


def timed(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> Run:
    """Wall time and peak RSS (MB) of ``command`` and the processes it waited for."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    process.stderr.close()
    detail = "" if process.returncode == 0 else stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode == 0, " ".join(detail) if detail else "")


def timed_sequence(commands: list[list[str]], cwd: Path = ROOT) -> Run:
    """Several processes one after the other, as one measurement (pandoc: one process per deck)."""
    total, peak, ok, detail = 0.0, 0.0, True, ""
    for command in commands:
        run = timed(command, cwd)
        total += run.seconds
        peak = max(peak, run.peak_mb)
        ok, detail = ok and run.ok, detail or run.detail
    return Run(total, peak, ok, detail)


# ---------------------------------------------------------------- inputs

def synthetic_content(folder: Path, slides: int) -> Path:
    """A content folder of ``slides`` slides: bullets, columns, figures and cards in turn."""
    content = folder / f"content-{slides}"
    (content / "slides").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "figures.yaml", content / "figures.yaml")
    ids = []
    for number in range(1, slides + 1):
        slide_id = f"s{number:04d}"
        ids.append(slide_id)
        title = f'"{TITLE.format(n=number)}"'
        kind = ("bullets", "columns", "figures", "cards")[(number - 1) % 4]
        if kind == "bullets":
            body = "items:\n" + "".join(f'  - "{text}"\n' for text in bullets(number))
        elif kind == "columns":
            body = "columns:\n" + "".join(
                f'  - heading: "Column {c}"\n    items:\n'
                + "".join(f'      - "{text}"\n' for text in bullets(number + c, slice(0, 3)))
                for c in (1, 2, 3))
        elif kind == "figures":
            body = ("figures:\n"
                    '  - {label: "ISO members", value: "{{ iso.members | number }}"}\n'
                    '  - {label: "International Standards", value: "{{ iso.standards | qualified }}"}\n'
                    '  - {label: "Technical committees", value: "{{ iso.technical_committees | qualified }}"}\n'
                    '  - {label: "IEC family", value: "{{ iec.family | number }}"}\n')
        else:
            body = "cards:\n" + "".join(
                f'  - heading: "Card {c}"\n    items:\n'
                + "".join(f'      - "{text}"\n' for text in bullets(number + c, slice(3, 5)))
                for c in (1, 2, 3)) + "items:\n" + f'  - "{bullets(number)[0]}"\n'
        notes = f"{bullets(number)[1]}. {bullets(number)[3]}."
        (content / "slides" / f"{number:04d}-{slide_id}.yaml").write_text(
            f"kind: {kind}\ntitle: {title}\n{body}notes: \"{notes}\"\n", encoding="utf-8")
    (content / "deck.yaml").write_text(
        "id: synthetic\ntitle: \"A synthetic deck\"\nsource_language: en\nlocales: []\n"
        "template: templates/corporate\nslides:\n" + "".join(f"  - {i}\n" for i in ids), encoding="utf-8")
    return content


def markdown_deck(folder: Path, slides: int) -> Path:
    path = folder / f"deck-{slides}.md"
    parts = ["---\ntitle: ISO, IEC and CASCO\n---\n"]
    for number in range(1, slides + 1):
        parts.append(f"\n# {TITLE.format(n=number)}\n\n" + "\n".join(f"- {text}" for text in bullets(number)) + "\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def peer_ready() -> str | None:
    """None when PptxGenJS can run; else why not."""
    if not shutil.which("node"):
        return "skipped: node not installed"
    if not (PEER / "node_modules" / "pptxgenjs").is_dir():
        npm = shutil.which("npm")
        if not npm:
            return "skipped: npm not installed"
        done = subprocess.run([npm, "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEER,
                              capture_output=True, text=True)
        if done.returncode != 0:
            return "skipped: npm install failed: " + (done.stderr.strip().splitlines() or ["?"])[-1]
    return None


# ---------------------------------------------------------------- the cases

class Case:
    def __init__(self, name: str, what: str, run, group: str, setup=None):
        self.name, self.what, self.run, self.group, self.setup = name, what, run, group, setup
        self.runs: list[Run] = []
        self.note = ""

    def stats(self) -> dict:
        good = [r for r in self.runs if r.ok]
        if not good:
            return {}
        times = [r.seconds for r in good]
        return {"min": min(times), "median": statistics.median(times), "max": max(times),
                "peak_mb": max(r.peak_mb for r in good), "runs": len(good)}


def make_cases(work: Path, python: str, env: dict, only: set[str] | None) -> list[Case]:
    deck = [python, str(DRIVER), "build", "--quiet"]
    counter = iter(range(10 ** 6))

    def fresh_out() -> str:
        return str(work / f"out-{next(counter)}")

    cases: list[Case] = []

    def add(name, what, run, group, setup=None, note=None):
        if only is None or name in only:
            cases.append(Case(name, what, run, group, setup))
            cases[-1].note = note or ""

    add("en", "deck build (English), cold process", lambda: timed(deck + ["--out", fresh_out()], env=env), "deck")
    add("all", "deck build --all-locales", lambda: timed(deck + ["--all-locales", "--out", fresh_out()], env=env),
        "deck")
    add("all-j1", "deck build --all-locales -j 1",
        lambda: timed(deck + ["--all-locales", "-j", "1", "--out", fresh_out()], env=env), "deck")
    add("all-j2", "deck build --all-locales -j 2",
        lambda: timed(deck + ["--all-locales", "-j", "2", "--out", fresh_out()], env=env), "deck")

    _add_libreoffice_cases(add, work, deck, env)

    nochange_out = str(work / "out-nochange")
    add("nochange", "no-change rebuild: deck build --all-locales, nothing changed",
        lambda: timed(deck + ["--all-locales", "--out", nochange_out], env=env), "deck",
        setup=lambda: timed(deck + ["--all-locales", "--out", nochange_out], env=env))

    figure_content = work / "content-figure"
    figure_out = str(work / "out-figure")
    values = iter(range(10 ** 6))

    def change_a_figure() -> Run:
        """iec.technical_committees (on the IEC figures slide and in its notes) takes a new value each run."""
        path = figure_content / "figures.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        group = None
        for index, line in enumerate(lines):
            if line and not line[0].isspace():
                group = line.split(":")[0]
            if group == "iec" and line.startswith("  technical_committees:"):
                lines[index + 1] = f"    value: {210 + next(values)}\n"
                break
        path.write_text("".join(lines), encoding="utf-8")
        return timed(deck + ["--all-locales", "--content", str(figure_content), "--out", figure_out], env=env)

    def figure_setup() -> Run:
        shutil.copytree(ROOT / "content", figure_content)
        return timed(deck + ["--all-locales", "--content", str(figure_content), "--out", figure_out], env=env)

    add("figure", "rebuild after one figure changed (every locale shows it)", change_a_figure, "deck",
        setup=figure_setup)

    warm_cases(add, work, python, env)

    for slides in SYNTHETIC:
        def synthetic(slides=slides):
            return timed(deck + ["--content", str(work / f"content-{slides}"), "--out", fresh_out()], env=env)

        def synthetic_setup(slides=slides):
            synthetic_content(work, slides)

        add(f"synthetic-{slides}", f"deck build, synthetic {slides}-slide deck", synthetic, "synthetic",
            setup=synthetic_setup)

    floor = [python, str(FLOOR), "--template", str(TEMPLATE)]
    add("floor-1", f"floor: python-pptx, 1 deck of {DECK_SLIDES} slides",
        lambda: timed(floor + ["--slides", str(DECK_SLIDES), "--out", fresh_out()], env=env), "floor")
    add("floor-6", f"floor: python-pptx, {LOCALES} decks of {DECK_SLIDES} slides",
        lambda: timed(floor + ["--slides", str(DECK_SLIDES), "--decks", str(LOCALES), "--out", fresh_out()], env=env),
        "floor")
    for slides in SYNTHETIC:
        add(f"floor-{slides}", f"floor: python-pptx, 1 deck of {slides} slides",
            lambda slides=slides: timed(floor + ["--slides", str(slides), "--out", fresh_out()], env=env), "floor")

    pandoc = shutil.which("pandoc")

    def pandoc_decks(count: int):
        markdown = work / f"deck-{DECK_SLIDES}.md"
        return timed_sequence([[pandoc, str(markdown), "-o", str(work / f"pandoc-{i}.pptx"),
                                "--reference-doc", str(TEMPLATE)] for i in range(count)])

    pandoc_note = None if pandoc else "skipped: pandoc not installed"
    add("pandoc-1", f"pandoc: 1 deck of {DECK_SLIDES} slides from Markdown", lambda: pandoc_decks(1), "peer",
        setup=lambda: markdown_deck(work, DECK_SLIDES))
    add("pandoc-6", f"pandoc: {LOCALES} decks, one process each", lambda: pandoc_decks(LOCALES), "peer",
        setup=lambda: markdown_deck(work, DECK_SLIDES))

    node = shutil.which("node")
    peer = [node or "node", str(PEER / "peer.js")]
    add("pptxgenjs-1", f"PptxGenJS: 1 deck of {DECK_SLIDES} slides",
        lambda: timed(peer + ["--decks", "1", "--slides", str(DECK_SLIDES), "--out", fresh_out()]), "peer")
    add("pptxgenjs-6", f"PptxGenJS: {LOCALES} decks of {DECK_SLIDES} slides, one process",
        lambda: timed(peer + ["--decks", str(LOCALES), "--slides", str(DECK_SLIDES), "--out", fresh_out()]), "peer")
    add("pptxgenjs-1000", "PptxGenJS: 1 deck of 1000 slides",
        lambda: timed(peer + ["--decks", "1", "--slides", "1000", "--out", fresh_out()]), "peer")

    for name, what, run, setup in serve_cases(work, python, env):
        add(name, what, run, "serve", setup=setup)

    peer_note = None
    if any(c.name.startswith("pptxgenjs") for c in cases):
        peer_note = peer_ready()
    for case in cases:
        if case.name.startswith("pandoc") and pandoc_note:
            case.note = pandoc_note
        if case.name.startswith("pptxgenjs") and peer_note:
            case.note = peer_note
    return cases


SERVERS: list[subprocess.Popen] = []      # deck serve processes the cases started


def stop_servers() -> None:
    """Stop every ``deck serve`` (and its LibreOffice) before the work folder is removed."""
    import signal

    for process in SERVERS:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def serve_cases(work: Path, python: str, env: dict) -> list[tuple]:
    """The live preview's loop: one ``deck serve`` over every locale, a figure saved each run.

    One edit gives both numbers, from the moment figures.yaml is saved: ``serve-pptx`` until
    the English PPTX on disk has new bytes, ``serve-png`` until the server serves new bytes
    for the PNG of the slide showing the figure. ``serve-pptx`` waits until the page says the
    server is idle (every locale's previews of the last edit drawn), makes the edit and waits
    for both; ``serve-png`` reports what that edit measured. Peak memory is the server process's own (LibreOffice not included).
    """
    import urllib.request

    content, out = work / "content-serve", work / "out-serve"
    server: dict = {}
    measured: list[Run] = []
    values = iter(range(10 ** 6))
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def served(path: str) -> bytes:
        try:
            with direct.open(server["url"] + path, timeout=10) as response:
                return response.read()
        except OSError:
            return b""

    def start() -> Run:
        import atexit
        import signal

        shutil.copytree(ROOT / "content", content)
        listed = re.search(r"^slides:\n((?:  - .*\n)+)", (content / "deck.yaml").read_text(encoding="utf-8"), re.M)
        number = [line[4:] for line in listed.group(1).splitlines()].index("iec-figures") + 1
        server["png"] = f"previews/en/slide-{number:02d}.png"
        log = work / "serve.log"
        with log.open("w") as sink:
            process = subprocess.Popen([python, str(DRIVER), "serve", "--content", str(content), "--out", str(out),
                                        "--port", "0"], cwd=ROOT, env=env, stderr=sink, start_new_session=True)
        atexit.register(lambda: process.poll() is None and os.killpg(process.pid, signal.SIGINT))
        SERVERS.append(process)
        server["pid"] = process.pid
        while "\nbuilt " not in log.read_text(encoding="utf-8"):      # the first build: PPTX, PDF, PNG
            if process.poll() is not None:
                return Run(0, 0, False, log.read_text(encoding="utf-8").strip().splitlines()[-1])
            time.sleep(0.2)
        server["url"] = log.read_text(encoding="utf-8").split()[1]
        return Run(0, 0, True)

    def edit_and_wait() -> Run:
        while b'<div id="status"></div>' not in served(""):     # the previous edit's previews all drawn
            time.sleep(0.1)
        pptx = out / "iso-iec-casco-intro-en.pptx"
        old_pptx, old_png = pptx.read_bytes(), served(server["png"])
        path = content / "figures.yaml"
        text = re.sub(r"(^iec:\n(?:  .*\n|\n)*?  technical_committees:\n    value: )\d+",
                      lambda m: f"{m.group(1)}{300 + next(values)}", path.read_text(encoding="utf-8"), flags=re.M)
        path.write_text(text, encoding="utf-8")
        saved = time.perf_counter()
        pptx_seconds = png_seconds = None
        while time.perf_counter() - saved < 300 and png_seconds is None:
            if pptx_seconds is None and pptx.read_bytes() != old_pptx:
                pptx_seconds = time.perf_counter() - saved
            elif pptx_seconds is not None and served(server["png"]) not in (b"", old_png):
                png_seconds = time.perf_counter() - saved
            time.sleep(0.01)
        peak = _peak_mb(server["pid"])
        measured.append(Run(png_seconds or 0, peak, png_seconds is not None, "" if png_seconds else "no new PNG"))
        return Run(pptx_seconds or 0, peak, pptx_seconds is not None, "" if pptx_seconds else "no new PPTX")

    return [("serve-pptx", "deck serve: figure saved -> new English PPTX on disk", edit_and_wait, start),
            ("serve-png", "deck serve: figure saved -> new PNG of its slide served", lambda: measured[-1], None)]


def _peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0
def _add_libreoffice_cases(add, work: Path, deck: list[str], env: dict) -> None:
    """``--pdf --png`` for all locales beside one warm ``soffice --convert-to pdf`` call on the same decks.

    The decks are built once; the soffice call gets a profile folder that already exists (a
    first conversion made it), as the build's kept profiles do (``XDG_CACHE_HOME`` is the
    bench's own folder, warmed by the set-up build).
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    decks_out = work / "out-pdfpng"
    profile = (work / "soffice-profile").as_uri()

    def soffice_call() -> Run:
        decks = sorted(str(path) for path in decks_out.glob("*.pptx"))
        return timed([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
                      "--convert-to", "pdf", "--outdir", str(work / "soffice-pdf"), *decks], env=env)

    def setup() -> Run:
        built = timed(deck + ["--all-locales", "--pdf", "--png", "--out", str(decks_out)], env=env)
        return soffice_call() if built.ok else built

    def pdfpng(*jobs: str):
        return lambda: timed(deck + ["--all-locales", "--pdf", "--png", "--force", *jobs, "--out", str(decks_out)],
                             env=env)

    note = None if soffice else "skipped: LibreOffice not installed"
    for name, what, run, setup_ in (
            ("soffice", "one soffice --convert-to pdf call, the same decks, warm profile", soffice_call, setup),
            ("pdfpng", "deck build --all-locales --pdf --png --force (-j = the CPUs)", pdfpng(), setup),
            ("pdfpng-j1", "deck build --all-locales --pdf --png --force -j 1", pdfpng("-j", "1"), setup),
            ("pdfpng-j2", "deck build --all-locales --pdf --png --force -j 2", pdfpng("-j", "2"), setup)):
        add(name, what, run, "libreoffice", setup=setup_, note=note)


# ---------------------------------------------------------------- checks (the speed targets)

def warm_cases(add, work: Path, python: str, env: dict) -> None:
    """A warm rebuild (``generator.warm``) of every locale after one figure edit: ``bench/warm_driver.py``
    builds once, then times ten edits and rebuilds in its own process; the case's time is their median."""
    content = work / "content-warm"

    def warm_rebuild() -> Run:
        command = [python, str(WARM_DRIVER), "--content", str(content), "--out", str(work / "out-warm")]
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        stdout = process.stdout.read()
        process.stdout.close()
        _, status, usage = os.wait4(process.pid, 0)
        ok = os.waitstatus_to_exitcode(status) == 0
        seconds = json.loads(stdout)["median"] if ok else 0.0
        return Run(seconds, usage.ru_maxrss / 1024, ok, "" if ok else "bench/warm_driver.py failed")

    add("warm-figure", "warm rebuild of every locale after one figure edit (median in one process)",
        warm_rebuild, "deck", setup=lambda: shutil.copytree(ROOT / "content", content, dirs_exist_ok=True))


def checks(by_name: dict[str, Case]) -> list[dict]:
    def median(name):
        stats = by_name[name].stats() if name in by_name else {}
        return stats.get("median")

    def peak(name):
        stats = by_name[name].stats() if name in by_name else {}
        return stats.get("peak_mb")

    rows = []

    def ratio(label, numerator, denominator, limit, note=""):
        a, b = median(numerator), median(denominator)
        value = a / b if a is not None and b else None
        rows.append({"check": label, "value": value, "limit": limit, "unit": "x",
                     "pass": None if value is None else value <= limit, "note": note})

    def paired(label, numerator, denominator, limit):
        """The median of the per-round ratios: each round's two runs were taken one after the other."""
        a, b = by_name.get(numerator), by_name.get(denominator)
        pairs = [x.seconds / y.seconds for x, y in zip(a.runs, b.runs) if x.ok and y.ok] if a and b else []
        value = statistics.median(pairs) if pairs else None
        rows.append({"check": label + " (paired)", "value": value, "limit": limit, "unit": "x",
                     "pass": None if value is None else value <= limit, "note": ""})

    def absolute(label, name, limit, unit, getter):
        value = getter(name)
        rows.append({"check": label, "value": value, "limit": limit, "unit": unit,
                     "pass": None if value is None else value <= limit, "note": ""})

    ratio("--all-locales / floor (6 decks)", "all", "floor-6", 1.5)
    ratio("--all-locales -j 2 / floor (6 decks)", "all-j2", "floor-6", 1.5)
    ratio("no-change rebuild / floor (English)", "nochange", "floor-1", 0.5)
    ratio("1000 slides / 500 slides", "synthetic-1000", "synthetic-500", 2.2)
    absolute("1000-slide deck, seconds", "synthetic-1000", 1.5, "s", median)
    absolute("1000-slide deck, peak MB", "synthetic-1000", 300, "MB", peak)
    ratio("--all-locales / pandoc (6 processes)", "all", "pandoc-6", 1.0, "must be below 1: faster")
    ratio("--all-locales / PptxGenJS (6 decks)", "all", "pptxgenjs-6", 1.2)
    absolute("warm rebuild after a figure edit, seconds", "warm-figure", 0.15, "s", median)
    ratio("warm rebuild after a figure edit / PptxGenJS (6 decks, cold)", "warm-figure", "pptxgenjs-6", 1.0,
          "must be below 1: faster")
    absolute("deck serve: save -> changed slide's PNG, seconds", "serve-png", 2.0, "s", median)
    ratio("floor 1000 / floor 500 (python-pptx itself)", "floor-1000", "floor-500", float("inf"), "reference")
    paired("--pdf --png / one warm soffice call", "pdfpng", "soffice", 1.2)
    paired("--pdf --png -j 1 / one warm soffice call", "pdfpng-j1", "soffice", 1.2)
    paired("--pdf --png -j 2 / one warm soffice call", "pdfpng-j2", "soffice", 0.8)
    return rows


# ---------------------------------------------------------------- report

def machine() -> dict:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": model or platform.processor(), "python": platform.python_version(),
            "platform": platform.platform(), "load_average": list(os.getloadavg())}


def fmt(value, unit="s") -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.3f}"
    if unit == "x":
        return f"{value:.2f}×"
    return f"{value:.0f}"


def table(cases: list[Case], rows: list[dict], info: dict) -> str:
    lines = [f"machine: {info['nproc']} CPUs, {info['cpu']}, Python {info['python']}; "
             f"load average at start {info['load_average'][0]:.2f}", ""]
    lines.append(f"{'case':16} {'runs':>4} {'min s':>8} {'median s':>9} {'max s':>8} {'peak MB':>8}  what")
    for case in cases:
        stats = case.stats()
        if not stats:
            detail = case.note or next((r.detail for r in case.runs if not r.ok), "no run")
            lines.append(f"{case.name:16} {'':>4} {'':>8} {'':>9} {'':>8} {'':>8}  {case.what}: {detail}")
            continue
        lines.append(f"{case.name:16} {stats['runs']:>4} {stats['min']:>8.3f} {stats['median']:>9.3f} "
                     f"{stats['max']:>8.3f} {stats['peak_mb']:>8.0f}  {case.what}")
    lines += ["", f"{'check (medians)':52} {'value':>9} {'target':>9}  result"]
    for row in rows:
        limit = "—" if row["limit"] == float("inf") else f"≤ {fmt(row['limit'], row['unit'])}"
        verdict = {True: "ok", False: "MISSED", None: "n/a"}[row["pass"]]
        if row["note"] == "reference":
            verdict = "reference"
        lines.append(f"{row['check']:52} {fmt(row['value'], row['unit']):>9} {limit:>9}  {verdict}")
    return "\n".join(lines)


def _environment(work: Path, source: Path | None) -> dict:
    """The children's environment: no SOURCE_DATE_EPOCH, and bytecode cached as in normal use.

    PYTHONDONTWRITEBYTECODE (set in some sandboxes) would make every run compile the
    generator's sources again; the bytecode goes to a private PYTHONPYCACHEPREFIX instead,
    compiled before the first timed run.
    """
    env = dict(os.environ)
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    env["XDG_CACHE_HOME"] = str(work / "cache")           # LibreOffice profiles: the bench's own, warmed in set-up
    package = (source.resolve() if source else ROOT) / "generator"
    if source:
        env["PYTHONPATH"] = str(source.resolve()) + os.pathsep + env.get("PYTHONPATH", "")
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package), str(HERE)], env=env,
                   stdout=subprocess.DEVNULL, check=False)
    return env


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 runs per case instead of 5")
    parser.add_argument("--reps", type=int, default=None, help="runs per case")
    parser.add_argument("--only", default=None, help="comma-separated case names")
    parser.add_argument("--json", type=Path, default=HERE / "results.json", help="where to write the results")
    parser.add_argument("--source", type=Path, default=None,
                        help="time the generator in this folder instead (an earlier checkout)")
    args = parser.parse_args(argv)
    reps = args.reps or (2 if args.quick else 5)
    only = set(args.only.split(",")) if args.only else None
    info = machine()
    with tempfile.TemporaryDirectory(prefix="deck-bench-", ignore_cleanup_errors=True) as scratch:
        work = Path(scratch)
        env = _environment(work, args.source)
        cases = make_cases(work, sys.executable, env, only)
        done = []
        for case in cases:
            if case.setup and not case.note and case.setup not in done:    # cases may share one set-up
                print(f"setting up {case.name}...", file=sys.stderr)
                case.setup()
                done.append(case.setup)
        for rep in range(reps):
            for case in cases:
                if case.note:
                    continue
                run = case.run()
                case.runs.append(run)
                print(f"[{rep + 1}/{reps}] {case.name:16} {run.seconds:7.3f} s {run.peak_mb:6.0f} MB"
                      + ("" if run.ok else f"  FAILED: {run.detail}"), file=sys.stderr)
        stop_servers()
    info["load_average_end"] = list(os.getloadavg())
    by_name = {case.name: case for case in cases}
    rows = checks(by_name)
    print(table(cases, rows, info))
    results = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "source": str(args.source.resolve()) if args.source else str(ROOT),
        "reps": reps,
        "machine": info,
        "cases": {case.name: {"what": case.what, "group": case.group, "note": case.note, **case.stats(),
                              "times": [round(r.seconds, 4) for r in case.runs],
                              "failures": [r.detail for r in case.runs if not r.ok]} for case in cases},
        "checks": [{**row, "limit": None if row["limit"] == float("inf") else row["limit"]} for row in rows],
    }
    args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nresults: {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
