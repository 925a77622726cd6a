"""PNG previews: one image per PDF page at a fixed width, and a contact sheet of four columns."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from generator.output.previews import (SHEET_COLUMNS, SHEET_GAP, SLIDE_WIDTH, THUMB_WIDTH, PreviewWorkers,
                                       contact_sheet, page_images, write_contact_sheet, write_previews)

from ..conftest import numbered_pdf

FRAME = (220, 30, 30)


@pytest.fixture
def pdf(tmp_path) -> Path:
    """Five 16:9 pages, each with its number written on it."""
    return numbered_pdf(tmp_path / "deck.pdf", 5)


def slides(count: int, size=(640, 360)) -> list:
    return [Image.new("RGB", size, (255, 255, 255)) for _ in range(count)]


def test_page_images_are_one_per_page_at_the_asked_width(pdf):
    images = page_images(pdf, width_px=640)
    assert [image.size for image in images] == [(640, 360)] * 5
    assert images[0].tobytes() != images[1].tobytes()          # each page its own image


def test_write_previews_names_slides_in_page_order_and_adds_a_contact_sheet(pdf, tmp_path):
    folder = tmp_path / "previews" / "en"
    paths = write_previews(pdf, folder)
    assert paths == [folder / f"slide-0{n}.png" for n in range(1, 6)]
    assert sorted(p.name for p in folder.iterdir()) == ["contact-sheet.png"] + [p.name for p in paths]
    with Image.open(paths[0]) as first:
        assert first.format == "PNG" and first.size == (SLIDE_WIDTH, SLIDE_WIDTH * 9 // 16)
    with Image.open(folder / "contact-sheet.png") as sheet:
        assert sheet.width == SHEET_COLUMNS * (THUMB_WIDTH + SHEET_GAP) + SHEET_GAP


def test_previews_come_from_the_pdf_bytes_as_from_its_file(pdf, tmp_path):
    from_file = [p.read_bytes() for p in write_previews(pdf, tmp_path / "file")]
    from_bytes = [p.read_bytes() for p in write_previews(pdf.read_bytes(), tmp_path / "bytes")]
    assert from_file == from_bytes


def test_worker_processes_write_what_this_process_writes(pdf, tmp_path):
    with PreviewWorkers(2) as workers:
        workers.submit(pdf, tmp_path / "a")
        workers.submit(pdf, tmp_path / "b")
        workers.wait()
    here = write_previews(pdf, tmp_path / "here")
    for folder in ("a", "b"):
        assert [(tmp_path / folder / p.name).read_bytes() for p in here] == [p.read_bytes() for p in here]
        assert (tmp_path / folder / "contact-sheet.png").is_file()


def test_a_worker_error_reaches_wait(tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(Exception, match="broken|format|open|damaged"):
        with PreviewWorkers(1) as workers:
            workers.submit(broken, tmp_path / "out")
            workers.wait()


def test_thumbnails_of_twice_their_width_average_pixel_blocks():
    striped = Image.new("RGB", (4 * 160, 4 * 90), (0, 0, 0))
    for x in range(0, striped.width, 2):
        for y in range(striped.height):
            striped.putpixel((x, y), (200, 200, 200))
    sheet = contact_sheet([striped], thumb_width=320)
    assert sheet.getpixel((SHEET_GAP + 10, SHEET_GAP + 10)) == (100, 100, 100)


def test_write_previews_twice_writes_the_same_files(pdf, tmp_path):
    first = [p.read_bytes() for p in write_previews(pdf, tmp_path / "a")]
    again = [p.read_bytes() for p in write_previews(pdf, tmp_path / "a")]
    assert first == again


def test_the_sheet_has_four_columns_and_as_many_rows_as_needed():
    sheet = contact_sheet(slides(5), thumb_width=160)
    thumb_height = 90
    assert sheet.size == (SHEET_COLUMNS * (160 + SHEET_GAP) + SHEET_GAP, 2 * (thumb_height + SHEET_GAP) + SHEET_GAP)
    assert contact_sheet(slides(4), thumb_width=160).height == thumb_height + 2 * SHEET_GAP


def test_thumbnails_sit_in_reading_order_on_a_grey_ground():
    images = [Image.new("RGB", (320, 180), (10 * n, 0, 0)) for n in range(1, 6)]
    sheet = contact_sheet(images, thumb_width=160)
    fifth = (SHEET_GAP + 40, SHEET_GAP + 90 + SHEET_GAP + 40)              # second row, first column
    assert sheet.getpixel(fifth) == (50, 0, 0)
    assert sheet.getpixel((SHEET_GAP + 3 * (160 + SHEET_GAP) + 40, SHEET_GAP + 40)) == (40, 0, 0)
    assert sheet.getpixel((2, 2)) == (90, 90, 90)
    empty_cell = (SHEET_GAP + 2 * (160 + SHEET_GAP) + 40, fifth[1])        # after the last thumbnail
    assert sheet.getpixel(empty_cell) == (90, 90, 90)


def test_marked_slides_get_a_red_frame_and_others_none():
    sheet = contact_sheet(slides(3), thumb_width=160, marks={2: "overflow"})
    second_x = SHEET_GAP + (160 + SHEET_GAP)
    assert sheet.getpixel((second_x - 2, SHEET_GAP + 40)) == FRAME         # just left of slide 2
    assert sheet.getpixel((SHEET_GAP - 2, SHEET_GAP + 40)) != FRAME        # just left of slide 1


def test_write_contact_sheet_returns_the_png_it_wrote(tmp_path):
    path = write_contact_sheet(slides(2), tmp_path / "check" / "sheet.png", marks={1: "off-slide"})
    assert path == tmp_path / "check" / "sheet.png"
    with Image.open(path) as sheet:
        assert sheet.format == "PNG" and sheet.width == SHEET_COLUMNS * (480 + SHEET_GAP) + SHEET_GAP
