"""Kind ``title``: the cover, on the template's title layout."""

from ...model import TitleSlide
from ..text import Para, TextStyle


def render(page, slide: TitleSlide, ctx) -> None:
    # The cover's title is the largest text of the deck: the big-number size range.
    page.write("title", [Para(slide.title)], TextStyle(role="big_number", align=None))
    if slide.subtitle and page.has_slot("subtitle"):
        page.write("subtitle", [Para(slide.subtitle)], TextStyle(role="subtitle", align=None))
