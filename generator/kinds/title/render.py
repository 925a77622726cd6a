"""Kind ``title``: the cover, on the template's title layout."""

from ...render.text import Para, TextStyle
from .model import TitleSlide


def render(page, slide: TitleSlide, ctx) -> None:
    # The cover's title is the largest text of the deck: the big-number size range.
    page.write("title", [Para(slide.title)], TextStyle(role="big_number", align=None))
    if slide.subtitle and page.has_slot("subtitle"):
        page.write("subtitle", [Para(slide.subtitle)], TextStyle(role="subtitle", align=None))
