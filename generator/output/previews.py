"""PNG previews from a rendered PDF: one image per slide and a contact sheet per deck.

Slides are drawn 960 px wide: one pixel per point of a 13.33-inch slide, so 12-point text is
12 px tall and reads like a web page's small print; the contact sheet's thumbnails (480 px)
are exact halves of it, and the index page's card (at most about 23rem, twice that on a
high-density screen) shows the first slide without enlarging it. PNGs are compressed at
zlib level 1: a tenth larger than level 6 and two to four times faster to write.

``PreviewWorkers`` renders decks' previews in forked processes while LibreOffice still
converts the other decks.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from .writer import write_atomic

SLIDE_WIDTH = 960
THUMB_WIDTH = 480
SHEET_COLUMNS = 4
SHEET_GAP = 8
PNG_COMPRESS_LEVEL = 1
PREVIEW_FORMAT = f"png {SLIDE_WIDTH}px, sheet {SHEET_COLUMNS}x{THUMB_WIDTH}px"   # what previews look like


def page_images(pdf: Path | bytes, width_px: int = SLIDE_WIDTH) -> list:
    """Every page of the PDF (a path or its bytes) as a Pillow image ``width_px`` wide."""
    import pymupdf
    from PIL import Image

    images = []
    opened = pymupdf.open(stream=pdf, filetype="pdf") if isinstance(pdf, bytes) else pymupdf.open(pdf)
    with opened as document:
        for page in document:
            zoom = width_px / page.rect.width
            pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
            images.append(Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples))
    return images


def write_previews(pdf: Path | bytes, folder: Path) -> list[Path]:
    """``slide-NN.png`` per page and ``contact-sheet.png`` into ``folder``, a staging folder.

    The files are written plainly (the build installs them into OUT atomically).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    images = page_images(pdf)
    paths = []
    for number, image in enumerate(images, 1):
        path = folder / f"slide-{number:02d}.png"
        path.write_bytes(_png_bytes(image))
        paths.append(path)
    (folder / "contact-sheet.png").write_bytes(_png_bytes(contact_sheet(images)))
    return paths


def contact_sheet(images: list, thumb_width: int = THUMB_WIDTH, marks: dict[int, str] | None = None):
    """A grid of thumbnails; slides listed in ``marks`` (1-based) get a red frame."""
    from PIL import Image, ImageDraw

    thumbs = [_thumbnail(image, thumb_width) for image in images]
    height = thumbs[0].height
    rows = -(-len(thumbs) // SHEET_COLUMNS)
    sheet = Image.new("RGB", (SHEET_COLUMNS * (thumb_width + SHEET_GAP) + SHEET_GAP,
                              rows * (height + SHEET_GAP) + SHEET_GAP), (90, 90, 90))
    draw = ImageDraw.Draw(sheet)
    for index, thumb in enumerate(thumbs):
        x = SHEET_GAP + (index % SHEET_COLUMNS) * (thumb_width + SHEET_GAP)
        y = SHEET_GAP + (index // SHEET_COLUMNS) * (height + SHEET_GAP)
        sheet.paste(thumb, (x, y))
        if marks and index + 1 in marks:
            draw.rectangle([x - 3, y - 3, x + thumb_width + 2, y + height + 2], outline=(220, 30, 30), width=4)
    return sheet


def _thumbnail(image, width: int):
    """``image`` scaled to ``width``: by averaging whole pixel blocks when the ratio is a whole number."""
    factor, rest = divmod(image.width, width)
    if rest == 0 and factor >= 1:
        return image.reduce(factor) if factor > 1 else image
    return image.resize((width, round(image.height * width / image.width)))


def write_contact_sheet(images: list, path: Path, marks: dict[int, str] | None = None) -> Path:
    write_atomic(Path(path), _png_bytes(contact_sheet(images, marks=marks)))
    return Path(path)


def _png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


# ---------------------------------------------------------------- in worker processes

class PreviewWorkers:
    """``write_previews`` for many decks in ``jobs`` forked processes; ``submit`` returns at once.

    Use as a context manager; ``wait`` returns when every submitted deck is done and raises
    the first error. Where ``fork`` is missing the previews are written in ``submit``.
    """

    def __init__(self, jobs: int):
        import multiprocessing

        import pymupdf                         # noqa: F401 - imported once, before forking
        import PIL.Image                       # noqa: F401
        import PIL.PngImagePlugin              # noqa: F401

        self._pool = None
        self._pending = []
        if hasattr(os, "fork") and jobs >= 1:
            self._pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_worker_started)

    def submit(self, pdf: Path, folder: Path) -> None:
        """Previews of ``pdf`` into ``folder``; the PDF is read now, so it may be moved or deleted after."""
        data = Path(pdf).read_bytes()
        if self._pool is None:
            write_previews(data, folder)
        else:
            self._pending.append(self._pool.apply_async(write_previews, (data, Path(folder))))

    def wait(self) -> None:
        for pending in self._pending:
            pending.get()
        self._pending = []

    def __enter__(self) -> PreviewWorkers:
        return self

    def __exit__(self, kind, error, trace) -> None:
        if self._pool is None:
            return
        if error is None:
            self._pool.close()
        else:
            self._pool.terminate()
        self._pool.join()


def _worker_started() -> None:
    """In each worker: Ctrl-C is the parent's to handle (it stops the workers)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
