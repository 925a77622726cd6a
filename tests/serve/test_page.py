"""The live page: every slide of every locale, problems in place of the slides, untrusted text escaped."""

from __future__ import annotations

from generator.serve.page import render_page


class FakePreview:
    deck_id = "deck"

    def __init__(self, problems=()):
        self.problems = list(problems)

    def snapshot(self):
        slides = {"1": "previews/fr/slide-01.png?v=a", "2": None}
        return {"busy": "", "problems": self.problems, "warnings": [], "layout": "fr:2",
                "decks": {"fr": {"pptx": "deck-fr.pptx?v=b", "pdf": None, "count": 2, "slides": slides,
                                 "stale": [2]}}}


def test_every_slide_has_its_image_and_a_slide_not_drawn_yet_is_marked_stale():
    page = render_page(FakePreview())
    assert 'id="img-fr-1" src="previews/fr/slide-01.png?v=a"' in page
    assert 'id="img-fr-2" alt=' in page and 'class="slide stale" id="slide-fr-2"' in page
    assert 'data-layout="fr:2"' in page and "French" in page and 'href="deck-fr.pptx?v=b"' in page
    assert 'new EventSource("/events")' in page


def test_problems_replace_the_slides_with_their_place_and_are_escaped():
    page = render_page(FakePreview([{"where": "content/slides/08-x.yaml:8:12", "message": "unknown <b>figure</b>",
                                     "hint": None}]))
    assert 'class="failed ' in page
    assert "content/slides/08-x.yaml:8:12: unknown &lt;b&gt;figure&lt;/b&gt;" in page
