"""The built index.html and the live preview page in a real browser: Debian's Chromium, driven by Selenium.

The browser and its driver are the system's (``chromium``, ``chromium-driver``), given by
path, so nothing is downloaded while the tests run. Missing, they skip the tests locally and
fail them in CI. Screenshots are left in each test's temporary folder.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from generator.build import build
from generator.options import BuildOptions

from ..serve.conftest import FIGURES_SLIDE, SLIDES, keep_locales, set_figure

pytestmark = pytest.mark.render

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
# Without the networking switches Chromium phones home at start, and a closed network refuses it.
CHROMIUM_SWITCHES = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-proxy-server", "--window-size=1400,1000"]
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def need_chromium() -> None:
    missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not shutil.which(path)]
    if missing:
        message = f"{' and '.join(missing)} not installed (Debian packages chromium, chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message + "; make test must install them")
        pytest.skip(message)


@pytest.fixture
def browser(tmp_path):
    need_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for switch in CHROMIUM_SWITCHES + [f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(switch)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture
def small_content(content_copy, keep_slides) -> Path:
    keep_slides(content_copy, *SLIDES)
    keep_locales(content_copy, "fr", "ar")
    return content_copy


def images(driver) -> list[dict]:
    """Every image of the page: its id, src and whether it loaded (a decoded width)."""
    return driver.execute_script(
        "return [...document.images].map(i => ({id: i.id, src: i.getAttribute('src'), "
        "loaded: i.complete && i.naturalWidth > 0}));")


def links(driver) -> list[str]:
    return driver.execute_script("return [...document.links].map(a => a.href);")


def wait_until(condition, timeout: float, what: str):
    """``condition()``'s first true value; an element the page replaced meanwhile means: look again."""
    from selenium.common.exceptions import StaleElementReferenceException

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except StaleElementReferenceException:
            value = None
        if value:
            return value
        time.sleep(0.1)
    pytest.fail(f"after {timeout} s still not: {what}")


def test_the_built_index_shows_every_thumbnail_and_every_link_resolves(browser, small_content, tmp_path):
    out = tmp_path / "build"
    build(BuildOptions(small_content, out, all_locales=True, pdf=True, png=True, project_dir=ROOT))
    browser.get((out / "index.html").as_uri())
    shown = images(browser)
    assert len(shown) == 3, shown                          # one thumbnail a locale
    assert all(image["loaded"] for image in shown), shown
    found = links(browser)
    assert len(found) >= 3 * 3                             # PowerPoint, PDF and all slides, per locale
    for href in found:
        target = Path(urllib.request.url2pathname(urlsplit(href).path))
        assert target.is_file() and out in target.parents or target == out / "manifest.json", href
    browser.save_screenshot(str(tmp_path / "index.png"))


@pytest.fixture
def served(small_content, tmp_path):
    """``deck serve`` on a free port over the small deck; yields its URL once it listens."""
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--content", str(small_content),
                                "--out", str(tmp_path / "build"), "--port", "0"],
                               cwd=ROOT, stderr=subprocess.PIPE, text=True, start_new_session=True)
    line = process.stderr.readline()
    assert line.startswith("serving http://127.0.0.1:"), line
    yield line.split()[1]
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err


def settled(driver) -> bool:
    """The page shows every slide of every locale, each image loaded, and no build is running."""
    status = driver.find_element("id", "status").text
    shown = images(driver)
    return status == "" and len(shown) == 3 * len(SLIDES) and all(image["loaded"] for image in shown)


def slide_text(pptx: bytes, number: int) -> str:
    from pptx import Presentation

    slide = Presentation(io.BytesIO(pptx)).slides[number - 1]
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_the_live_page_shows_every_slide_and_follows_edits_without_a_reload(browser, served, small_content,
                                                                            tmp_path, replace_text):
    browser.get(served)
    wait_until(lambda: settled(browser), 180, "every slide shown")
    for href in links(browser):
        with DIRECT.open(urllib.request.Request(href, method="HEAD"), timeout=10) as response:
            assert response.status == 200, href
    browser.save_screenshot(str(tmp_path / "serve-before.png"))
    before = {image["id"]: image["src"] for image in images(browser)}
    browser.execute_script("window.notReloaded = true;")

    set_figure(small_content, "iec.technical_committees", 211)
    changed = f"img-en-{FIGURES_SLIDE}"
    wait_until(lambda: browser.find_element("id", changed).get_attribute("src") != urljoin(served, before[changed]),
               120, "the edited slide's image replaced")
    wait_until(lambda: settled(browser), 120, "every locale's slide redrawn")
    after = {image["id"]: image["src"] for image in images(browser)}
    assert {key for key in after if after[key] != before[key]} == \
        {f"img-{tag}-{FIGURES_SLIDE}" for tag in ("en", "fr", "ar")}
    assert browser.execute_script("return window.notReloaded === true;"), "the page was reloaded"
    pptx_href = browser.find_element("css selector", "#deck-en a.pptx").get_attribute("href")
    with DIRECT.open(pptx_href, timeout=10) as response:
        assert "211" in slide_text(response.read(), FIGURES_SLIDE)
    browser.save_screenshot(str(tmp_path / "serve-after-edit.png"))

    slide_file = small_content / "slides" / "08-iec-figures.yaml"
    replace_text(slide_file, "iec.technical_committees | number }}\"", "iec.technical_comittees | number }}\"")
    problems = wait_until(lambda: browser.find_element("id", "problems").is_displayed()
                          and browser.find_element("id", "problems").text, 60, "the error shown")
    assert f"{slide_file}:8" in problems and "technical_comittees" in problems
    assert not browser.find_element("id", "decks").is_displayed()
    browser.save_screenshot(str(tmp_path / "serve-error.png"))
    replace_text(slide_file, "technical_comittees", "technical_committees")
    wait_until(lambda: browser.find_element("id", "decks").is_displayed()
               and not browser.find_element("id", "problems").is_displayed(), 60, "the slides back")
    assert browser.execute_script("return window.notReloaded === true;"), "the page was reloaded"
