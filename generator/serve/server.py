"""The HTTP side of ``deck serve``: the page, its event stream, and the build folder's files, nothing else.

The standard library's ``ThreadingHTTPServer`` is enough for one author's browser tabs: each
request gets a thread, and an event stream (server-sent events) is a request that does not
end. Files are served from the build folder only: a path with ``..`` (however encoded), an
encoded slash, a backslash or a NUL byte is refused, and so is any path that resolves
outside the folder (an absolute one, a symlink pointing out).
"""

from __future__ import annotations

import json
import mimetypes
import queue
import threading
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

KEEP_ALIVE_SECONDS = 15
RETRY_MS = 1000                    # how soon a browser reconnects after the server restarts


class Forbidden(Exception):
    """A request path that tries to leave the build folder."""


def resolve_in(root: Path, request_path: str) -> Path:
    """The file under ``root`` that ``request_path`` (as it came in the request line) names.

    Raises ``Forbidden`` for anything that could reach outside ``root``; the file itself may
    not exist. A folder stands for its ``index.html``.
    """
    raw = request_path_only(request_path)
    lowered = raw.lower()
    if "%2f" in lowered or "%5c" in lowered or "%00" in lowered:
        raise Forbidden(raw)
    decoded = unquote(raw)
    if "\\" in decoded or "\0" in decoded or not decoded.startswith("/") or decoded.startswith("//"):
        raise Forbidden(raw)
    parts = decoded.lstrip("/").split("/")
    if any(part in ("..", ".") for part in parts):
        raise Forbidden(raw)
    root = root.resolve()
    target = root.joinpath(*[part for part in parts if part]).resolve()
    if target.is_dir():
        target = (target / "index.html").resolve()
    if target != root and root not in target.parents:
        raise Forbidden(raw)
    return target


def request_path_only(request_path: str) -> str:
    """The path of a request line's target, without query or fragment (``//x`` stays a path, not a host)."""
    return request_path.split("?", 1)[0].split("#", 1)[0]


class Broadcaster:
    """Hands each published message to every open event stream."""

    def __init__(self):
        self.lock = threading.Lock()
        self.queues: list[queue.Queue] = []

    @contextmanager
    def subscribe(self):
        stream: queue.Queue = queue.Queue()
        with self.lock:
            self.queues.append(stream)
        try:
            yield stream
        finally:
            with self.lock:
                self.queues.remove(stream)

    def publish(self, event: str, data: dict) -> None:
        message = f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode("utf-8")
        with self.lock:
            for stream in self.queues:
                stream.put(message)

    def close(self) -> None:
        """Ends every stream (the server is stopping)."""
        with self.lock:
            for stream in self.queues:
                stream.put(None)


def make_server(host: str, port: int, out_dir: Path, preview, events: Broadcaster, page) -> ThreadingHTTPServer:
    """A server bound to ``host:port`` (``OSError`` when it cannot bind), not yet serving.

    ``preview`` gives the state (``snapshot()``), ``page(preview)`` the HTML of ``/``.
    """

    class Handler(PreviewHandler):
        pass

    Handler.root = Path(out_dir)
    Handler.preview = preview
    Handler.events = events
    Handler.page = staticmethod(page)
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    return server


class PreviewHandler(BaseHTTPRequestHandler):
    root: Path
    preview = None
    events: Broadcaster
    page = None
    server_version = "deck-serve"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        path = request_path_only(self.path)
        if path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.page(self.preview).encode("utf-8"), send_body)
        elif path == "/events":
            self._stream_events() if send_body else self._send(HTTPStatus.OK, "text/event-stream", b"", False)
        else:
            self._send_file(send_body)

    def _send_file(self, send_body: bool) -> None:
        try:
            target = resolve_in(self.root, self.path)
        except Forbidden:
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"forbidden\n", send_body)
            return
        try:
            body = target.read_bytes()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError):
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n", send_body)
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind == "application/json":
            kind += "; charset=utf-8"
        self._send(HTTPStatus.OK, kind, body, send_body)

    def _send(self, status: HTTPStatus, kind: str, body: bytes, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _stream_events(self) -> None:
        """The page's event stream: the whole state first, then each change, until either side leaves."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        try:
            with self.events.subscribe() as stream:
                hello = json.dumps(self.preview.snapshot(), ensure_ascii=False)
                self.wfile.write(f"retry: {RETRY_MS}\nevent: state\ndata: {hello}\n\n".encode("utf-8"))
                self.wfile.flush()
                while True:
                    try:
                        message = stream.get(timeout=KEEP_ALIVE_SECONDS)
                    except queue.Empty:
                        message = b": still here\n\n"
                    if message is None:
                        return
                    self.wfile.write(message)
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format, *args) -> None:      # noqa: A002 - the standard library's name
        """Quiet: the terminal shows builds, not requests."""
