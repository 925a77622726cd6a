"""The preview server: only the build folder's files, the page, and an event stream that carries updates."""

from __future__ import annotations

import http.client
import json
import os
import socket
import threading
from pathlib import Path

import pytest

from generator.serve.server import Broadcaster, Forbidden, make_server, resolve_in


@pytest.fixture
def build_dir(tmp_path) -> Path:
    out = tmp_path / "build"
    (out / "previews" / "en").mkdir(parents=True)
    (out / "index.html").write_text("<p>index</p>", encoding="utf-8")
    (out / "previews" / "en" / "slide-01.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    return out


TRAVERSALS = [
    "/../secret.txt",
    "/previews/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/%2e%2e/etc/passwd",
    "/previews%2f..%2f..%2fsecret.txt",
    "/previews%2F..%2F..%2Fsecret.txt",
    "/..%5csecret.txt",
    "//etc/passwd",
    "/./index.html",
    "/index.html%00.png",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_paths_that_could_leave_the_build_folder_are_refused(build_dir, path):
    with pytest.raises(Forbidden):
        resolve_in(build_dir, path)


def test_a_symlink_leaving_the_build_folder_is_refused_and_one_inside_is_followed(build_dir):
    (build_dir / "out.txt").symlink_to(build_dir.parent / "secret.txt")
    (build_dir / "first.png").symlink_to(build_dir / "previews" / "en" / "slide-01.png")
    with pytest.raises(Forbidden):
        resolve_in(build_dir, "/out.txt")
    assert resolve_in(build_dir, "/first.png?v=1") == (build_dir / "previews" / "en" / "slide-01.png").resolve()


def test_a_file_in_the_build_folder_resolves_with_its_query_dropped(build_dir):
    assert resolve_in(build_dir, "/previews/en/slide-01.png?v=abc") == \
        (build_dir / "previews" / "en" / "slide-01.png").resolve()
    assert resolve_in(build_dir, "/") == (build_dir / "index.html").resolve()


class FakePreview:
    deck_id = "deck"

    def __init__(self):
        self.state = {"busy": "", "problems": [], "warnings": [], "layout": "en:1", "decks": {}}

    def snapshot(self):
        return self.state


@pytest.fixture
def server(build_dir):
    events = Broadcaster()
    preview = FakePreview()
    server = make_server("127.0.0.1", 0, build_dir, preview, events, lambda preview: "<h1>the page</h1>")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server, events
    events.close()
    server.shutdown()
    server.server_close()


def get(server, path: str, method: str = "GET") -> tuple[int, bytes]:
    """A request whose path goes out exactly as written: http.client does not normalize it."""
    connection = http.client.HTTPConnection(*server.server_address[:2], timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize("path", TRAVERSALS + ["/" + str(Path(os.sep, "etc", "passwd")).lstrip("/")])
def test_the_server_refuses_traversal_with_403_or_404_and_never_serves_outside(server, path):
    status, body = get(server[0], path)
    assert status in (403, 404), (path, status)
    assert b"outside" not in body and b"root:" not in body


def test_the_server_serves_the_page_the_build_folder_and_nothing_missing(server):
    srv, _ = server
    assert get(srv, "/") == (200, b"<h1>the page</h1>")
    assert get(srv, "/index.html") == (200, b"<p>index</p>")
    assert get(srv, "/previews/en/slide-01.png?v=123") == (200, b"\x89PNG fake")
    assert get(srv, "/previews/en/slide-01.png", "HEAD") == (200, b"")
    assert get(srv, "/previews/en/slide-99.png")[0] == 404


def read_event(stream) -> tuple[str, dict]:
    """The next ``event:``/``data:`` message of a server-sent event stream."""
    event, data = None, None
    while True:
        line = stream.readline().decode("utf-8").rstrip("\n")
        if line.startswith("event: "):
            event = line[7:]
        elif line.startswith("data: "):
            data = json.loads(line[6:])
        elif not line and event:
            return event, data


def test_the_event_stream_sends_the_state_first_then_every_update(server):
    srv, events = server
    connection = http.client.HTTPConnection(*srv.server_address[:2], timeout=10)
    connection.request("GET", "/events")
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/event-stream")
    assert read_event(response) == ("state", FakePreview().state)
    events.publish("update", {"decks": {"en": {"slides": {"1": "previews/en/slide-01.png?v=2"}}}})
    assert read_event(response) == ("update", {"decks": {"en": {"slides": {"1": "previews/en/slide-01.png?v=2"}}}})
    connection.close()


def test_binding_a_port_in_use_is_an_os_error(build_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError):
            make_server("127.0.0.1", taken.getsockname()[1], build_dir, FakePreview(), Broadcaster(), str)
