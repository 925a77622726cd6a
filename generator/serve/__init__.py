"""``deck serve``: a local page showing every locale's slides, rebuilt and reloaded as files are saved.

One long-lived process: it builds every locale once (PPTX, PDF, PNG previews), serves the
build folder and a page of every slide, watches the content folder (catalogs included) and
the template folder with watchfiles, and on each change rebuilds through its engine
(``engine.py``), redraws only the slides that changed (``preview.py``) and tells the open
pages which ones (``server.py``, ``page.py``).
"""

from __future__ import annotations

import errno
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import DeckError

DEFAULT_PORT = 8000
STOP_WAIT = 30               # seconds the rebuild thread gets to finish its round when the server stops


@dataclass(frozen=True)
class ServeOptions:
    out_dir: Path
    watched: tuple[Path, ...]        # folders whose changes trigger a rebuild
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT


def serve(options: ServeOptions, engine, log=None, ready=None) -> None:
    """Serve until Ctrl-C (or SIGTERM); ``ready(url)`` is called once the port is bound.

    Raises ``DeckError`` when the port cannot be bound.
    """
    from .page import render_page
    from .preview import LivePreview
    from .server import Broadcaster, make_server

    log = log or _print_line
    events = Broadcaster()
    preview = LivePreview(engine, options.out_dir, lambda state: events.publish("update", state), log)
    try:
        server = make_server(options.host, options.port, options.out_dir, preview, events, render_page)
    except OSError as error:
        raise DeckError(_bind_error(options.host, options.port, error)) from None
    host, port = server.server_address[:2]
    url = f"http://{_url_host(host)}:{port}/"
    (ready or (lambda url: log(f"serving {url} (Ctrl-C stops)")))(url)
    stop = threading.Event()
    rebuild = threading.Thread(target=preview.run, name="deck-serve-rebuild", daemon=True)
    rebuild.start()
    threading.Thread(target=_watch, args=(options.watched, options.out_dir, preview, stop),
                     name="deck-serve-watch", daemon=True).start()
    in_main_thread = threading.current_thread() is threading.main_thread()
    # Ctrl-C stops the server even when it was started with SIGINT ignored (as a shell's
    # background job is), which would leave Python without its KeyboardInterrupt handler.
    previous = {number: signal.signal(number, _interrupt) for number in (signal.SIGTERM, signal.SIGINT)} \
        if in_main_thread else {}
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        log("stopped")
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        stop.set()
        preview.stop()
        events.close()
        server.server_close()
        rebuild.join(timeout=STOP_WAIT)        # its round ends, and its LibreOffice quits...
        preview.close()                        # ...or is stopped here, never left running


def watched_folders(content_dir: Path, template_dir: Path | None, project_dir: Path) -> tuple[Path, ...]:
    """The content folder (its catalogs included) and the template folder: given, or the one deck.yaml names.

    deck.yaml is only glanced at here; the build reports what is wrong with it. A template
    named after the server started is not watched until it restarts.
    """
    if template_dir is None:
        try:
            import yaml

            named = yaml.safe_load((Path(content_dir) / "deck.yaml").read_text(encoding="utf-8"))["template"]
            template_dir = Path(project_dir) / named
        except Exception:                     # noqa: BLE001 - a broken deck.yaml is the build's to report
            return (Path(content_dir),)
    return (Path(content_dir), Path(template_dir))


def _watch(folders: tuple[Path, ...], out_dir: Path, preview, stop: threading.Event) -> None:
    """Tell ``preview`` about every batch of changed files in ``folders``, outside the build folder."""
    import watchfiles

    out = Path(out_dir).resolve()
    existing = [str(folder) for folder in folders if Path(folder).is_dir()]
    for changes in watchfiles.watch(*existing, stop_event=stop, debounce=400, step=30, yield_on_timeout=False,
                                    raise_interrupt=False):
        paths = {Path(path) for _, path in changes}
        paths = {path for path in paths if out not in path.resolve().parents}
        if paths:
            preview.notify(paths)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _bind_error(host: str, port: int, error: OSError) -> str:
    if error.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is already in use; stop what uses it or pass another --port (0 picks a free one)"
    if error.errno == errno.EADDRNOTAVAIL:
        return f"cannot listen on {host}: no such address on this machine; pass --host 127.0.0.1"
    return f"cannot listen on {host}:{port}: {error.strerror or error}"


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def _print_line(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
