"""PNG previews from a rendered PDF: one image per slide and a contact sheet per deck."""

from __future__ import annotations

import io
from pathlib import Path

from .writer import write_atomic

SHEET_COLUMNS = 4
SHEET_GAP = 8


def page_images(pdf_path: Path, width_px: int = 1280) -> list:
    """Every page of the PDF as a Pillow image ``width_px`` wide."""
    import pymupdf
    from PIL import Image

    images = []
    with pymupdf.open(pdf_path) as document:
        for page in document:
            zoom = width_px / page.rect.width
            pixmap = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), alpha=False)
            images.append(Image.frombytes("RGB", (pixmap.width, pixmap.height), pixmap.samples))
    return images


def write_previews(pdf: Path, folder: Path) -> list[Path]:
    """``slide-NN.png`` per page and ``contact-sheet.png`` into ``folder``."""
    folder = Path(folder)
    images = page_images(pdf)
    paths = []
    for number, image in enumerate(images, 1):
        path = folder / f"slide-{number:02d}.png"
        write_atomic(path, _png_bytes(image))
        paths.append(path)
    write_contact_sheet(images, folder / "contact-sheet.png")
    return paths


def contact_sheet(images: list, thumb_width: int = 480, marks: dict[int, str] | None = None):
    """A grid of thumbnails; slides listed in ``marks`` (1-based) get a red frame."""
    from PIL import Image, ImageDraw

    thumbs = [image.resize((thumb_width, round(image.height * thumb_width / image.width))) for image in images]
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


def write_contact_sheet(images: list, path: Path, marks: dict[int, str] | None = None) -> Path:
    write_atomic(Path(path), _png_bytes(contact_sheet(images, marks=marks)))
    return Path(path)


def _png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
