"""LibreOffice in headless mode: PPTX -> PDF, in one or more side-by-side processes, each with its own profile.

Two converters with one interface (``start``, ``convert``, ``close``; a context manager):

- ``UnoConverter``, used whenever a Python that can ``import uno`` is found (``uno_python``):
  each lane is a long-lived LibreOffice listening on a private UNO pipe, driven by
  ``uno_worker.py``. It starts before the decks exist (``start``), so LibreOffice's start
  overlaps rendering, takes one deck at a time from a shared queue, the heaviest first, and
  stays up for the next ``convert`` (``deck serve`` keeps one for its whole session).
- ``SofficeConverter``, the fallback: one ``soffice --convert-to pdf`` run per lane, with its
  share of the decks on the command line.

``open_converter`` picks one. A profile (``-env:UserInstallation``) is private to one
LibreOffice process at a time: two processes sharing one collide, the usual cause of silent
failures. Creating a profile costs LibreOffice time before its first page, so profiles are
kept between builds under the user's cache folder,
``$XDG_CACHE_HOME/iso-casco-deck/libreoffice-profile-<n>``, each locked with ``flock`` while a
process uses it: a concurrent build takes the next free ``n``. A profile is marked ready
only after LibreOffice ran with it successfully; one that is not (its first run failed or
was killed) is wiped and made again.

``convert(decks, out_dir, on_pdf)`` calls ``on_pdf`` as soon as each PDF is complete, so
that previews can start while the other decks convert.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import json
import os
import re
import secrets
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
from .incremental import sha256_file
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

def open_converter(jobs: int = 1, timeout: int = DEFAULT_TIMEOUT, profiles: Path | None = None):
    """A long-lived ``UnoConverter`` where a Python with ``uno`` is found, else a ``SofficeConverter``."""
    python = uno_python()
    if python is None:
        return SofficeConverter(jobs, timeout, profiles)
    return UnoConverter(python, jobs, timeout, profiles)


def convert_to_pdf(decks: list[Path], out_dir: Path, timeout: int = DEFAULT_TIMEOUT, jobs: int = 1,
                   on_pdf: OnPdf | None = None) -> list[Path]:
    """The decks' PDFs in ``out_dir`` from a converter started for them and closed after."""
    with open_converter(jobs, timeout) as converter:
        return converter.convert(decks, out_dir, on_pdf)


class _Converter:
    """What both converters share: ``start`` and ``close`` around ``convert``, as a context manager."""

    def start(self, lanes: int | None = None) -> None:
        """Get ``lanes`` LibreOffice processes (at most ``jobs``, all by default) going before ``convert``.

        It may be called again: it starts only those missing.
        """

    def submit(self, name: str, data: bytes) -> None:
        """Hand over a deck (``data``, file name ``name``) that ``convert`` will be asked for; this one waits for it."""

    def close(self) -> None:
        """Stop what ``start`` started."""

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace) -> None:
        self.close()


class SofficeConverter(_Converter):
    """PPTX -> PDF with ``jobs`` ``soffice --convert-to pdf`` runs side by side, one deck list each.

    Each process starts once for its whole list (starting costs more than a deck).
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


# ---------------------------------------------------------------- a long-lived LibreOffice, over UNO

UNO_WORKER = Path(__file__).with_name("uno_worker.py")
UNO_CONNECT_TIMEOUT = 120        # seconds for LibreOffice to listen; a first start makes its profile
STOP_WAIT = 10                   # seconds LibreOffice gets to quit before it is killed
POLL = 0.25                      # seconds between looks at whether a starting LibreOffice died
PIPE_PREFIX = "iso-casco-deck-"  # our UNO pipes: iso-casco-deck-<build's pid>-<lane>-<random>
PIPE_FOLDER = Path("/tmp")       # where LibreOffice puts a named pipe's socket, whatever TMPDIR says


@functools.cache
def uno_python() -> str | None:
    """A Python that can ``import uno``: ``$UNO_PYTHON``, LibreOffice's own, or the system's; None if none can."""
    configured = os.environ.get("UNO_PYTHON")
    candidates = [configured] if configured else _uno_python_candidates()
    for candidate in dict.fromkeys(candidates):
        if candidate and os.access(candidate, os.X_OK) and _imports_uno(candidate):
            return candidate
    if configured:
        raise DeckError(f"UNO_PYTHON={configured}: that Python cannot import uno; "
                        "install python3-uno, or unset UNO_PYTHON")
    return None


def _uno_python_candidates() -> list[str]:
    candidates = []
    try:
        candidates.append(str(Path(os.path.realpath(find_soffice())).parent / "python"))
    except DeckError:
        pass
    return candidates + ["/usr/bin/python3", shutil.which("python3") or ""]


def _imports_uno(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import uno"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=_worker_env(), timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _worker_env() -> dict:
    """The environment without this Python's own search paths: the worker may be another Python."""
    return {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "PYTHONHOME")}


class UnoConverter(_Converter):
    """PPTX -> PDF in ``jobs`` long-lived LibreOffice processes, fed one deck at a time over UNO.

    ``start`` launches them and returns at once. ``convert`` hands each free one the next
    deck and reports each PDF as it is written. ``submit`` hands a deck over before
    ``convert`` is called for it (a build submits each deck as soon as it is rendered): a
    later ``convert`` of the same bytes waits for that conversion instead of starting
    another. The processes stay up between calls until ``close``. Whatever goes wrong in
    ``convert`` closes them: the next call starts afresh.
    """

    def __init__(self, python: str, jobs: int = 1, timeout: int = DEFAULT_TIMEOUT, profiles: Path | None = None):
        self.python = python
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.profiles = profiles
        self.lanes: list[_UnoLane] = []
        self.scratch: Path | None = None
        self.queue: list[_Conversion] = []                  # not handed to a lane yet
        self.submitted: dict[str, _Conversion] = {}          # by the deck's sha256
        self._folders = 0

    def start(self, lanes: int | None = None) -> None:
        wanted = self.jobs if lanes is None else max(1, min(lanes, self.jobs))
        if len(self.lanes) >= wanted:
            return
        soffice = find_soffice()
        if self.scratch is None:
            remove_stale_pipes()
            self.scratch = Path(tempfile.mkdtemp(prefix="deck-libreoffice-"))
        try:
            while len(self.lanes) < wanted:
                self.lanes.append(_UnoLane(self.python, self.scratch, len(self.lanes)))
                self.lanes[-1].start(soffice, lease_profile(self.profiles))
        except BaseException:
            self.close()
            raise

    def submit(self, name: str, data: bytes) -> None:
        """Start converting the deck ``data`` (file name ``name``) as soon as a LibreOffice is free."""
        self.start(lanes=len(self.lanes) or None)
        key = hashlib.sha256(data).hexdigest()
        if key not in self.submitted:
            deck = self._folder() / name
            deck.write_bytes(data)
            self.submitted[key] = self._enqueue(deck)
        self._pump(0)

    def convert(self, decks: list[Path], out_dir: Path, on_pdf: OnPdf | None = None) -> list[Path]:
        """A PDF per deck in ``out_dir``, in the order of ``decks``; written only when every deck converted."""
        if any(lane.office.poll() is not None for lane in self.lanes):
            self.close()                       # one quit or crashed since the last call: start again
        self.start(lanes=len(self.lanes) or None)
        decks = [Path(deck) for deck in decks]
        conversions = []
        try:
            for deck in decks:
                conversions.append(self.submitted.pop(sha256_file(deck), None) or self._enqueue(deck))
            self._wait_for(conversions, on_pdf or (lambda index, pdf: None))
            targets = []
            for deck, conversion in zip(decks, conversions):
                target = Path(out_dir) / (deck.stem + ".pdf")
                write_atomic(target, conversion.pdf.read_bytes())
                targets.append(target)
            return targets
        except BaseException:
            self.close()
            raise
        finally:
            for conversion in conversions:
                shutil.rmtree(conversion.pdf.parent, ignore_errors=True)

    def _folder(self) -> Path:
        self._folders += 1
        folder = self.scratch / str(self._folders)
        folder.mkdir()
        return folder

    def _enqueue(self, deck: Path) -> _Conversion:
        conversion = _Conversion(deck, self._folder() / (deck.stem + ".pdf"))
        self.queue.append(conversion)
        return conversion

    def _wait_for(self, conversions: list[_Conversion], on_pdf: OnPdf) -> None:
        deadline = time.monotonic() + self.timeout
        reported = set()
        while True:
            for index, conversion in enumerate(conversions):
                if conversion.error is not None:
                    raise DeckError(f"LibreOffice could not convert {display_path(conversion.deck)}: "
                                    f"{conversion.error}")
                if conversion.done and index not in reported:
                    reported.add(index)
                    on_pdf(index, conversion.pdf)
            if len(reported) == len(conversions):
                return
            left = deadline - time.monotonic()
            if left <= 0:
                raise DeckError(f"LibreOffice did not finish converting {len(conversions)} deck(s) "
                                f"in {self.timeout:g} s")
            self._pump(min(left, POLL))

    def _pump(self, timeout: float) -> None:
        """Take what the lanes say within ``timeout`` seconds, giving each free one the next deck."""
        selector = selectors.DefaultSelector()
        try:
            for lane in self.lanes:
                selector.register(lane.worker.stdout, selectors.EVENT_READ, lane)
                self._hand_out(lane)
            for key, _ in selector.select(timeout=timeout):
                key.data.read()
                self._hand_out(key.data)
        finally:
            selector.close()
        for lane in self.lanes:
            lane.check_alive()

    def _hand_out(self, lane: _UnoLane) -> None:
        if self.queue and lane.ready and lane.busy is None:
            lane.send(self.queue.pop(0))

    def close(self) -> None:
        lanes, self.lanes = self.lanes, []
        self.queue, self.submitted = [], {}
        for lane in lanes:
            lane.ask_to_quit()
        for lane in lanes:
            lane.stop()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None


def remove_stale_pipes(folder: Path = PIPE_FOLDER) -> None:
    """Remove the sockets LibreOffice left for our pipes when it was killed: those of builds no longer running."""
    for socket in folder.glob(f"OSL_PIPE_{os.getuid()}_{PIPE_PREFIX}*"):
        pid = socket.name.rsplit(PIPE_PREFIX, 1)[1].split("-", 1)[0]
        if pid.isdigit() and not os.path.exists(f"/proc/{pid}"):
            socket.unlink(missing_ok=True)


@dataclass
class _Conversion:
    """One deck to convert, and what came of it."""

    deck: Path
    pdf: Path                     # where LibreOffice writes it
    done: bool = False
    error: str | None = None      # why LibreOffice could not convert it


@dataclass
class _UnoLane:
    """One LibreOffice listening on a private pipe, and the worker that drives it."""

    python: str
    scratch: Path
    number: int
    profile: Profile | None = None
    office: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    log: Path | None = None
    ready: bool = False
    busy: _Conversion | None = None           # the deck being converted
    failed: bool = False
    _pending: bytes = b""

    def start(self, soffice: str, profile: Profile) -> None:
        self.profile = profile
        home = profile.folder / "home"
        home.mkdir(exist_ok=True)
        pipe = f"{PIPE_PREFIX}{os.getpid()}-{self.number}-{secrets.token_hex(8)}"
        self.log = self.scratch / f"libreoffice-{self.number}.log"
        with open(self.log, "wb") as log:
            self.office = start_process(
                [soffice, f"-env:UserInstallation={profile.folder.as_uri()}", "--headless", "--invisible",
                 "--nodefault", "--nologo", "--norestore", "--nolockcheck", f"--accept=pipe,name={pipe};urp;"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "HOME": str(home)})
            self.worker = start_process([self.python, str(UNO_WORKER), pipe, str(UNO_CONNECT_TIMEOUT)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=_worker_env())

    def send(self, conversion: _Conversion) -> None:
        self.busy = conversion
        self._write({"deck": str(conversion.deck), "pdf": str(conversion.pdf)})

    def read(self) -> None:
        """Take the worker's replies: it listens, or the deck it was given is done (or failed)."""
        chunk = os.read(self.worker.stdout.fileno(), 65536)
        if not chunk:
            self._fail("it stopped")
        lines = (self._pending + chunk).split(b"\n")
        self._pending = lines.pop()
        for message in (json.loads(line) for line in lines if line.strip()):
            if "ready" in message:
                self.ready = True
            elif message.get("stopped") or self.busy is None:
                self._fail(message.get("error", "it said something unexpected"))
            else:
                self._finished(message)

    def _finished(self, message: dict) -> None:
        conversion, self.busy = self.busy, None
        if "error" in message:
            conversion.error = message["error"]
            return
        conversion.done = True
        if not self.profile.ready:
            self.profile.mark(ready=True)

    def check_alive(self) -> None:
        if self.office.poll() is not None:
            self._fail(f"it exited with status {self.office.returncode}")

    def _fail(self, why: str) -> None:
        self.failed = True
        doing = f" while converting {display_path(self.busy.deck)}" if self.busy is not None else \
            "" if self.ready else " while starting"
        raise DeckError(f"LibreOffice stopped{doing}: {why}; {self.last_words()}")

    def last_words(self) -> str:
        try:
            lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        useful = [line.strip() for line in lines if line.strip() and "javaldx" not in line]
        return useful[-1] if useful else "it said nothing"

    def ask_to_quit(self) -> None:
        """Ask the worker to quit LibreOffice; one that never listened is killed instead."""
        if self.worker is None:
            return
        if self.ready and not self.failed and self.worker.poll() is None:
            try:
                self._write({"quit": True})
                self.worker.stdin.close()
                return
            except OSError:
                pass
        self.failed = True
        for process in (self.worker, self.office):
            if process is not None and process.poll() is None:
                process.kill()

    def stop(self) -> None:
        """Wait for both processes to end (killing what does not), then give the profile back."""
        for process in (self.worker, self.office):
            if process is None:
                continue
            try:
                process.wait(timeout=STOP_WAIT)
            except subprocess.TimeoutExpired:
                self.failed = True
                process.kill()
                process.wait()
        for stream in (self.worker.stdin, self.worker.stdout) if self.worker else ():
            if not stream.closed:
                stream.close()
        if self.profile is not None:
            if self.failed:                    # soffice.bin outlives a killed soffice: stop it too
                stop_processes_naming(self.profile.folder)
                self.profile.mark(ready=False)
            self.profile.release()
            self.profile = None

    def _write(self, message: dict) -> None:
        self.worker.stdin.write((json.dumps(message) + "\n").encode("utf-8"))
        self.worker.stdin.flush()
