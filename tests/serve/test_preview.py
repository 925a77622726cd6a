"""The rebuild loop: changed slides only are redrawn and announced; errors replace the deck until fixed.

LibreOffice is replaced by a converter that writes each slide's fingerprint on its page,
so a slide's PNG changes exactly when the slide does (the real conversion is tested in
tests/e2e/test_browser.py).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from generator.build import build
from generator.options import BuildOptions
from generator.serve.engine import BuildEngine
from generator.serve.preview import LivePreview
from generator.serve.slides import slide_fingerprints

from .conftest import FIGURES_SLIDE, set_figure

ROOT = Path(__file__).resolve().parents[2]


def fake_convert_to_pdf(decks, out_dir, timeout=None):
    import pymupdf

    pdfs = []
    for deck in decks:
        document = pymupdf.open()
        for fingerprint in slide_fingerprints(Path(deck)):
            document.new_page(width=960, height=540).insert_text((50, 270), fingerprint[:32], fontsize=24)
        pdf = Path(out_dir) / (Path(deck).stem + ".pdf")
        pdf.parent.mkdir(parents=True, exist_ok=True)
        document.save(pdf)
        pdfs.append(pdf)
    return pdfs


class FakeLibreOffice:
    """Stands in for LibreOffice: every converter ``open_converter`` makes calls ``function(decks, out_dir)``."""

    def __init__(self):
        self.function = fake_convert_to_pdf
        self.opened: list[FakeConverter] = []

    def open_converter(self, jobs: int = 1) -> FakeConverter:
        self.opened.append(FakeConverter(self))
        return self.opened[-1]


class FakeConverter:
    def __init__(self, office: FakeLibreOffice):
        self.office = office
        self.closed = False

    def start(self, lanes=None) -> None:
        pass

    def submit(self, name, data) -> None:
        pass

    def convert(self, decks, out_dir, on_pdf=None):
        pdfs = self.office.function(decks, out_dir)
        for index, pdf in enumerate(pdfs):
            if on_pdf:
                on_pdf(index, pdf)
        return pdfs

    def close(self) -> None:
        self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@pytest.fixture
def fake_office(monkeypatch) -> FakeLibreOffice:
    office = FakeLibreOffice()
    monkeypatch.setattr("generator.output.libreoffice.open_converter", office.open_converter)
    return office


class Recorder:
    """The preview's messages and log lines, and a way to wait for one."""

    def __init__(self):
        self.messages: list[dict] = []
        self.lines: list[str] = []
        self.changed = threading.Condition()

    def publish(self, state: dict) -> None:
        with self.changed:
            self.messages.append(state)
            self.changed.notify_all()

    def wait_for(self, predicate, since: int = 0, timeout: float = 60) -> dict:
        """The first message from number ``since`` on for which ``predicate`` holds."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                found = next((m for m in self.messages[since:] if predicate(m)), None)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                assert left > 0, "no such message; the log:\n" + "\n".join(self.lines)
                self.changed.wait(left)


@pytest.fixture
def live(small_content, tmp_path, fake_office):
    recorder = Recorder()
    options = BuildOptions(small_content, tmp_path / "build", project_dir=ROOT, jobs=1)
    preview = LivePreview(BuildEngine(build, options), tmp_path / "build", recorder.publish, recorder.lines.append)
    thread = threading.Thread(target=preview.run, daemon=True)
    thread.start()
    recorder.wait_for(lambda m: m["busy"] == "" and m["layout"])
    yield preview, recorder, small_content
    preview.stop()
    thread.join(30)
    assert fake_office.opened and all(converter.closed for converter in fake_office.opened)   # none left running


def idle(message: dict) -> bool:
    return message["busy"] == "" and not message["decks"]


def test_the_first_build_shows_every_slide_of_every_locale(live):
    preview, _, _ = live
    state = preview.snapshot()
    assert state["layout"] == "en:3,fr:3,ar:3"
    for tag, deck in state["decks"].items():
        assert list(deck["slides"]) == ["1", "2", "3"]
        assert all(url and url.startswith(f"previews/{tag}/slide-0") and "?v=" in url
                   for url in deck["slides"].values())
        assert deck["pptx"].startswith(f"iso-iec-casco-intro-{tag}.pptx?v=")


def test_a_figure_edit_redraws_and_announces_the_slide_showing_it_and_no_other(live):
    preview, recorder, content = live
    before = preview.snapshot()
    start = len(recorder.messages)
    set_figure(content, "iec.technical_committees", 211)
    preview.notify([content / "figures.yaml"])
    recorder.wait_for(lambda m: idle(m) and "ar" in announced(recorder, start), since=start)
    slides = announced(recorder, start)
    assert slides == {tag: {str(FIGURES_SLIDE)} for tag in ("en", "fr", "ar")}
    after = preview.snapshot()
    for tag in ("en", "fr", "ar"):
        old, new = before["decks"][tag]["slides"], after["decks"][tag]["slides"]
        assert old["3"] != new["3"] and old["1"] == new["1"] and old["2"] == new["2"]
        assert before["decks"][tag]["pptx"] != after["decks"][tag]["pptx"]


def announced(recorder: Recorder, start: int) -> dict[str, set[str]]:
    """Every slide some message since ``start`` told the pages to reload, by locale."""
    slides: dict[str, set[str]] = {}
    for message in recorder.messages[start:]:
        for tag, deck in message["decks"].items():
            if deck["slides"]:
                slides.setdefault(tag, set()).update(deck["slides"])
    return slides


def test_an_error_replaces_the_deck_with_its_file_and_line_and_the_fix_brings_it_back(live, replace_text):
    preview, recorder, content = live
    layout = preview.snapshot()["layout"]
    replace_text(content / "slides" / "08-iec-figures.yaml", "{{ iec.technical_committees | number }}\"",
                 "{{ iec.technical_comittees | number }}\"")
    preview.notify([content / "slides" / "08-iec-figures.yaml"])
    failed = recorder.wait_for(lambda m: m["problems"], since=len(recorder.messages))
    problem = failed["problems"][0]
    assert problem["where"].startswith(str(content / "slides" / "08-iec-figures.yaml") + ":8")
    assert "technical_comittees" in problem["message"]
    start = len(recorder.messages)
    replace_text(content / "slides" / "08-iec-figures.yaml", "technical_comittees", "technical_committees")
    preview.notify([content / "slides" / "08-iec-figures.yaml"])
    recovered = recorder.wait_for(lambda m: not m["problems"], since=start)
    assert recovered["layout"] == layout
    assert preview.snapshot()["problems"] == []


def test_a_change_saved_while_previews_render_stops_them_and_the_next_round_renders_both(live, fake_office):
    preview, recorder, content = live
    converted = []

    def convert_and_save_again(decks, out_dir, timeout=None):
        converted.append(Path(decks[0]).stem.rsplit("-", 1)[-1])
        if len(converted) == 1:                 # the author saves again while English renders
            set_figure(content, "iec.technical_committees", 212)
            preview.notify([content / "figures.yaml"])
        return fake_convert_to_pdf(decks, out_dir)

    fake_office.function = convert_and_save_again
    start = len(recorder.messages)
    set_figure(content, "iec.technical_committees", 211)
    preview.notify([content / "figures.yaml"])
    recorder.wait_for(lambda m: idle(m) and len(converted) == 4, since=start)
    assert converted == ["en", "en", "fr", "ar"]
    assert all(not deck["stale"] for deck in preview.snapshot()["decks"].values())
