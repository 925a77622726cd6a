"""LibreOffice in headless mode: PPTX -> PDF, in one or more side-by-side runs, each with its own profile.

A profile (``-env:UserInstallation``) is private to one LibreOffice process at a time: two
processes sharing one collide, the usual cause of silent failures. Creating a profile costs
LibreOffice time before its first page, so profiles are kept between builds under the user's
cache folder, ``$XDG_CACHE_HOME/iso-casco-deck/libreoffice-profile-<n>``, each locked with
``flock`` while a process uses it: a concurrent build takes the next free ``n``. A profile is
marked ready only after LibreOffice ran with it successfully; one that is not (its first run
failed or was killed) is wiped and made again.

``SofficeConverter(jobs).convert(decks, out_dir, on_pdf)`` splits the decks over ``jobs``
LibreOffice processes so that they finish together (by slide count) and calls ``on_pdf`` as
soon as each PDF is complete, so that previews can start while the other decks convert.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import selectors
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DeckError, display_path
from ..processes import die_with_parent, stop_processes_naming
from .writer import write_atomic

INSTALL_HINT = "install it with: sudo apt-get install libreoffice-impress"
DEFAULT_TIMEOUT = 600
CACHE_NAME = "iso-casco-deck"
PROFILE_PREFIX = "libreoffice-profile-"
READY_MARK = "ready"
MAX_PROFILES = 64
_CONVERTING = re.compile(r"^convert (?P<source>.+) -> (?P<target>.+?) using filter")

OnPdf = Callable[[int, Path], None]        # (index of the deck in the list given, its finished PDF)


def find_soffice() -> str:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise DeckError(f"LibreOffice (soffice) was not found on PATH; {INSTALL_HINT}")


def start_process(command: list[str], **options) -> subprocess.Popen:
    """Every LibreOffice process starts here, dying with the build (``generator.processes``)."""
    return subprocess.Popen(command, preexec_fn=die_with_parent, **options)


def renderer_stamp() -> str:
    """Which LibreOffice renders: its program folder's version file, hashed (a PDF made by another is redone)."""
    program = Path(os.path.realpath(find_soffice())).parent
    digest = hashlib.sha256(str(program).encode())
    version_file = program / "versionrc"
    if version_file.is_file():
        digest.update(version_file.read_bytes())
    return digest.hexdigest()[:16]


# ---------------------------------------------------------------- profiles kept between runs

def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / CACHE_NAME


@dataclass
class Profile:
    """A LibreOffice profile folder, locked for this process until ``release``."""

    folder: Path
    lock: int

    @property
    def ready(self) -> bool:
        return (self.folder / READY_MARK).is_file()

    def mark(self, ready: bool) -> None:
        if ready:
            (self.folder / READY_MARK).write_text("initialised by a successful LibreOffice run\n", encoding="utf-8")
        else:
            (self.folder / READY_MARK).unlink(missing_ok=True)

    def release(self) -> None:
        os.close(self.lock)


def lease_profile(root: Path | None = None) -> Profile:
    """The first profile no other process holds, locked; not ready ones are wiped first."""
    root = Path(root or cache_dir())
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DeckError(f"{display_path(root)}: cannot create the LibreOffice profile folder: {exc.strerror}") from None
    for number in range(MAX_PROFILES):
        folder = root / f"{PROFILE_PREFIX}{number}"
        lock = os.open(root / f"{PROFILE_PREFIX}{number}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(lock)
            continue
        profile = Profile(folder, lock)
        # A profile nobody holds may still be used by the LibreOffice of a killed build: soffice
        # starts soffice.bin as a grandchild, which the death signal does not reach.
        stop_processes_naming(folder)
        if not profile.ready:
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True, exist_ok=True)
        return profile
    raise DeckError(f"{display_path(root)}: all {MAX_PROFILES} LibreOffice profiles are in use")


# ---------------------------------------------------------------- converting

class SofficeConverter:
    """PPTX -> PDF with ``jobs`` LibreOffice processes side by side, one deck list each.

    Each process starts once for its whole list (starting costs more than a deck). A
    long-lived LibreOffice could replace this class behind the same ``convert``.
    """

    def __init__(self, jobs: int = 1, timeout: int = DEFAULT_TIMEOUT, profiles: Path | None = None):
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.profiles = profiles

    def convert(self, decks: list[Path], out_dir: Path, on_pdf: OnPdf | None = None) -> list[Path]:
        """A PDF per deck in ``out_dir``, in the order of ``decks``; written only when every deck converted.

        ``on_pdf(index, pdf)`` is called as each PDF is complete, with its path in a scratch
        folder that stays until ``convert`` returns.
        """
        soffice = find_soffice()
        decks = [Path(deck) for deck in decks]
        with tempfile.TemporaryDirectory(prefix="deck-soffice-") as scratch:
            lanes = [_Lane(indexes, Path(scratch) / f"out-{n}") for n, indexes in
                     enumerate(split_by_weight([_weight(deck) for deck in decks], self.jobs))]
            try:
                for lane in lanes:
                    lane.start(soffice, [decks[i] for i in lane.indexes], lease_profile(self.profiles))
                _follow(lanes, self.timeout, on_pdf or (lambda index, pdf: None), len(decks))
            finally:
                for lane in lanes:
                    lane.stop()
            produced = {index: pdf for lane in lanes for index, pdf in lane.finished.items()}
            for index, deck in enumerate(decks):
                if index not in produced:
                    lane = next(lane for lane in lanes if index in lane.indexes)
                    raise DeckError(f"LibreOffice could not convert {display_path(deck)}: {lane.last_words()}")
            targets = []
            for index in range(len(decks)):
                target = Path(out_dir) / produced[index].name
                write_atomic(target, produced[index].read_bytes())
                targets.append(target)
            return targets


def convert_to_pdf(decks: list[Path], out_dir: Path, timeout: int = DEFAULT_TIMEOUT, jobs: int = 1,
                   on_pdf: OnPdf | None = None) -> list[Path]:
    """``SofficeConverter(jobs, timeout).convert(decks, out_dir, on_pdf)``."""
    return SofficeConverter(jobs, timeout).convert(decks, out_dir, on_pdf)


def split_by_weight(weights: list[float], parts: int) -> list[list[int]]:
    """Indexes into ``weights`` in at most ``parts`` groups of about equal sums, each in ascending order.

    The heaviest item goes to the lightest group first (longest processing time first).
    """
    parts = max(1, min(parts, len(weights)))
    groups: list[list[int]] = [[] for _ in range(parts)]
    sums = [0.0] * parts
    for index in sorted(range(len(weights)), key=lambda i: (-weights[i], i)):
        lightest = min(range(parts), key=lambda g: (sums[g], g))
        groups[lightest].append(index)
        sums[lightest] += weights[index]
    return [sorted(group) for group in groups if group]


def _weight(deck: Path) -> float:
    """A deck's conversion cost, roughly: its slide count (its size when it is not a readable package)."""
    from .manifest import slide_count

    try:
        return slide_count(deck) or 1
    except Exception:                           # noqa: BLE001 - LibreOffice reports what is wrong with it
        return max(1.0, deck.stat().st_size / 50_000) if deck.exists() else 1.0


@dataclass
class _Lane:
    """One LibreOffice process converting its share of the decks, one after the other."""

    indexes: list[int]
    out_dir: Path
    process: subprocess.Popen | None = None
    profile: Profile | None = None
    announced: list[Path] = field(default_factory=list)     # targets LibreOffice said it is writing
    expected: dict[str, int] = field(default_factory=dict)   # target path -> index of its deck
    finished: dict[int, Path] = field(default_factory=dict)
    output: list[str] = field(default_factory=list)
    _pending: str = ""

    def start(self, soffice: str, decks: list[Path], profile: Profile) -> None:
        self.profile = profile
        self.out_dir.mkdir(parents=True)
        home = profile.folder / "home"
        home.mkdir(exist_ok=True)
        command = [soffice, f"-env:UserInstallation={profile.folder.as_uri()}", "--headless",
                   "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(self.out_dir),
                   *map(str, decks)]
        self.expected = {str(self.out_dir / (deck.stem + ".pdf")): index for deck, index in zip(decks, self.indexes)}
        self.process = start_process(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env={**os.environ, "HOME": str(home)})

    def read(self, on_pdf: OnPdf) -> bool:
        """Take what LibreOffice printed; False once it has exited. Each new deck announced ends the one before."""
        chunk = os.read(self.process.stdout.fileno(), 65536)
        if not chunk:
            self.process.wait()
            self._finish(len(self.announced), on_pdf)
            self.profile.mark(ready=self.process.returncode == 0)   # a crashed run's profile is made anew
            return False
        lines = (self._pending + chunk.decode("utf-8", "replace")).split("\n")
        self._pending = lines.pop()
        for line in lines:
            self.output.append(line)
            match = _CONVERTING.match(line)
            if match:
                self._finish(len(self.announced), on_pdf)
                self.announced.append(Path(match["target"]))
        return True

    def _finish(self, upto: int, on_pdf: OnPdf) -> None:
        """The decks announced before ``upto`` are written (or failed): report the PDFs that exist."""
        for target in self.announced[:upto]:
            index = self.expected.get(str(target))
            if index is not None and index not in self.finished and target.is_file():
                self.finished[index] = target
                on_pdf(index, target)

    def last_words(self) -> str:
        lines = [line.strip() for line in self.output + [self._pending] if line.strip()]
        useful = [line for line in lines if not line.startswith(("convert ", "Warning: failed to launch javaldx"))]
        return (useful or lines or ["no output"])[-1]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process is not None:
            self.process.stdout.close()
        if self.profile is not None:
            self.profile.release()
            self.profile = None


def _follow(lanes: list[_Lane], timeout: float, on_pdf: OnPdf, count: int) -> None:
    """Read every lane's output until all have exited, reporting PDFs as they complete."""
    deadline = time.monotonic() + timeout
    selector = selectors.DefaultSelector()
    for lane in lanes:
        selector.register(lane.process.stdout, selectors.EVENT_READ, lane)
    try:
        running = len(lanes)
        while running:
            left = deadline - time.monotonic()
            if left <= 0:
                raise DeckError(f"LibreOffice did not finish converting {count} deck(s) in {timeout:g} s")
            for key, _ in selector.select(timeout=left):
                if not key.data.read(on_pdf):
                    selector.unregister(key.fileobj)
                    running -= 1
    finally:
        selector.close()
