"""PO and POT text as the project writes it."""

from __future__ import annotations

import io

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po


def po_bytes(catalog: Catalog, **options) -> bytes:
    """``catalog`` as PO text without Babel's ``Generated-By`` header.

    Babel stamps its own version into every catalog it writes; without the stamp, a Babel
    upgrade rewrites no catalog, and a file changes only when its messages do.
    """
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=False, **options)
    return b"".join(line for line in buffer.getvalue().splitlines(keepends=True)
                    if not line.startswith(b'"Generated-By: '))
