"""index.html: a card per locale with its thumbnail, relative download links, coverage and figures date."""

from __future__ import annotations

from lxml import html

from generator.output.index_page import locale_names, write_index


def entry(path: str, kind: str, locale: str, **extra) -> dict:
    return {"path": path, "kind": kind, "locale": locale, "size": 1, "sha256": "0" * 64, **extra}


FIGURES = {"oldest": "2023-01-31", "newest": "2024-05-01"}
MANIFEST = {
    "deck": "deck", "title": "ISO <and> IEC", "built_at": "2024-06-01T00:00:00Z",
    "git_commit": "0123456789abcdef0123456789abcdef01234567", "figures_as_of": FIGURES,
    "locales": ["en", "ar", "qps-ploc"],
    "files": [
        entry("deck-en.pptx", "pptx", "en", slides=17, coverage=None, figures_as_of=FIGURES),
        entry("deck-en.pdf", "pdf", "en", slides=17, coverage=None, figures_as_of=FIGURES),
        entry("previews/en/slide-01.png", "png", "en", slide=1),
        entry("previews/en/slide-02.png", "png", "en", slide=2),
        entry("previews/en/contact-sheet.png", "contact-sheet", "en", slides=2),
        entry("deck-ar.pptx", "pptx", "ar", slides=17, coverage=87.5, figures_as_of=FIGURES),
        entry("deck-qps-ploc.pptx", "pptx", "qps-ploc", slides=16, coverage=100.0,
              figures_as_of={"oldest": None, "newest": None}),
    ],
}


def cards(tmp_path, names=None) -> dict:
    page = html.fromstring(write_index(tmp_path, MANIFEST, names).read_bytes())
    return {card.get("lang"): card for card in page.xpath("//section[@class='card']")}, page


def test_the_page_is_written_as_index_html(tmp_path):
    path = write_index(tmp_path, MANIFEST)
    assert path == tmp_path / "index.html"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_one_card_per_locale_in_the_manifests_order(tmp_path):
    found, _ = cards(tmp_path)
    assert list(found) == ["en", "ar", "qps-ploc"]


def test_downloads_link_to_the_files_there_are_relatively(tmp_path):
    found, page = cards(tmp_path)
    links = lambda card: [(a.text, a.get("href")) for a in card.xpath(".//div[@class='links']/a")]
    assert links(found["en"]) == [("PowerPoint", "deck-en.pptx"), ("PDF", "deck-en.pdf"),
                                  ("All slides", "previews/en/contact-sheet.png")]
    assert links(found["ar"]) == [("PowerPoint", "deck-ar.pptx")]
    assert all(not href.startswith(("/", "http")) for href in page.xpath("//a/@href"))


def test_the_thumbnail_is_the_first_slide_and_opens_the_contact_sheet(tmp_path):
    found, _ = cards(tmp_path)
    [image] = found["en"].xpath(".//img")
    assert image.get("src") == "previews/en/slide-01.png"
    assert image.getparent().get("href") == "previews/en/contact-sheet.png"
    assert found["ar"].xpath(".//img") == []


def test_facts_give_slides_coverage_and_the_newest_figures_date(tmp_path):
    found, _ = cards(tmp_path)
    fact = lambda tag: found[tag].xpath("string(.//p[@class='facts'])")
    assert fact("en") == "17 slides · translation — · figures as of 2024-05-01"
    assert fact("ar") == "17 slides · translation 88% · figures as of 2024-05-01"
    assert fact("qps-ploc") == "16 slides · translation 100% · figures as of —"


def test_headings_give_the_english_name_and_a_different_native_one(tmp_path):
    found, _ = cards(tmp_path)
    heading = lambda tag: found[tag].xpath("string(.//h2)")
    assert heading("en") == "English"
    assert heading("ar") == "Arabic · العربية"
    assert found["ar"].xpath(".//h2/span/@dir") == ["auto"]
    assert heading("qps-ploc") == "Pseudo-locale (layout test)"


def test_names_already_looked_up_are_used(tmp_path):
    found, _ = cards(tmp_path, names={"ar": ("Arabic (test)", "عربي")})
    assert found["ar"].xpath("string(.//h2)") == "Arabic (test) · عربي"


def test_the_header_names_the_deck_commit_and_figures_escaped(tmp_path):
    _, page = cards(tmp_path)
    assert page.xpath("string(//h1)") == "ISO <and> IEC"
    assert page.xpath("//code/text()") == ["0123456789ab"]
    meta = page.xpath("string(//p[@class='meta'])")
    assert "Built 2024-06-01T00:00:00Z" in meta and "figures as of 2024-05-01" in meta
    assert b"ISO &lt;and&gt; IEC" in (tmp_path / "index.html").read_bytes()


def test_a_build_outside_git_names_no_commit(tmp_path):
    page = html.fromstring(write_index(tmp_path, {**MANIFEST, "git_commit": None}).read_bytes())
    assert page.xpath("//code") == []


def test_locale_names_of_real_pseudo_and_unknown_locales():
    assert locale_names("fr") == ("French", "français")
    assert locale_names("zh-Hans")[0] == "Chinese (Simplified)"
    assert locale_names("qps-ploc") == ("Pseudo-locale (layout test)", "")
    assert locale_names("xx-bogus") == ("xx-bogus", "")
