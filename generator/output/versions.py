"""The output folder changes as a whole: OUT is a symbolic link to one complete version.

``build`` is a link to ``.build.versions/<n>`` beside it. A build assembles version n+1 in
full next to the current one: the files it does not change are hard-linked from version n
(free, and they keep their dates), the new ones are moved in from its staging folder, and
everything is fsynced. Then one rename(2) of a new link over ``build`` switches from one
complete set to the other, and version n is removed. A kill at any instant leaves ``build``
showing version n or version n+1, never a mix; what the killed build left beside them (its
unfinished version, its work folder with LibreOffice's profile) the next build removes.

Why a link rather than a journal: a journal replayed by the next build repairs the folder
only once that build runs, while a reader looking right after the kill sees it half
replaced. The link is switched by one system call, so there is no moment to recover from.

Builds of one OUT take turns through ``flock`` on ``.build.lock`` beside it. A real ``build``
folder (from an older generator, or a CI artifact) is carried into the first version and
swapped for the link in one ``renameat2(RENAME_EXCHANGE)``. Files the build does not write
(``build/check/``, anything a person put there) are carried into each new version; a
symbolic link in OUT that leads out of it is refused, so nothing is written through it.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import DeckError, display_path
from ..processes import stop_processes_naming
from .writer import WriteError, write_failure

_NUMBER = re.compile(r"^[0-9]+$")
_LEFTOVER_TEMP = re.compile(r"^\..+\.tmp$")      # write_atomic's temporary files


class OutputFolder:
    """OUT as the user names it, and the link, versions and lock file beside it."""

    def __init__(self, out_dir: Path):
        self.shown = Path(out_dir)                      # for messages and the paths a build reports
        path = Path(os.path.abspath(out_dir))
        if path.is_symlink() and not self._is_ours(path):
            path = Path(os.path.realpath(path))          # the user's own link: OUT is where it leads
        self.link = path
        self.versions = path.parent / f".{path.name}.versions"
        self.lock_file = path.parent / f".{path.name}.lock"

    def _is_ours(self, path: Path) -> bool:
        target = Path(os.readlink(path))
        return target.parent == Path(f".{path.name}.versions") and bool(_NUMBER.match(target.name))

    def current(self) -> Path | None:
        """The folder OUT shows now: a version, a real folder from an older build, or None."""
        if self.link.is_symlink():
            target = self.link.parent / os.readlink(self.link)
            return target if target.is_dir() else None
        return self.link if self.link.is_dir() else None

    def current_version(self) -> str | None:
        """The number of the version OUT links to, when it links to one."""
        if self.link.is_symlink() and self._is_ours(self.link):
            return Path(os.readlink(self.link)).name
        return None


@contextmanager
def locked(out_dir: Path, say=None):
    """Hold OUT's lock; when another build holds it, say so in one line and wait for it."""
    folder = OutputFolder(out_dir)
    try:
        import fcntl
    except ImportError:                                  # not a POSIX system: builds are not serialised
        yield folder
        return
    try:
        folder.lock_file.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise DeckError(f"{display_path(folder.lock_file)}: cannot create the output folder's lock: "
                        f"{exc.strerror}") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            (say or _say)(f"waiting for another build of {display_path(folder.shown)} to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield folder
    finally:
        os.close(handle)                                 # closing releases the lock


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def sweep(folder: OutputFolder) -> None:
    """Remove what killed builds left: versions OUT does not show, work folders and their processes.

    Call it holding the lock: then nothing but the current version is in use.
    """
    _finish_interrupted_switch(folder)
    if not folder.versions.is_dir() or folder.versions.is_symlink():
        if folder.versions.is_symlink() or folder.versions.exists():
            raise DeckError(f"{display_path(folder.versions)}: not a folder; remove it, the build keeps "
                            f"its versions of {display_path(folder.shown)} there")
        return
    keep = folder.current_version()
    for entry in sorted(os.listdir(folder.versions)):
        if entry != keep:
            _stop_processes_using(folder.versions / entry)
            _remove(folder.versions / entry)


def _finish_interrupted_switch(folder: OutputFolder) -> None:
    """A link made ready but not yet renamed over OUT (only where RENAME_EXCHANGE is missing) is used now."""
    parent, name = folder.link.parent, folder.link.name
    for entry in sorted(parent.glob(f".{name}.next-*")):
        if not folder.link.exists() and not folder.link.is_symlink() and entry.is_symlink():
            os.replace(entry, folder.link)
        else:
            _remove(entry)
    if folder.link.exists():
        _remove(parent / f".{name}.old")


class NewVersion:
    """The next version of OUT while a build assembles it, and the build's work folder."""

    def __init__(self, folder: OutputFolder, number: int):
        self.folder = folder
        self.path = folder.versions / str(number)
        self.work = folder.versions / f"work-{number}"
        self.switched = False

    def shown(self, path: Path) -> Path:
        """``path`` in this version as the user will see it: under OUT."""
        try:
            return self.folder.shown / Path(path).relative_to(self.path)
        except ValueError:
            return Path(path)

    def carry(self, replaced: set[str], dropped) -> None:
        """Hard-link every file of the current set into this version, but ``replaced`` and ``dropped(path)``.

        Paths are relative to OUT, with "/" between folders. A symbolic link that leads out of
        OUT is refused; one that stays inside is carried as a link.
        """
        current = self.folder.current()
        if current is None:
            return
        for source in _walk(current):
            relative = source.relative_to(current).as_posix()
            if relative in replaced or dropped(relative) or _LEFTOVER_TEMP.match(source.name):
                continue
            target = self.path / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_symlink():
                _check_link_stays_inside(source, current, self.folder.shown / relative)
                os.symlink(os.readlink(source), target)
            else:
                _link_or_copy(source, target)

    def move_in(self, staged: Path, relative: str) -> None:
        """Put the staged file ``staged`` at ``relative``; the current file stays when its bytes are the same."""
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        current = self.folder.current()
        if current is not None and _same_bytes(current / relative, staged):
            _link_or_copy(current / relative, target)
            return
        _fsync_file(staged)
        os.replace(staged, target)

    def switch(self) -> None:
        """Make this version what OUT shows, in one rename; then remove the one it replaces."""
        for folder in [self.path, *(p for p in _walk(self.path) if p.is_dir() and not p.is_symlink())]:
            _fsync_dir(folder)
        link = self.folder.link
        previous = self.folder.current() if not link.is_symlink() else None   # a real folder being migrated
        old_version = self.folder.current_version()
        ready = link.parent / f".{link.name}.next-{self.path.name}"
        _remove(ready)
        os.symlink(os.path.relpath(self.path, link.parent), ready)
        if previous is not None:
            _exchange(ready, link)                         # now ``ready`` names the old real folder
            _remove(ready)
        else:
            os.replace(ready, link)
        self.switched = True
        _fsync_dir(link.parent)
        try:
            if old_version is not None:
                _remove(self.folder.versions / old_version)
            _remove(self.work)
        except OSError:
            pass                                         # the next build sweeps them


@contextmanager
def new_version(folder: OutputFolder):
    """A ``NewVersion`` to fill; OUT switches to it when the block ends without an error.

    An error leaves OUT as it was. A write that fails (a full disk, a file size limit,
    permissions) becomes a ``DeckError`` naming the file; everything the build wrote inside
    the block, temporary files included, lands in the new version or its work folder, and
    is removed. LibreOffice's profile and temporary files go there too: the temp folder
    (``tempfile``'s and ``TMPDIR``) is the work folder while the block runs.
    """
    numbers = [int(name) for name in _listdir(folder.versions) if _NUMBER.match(name)]
    version = NewVersion(folder, max(numbers, default=0) + 1)
    try:
        (version.work / "tmp").mkdir(parents=True)
        version.path.mkdir()
        with _temp_folder(version.work / "tmp"):
            yield version
        version.switch()
    except BaseException as exc:
        if not version.switched:
            _remove(version.path)
            _remove(version.work)
        if isinstance(exc, WriteError):
            raise _write_error(version, exc.path, exc.reason) from None
        if isinstance(exc, OSError):
            raise _write_error(version, exc.filename, write_failure(exc)) from None
        raise


@contextmanager
def _temp_folder(path: Path):
    """``path`` is the temp folder meanwhile: Python's (``tempfile``) and that of the programs it starts."""
    saved_tempdir, saved_env = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir = os.environ["TMPDIR"] = str(path)
    try:
        yield
    finally:
        tempfile.tempdir = saved_tempdir
        if saved_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved_env


def _write_error(version: NewVersion, path, reason: str) -> DeckError:
    where = version.shown(Path(path)) if path else version.folder.shown
    return DeckError(f"{display_path(where)}: cannot write the output: {reason}; "
                     f"{display_path(version.folder.shown)} is left as the last build made it")


# ---------------------------------------------------------------- files

def _walk(folder: Path):
    """Every entry below ``folder``, folders before their contents; links are not followed."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in dirs:
            yield Path(root) / name
        for name in sorted(files):
            yield Path(root) / name


def _check_link_stays_inside(link: Path, current: Path, shown: Path) -> None:
    resolved = Path(os.path.realpath(link))
    inside = Path(os.path.realpath(current))
    if resolved != inside and inside not in resolved.parents:
        raise DeckError(f"{display_path(shown)}: a symbolic link to {resolved}, outside the output folder; "
                        f"nothing is written through it: remove the link")


def _link_or_copy(source: Path, target: Path) -> None:
    if source.is_dir():
        target.mkdir(exist_ok=True)
        return
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        shutil.copy2(source, target)
        _fsync_file(target)


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        if not a.is_file() or a.is_symlink() or a.stat().st_size != b.stat().st_size:
            return False
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def _fsync_file(path: Path) -> None:
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _fsync_dir(path: Path) -> None:
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass                                             # some file systems cannot sync a folder
    finally:
        os.close(handle)


def _listdir(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except FileNotFoundError:
        return []


def _remove(path: Path) -> None:
    """Remove a file, a link or a whole folder, whichever ``path`` is; nothing when it is not there."""
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except FileNotFoundError:
        pass


def _exchange(a: Path, b: Path) -> None:
    """Swap two names in one step (Linux's renameat2); where that is missing, two renames.

    Between the two renames OUT does not exist; the link is then already waiting beside
    it, and the next build finishes the switch (``_finish_interrupted_switch``).
    """
    if _renameat2_exchange(a, b):
        return
    parked = b.parent / f".{b.name}.old"
    _remove(parked)
    os.replace(b, parked)
    os.replace(a, b)
    os.replace(parked, a)


def _renameat2_exchange(a: Path, b: Path) -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (ImportError, OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False                                     # the file system cannot exchange
    raise OSError(code, os.strerror(code), str(b))


# ---------------------------------------------------------------- processes of a killed build

def _stop_processes_using(folder: Path) -> None:
    """Kill what a killed build left running in its work ``folder`` (LibreOffice, which outlives its launcher)."""
    if folder.name.startswith("work-"):
        stop_processes_naming(folder)
