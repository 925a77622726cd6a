"""Converts decks to PDF in a running LibreOffice, one request at a time, over its UNO pipe.

Run by a Python that can ``import uno`` (Debian's ``python3-uno``, or LibreOffice's own
``program/python``), which need not be the generator's Python: this file imports nothing
but the standard library and ``uno``, and talks JSON lines on stdin and stdout.

    python uno_worker.py PIPE_NAME CONNECT_TIMEOUT

It connects to the LibreOffice started with ``--accept=pipe,name=PIPE_NAME;urp;`` and
prints ``{"ready": true}``. Then, for each line ``{"deck": path, "pdf": path}`` it reads,
it loads the deck hidden and read-only, exports it with Impress's PDF filter and prints
``{"pdf": path}``, or ``{"error": message}`` (with ``"stopped": true`` when LibreOffice is gone). At ``{"quit": true}`` or the end of its
input it asks LibreOffice to quit, and exits.
"""

from __future__ import annotations

import json
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

PRESENTATION = "com.sun.star.presentation.PresentationDocument"


def main(pipe_name: str, connect_timeout: float) -> int:
    try:
        desktop = connect(pipe_name, connect_timeout)
    except Exception as exc:                 # noqa: BLE001 - reported to the build, which names it
        reply({"error": f"could not connect to LibreOffice: {describe(exc)}"})
        return 1
    reply({"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("quit"):
            break
        try:
            convert(desktop, request["deck"], request["pdf"])
        except Exception as exc:             # noqa: BLE001
            if is_disconnected(exc):
                reply({"error": "the connection to it was lost", "stopped": True})
                return 1
            reply({"error": describe(exc)})
        else:
            reply({"pdf": request["pdf"]})
    try:
        desktop.terminate()
    except Exception:                         # noqa: BLE001 - LibreOffice quitting drops the bridge under us
        pass
    return 0


def connect(pipe_name: str, timeout: float):
    """The Desktop of the LibreOffice listening on ``pipe_name``, once it listens (it may still be starting)."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe_name};urp;StarOffice.ComponentContext")
            break
        except Exception:                     # noqa: BLE001 - NoConnectException until LibreOffice listens
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def convert(desktop, deck: str, pdf: str) -> None:
    document = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(deck)), "_blank", 0,
                                            properties(Hidden=True, ReadOnly=True))
    if document is None:
        raise ValueError("LibreOffice could not load it")
    try:
        if not document.supportsService(PRESENTATION):
            raise ValueError("LibreOffice did not read it as a presentation")
        document.storeToURL(uno.systemPathToFileUrl(os.path.abspath(pdf)),
                            properties(FilterName="impress_pdf_Export"))
    finally:
        document.close(True)


def properties(**values) -> tuple:
    found = []
    for name, value in values.items():
        item = PropertyValue()
        item.Name, item.Value = name, value
        found.append(item)
    return tuple(found)


def describe(exc: Exception) -> str:
    message = getattr(exc, "Message", None) or str(exc)
    return f"{type(exc).__name__}: {message}".strip().rstrip(":")


def is_disconnected(exc: Exception) -> bool:
    return type(exc).__name__.endswith("DisposedException")    # pyuno names it com.sun.star.lang.…


def reply(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2])))
