"""Kind ``links``: real, clickable hyperlinks, each shown as its label and its address."""

from ...render.text import Para, TextStyle
from .model import LinksSlide


def render(page, slide: LinksSlide, ctx) -> None:
    page.set_title(slide.title)
    paras = []
    if slide.lead:
        paras.append(Para(slide.lead, color="text"))
    for link in slide.links:
        if link.text:
            paras.append(Para(link.text, bold=True, color="primary"))
        paras.append(Para(link.url, color="accent", link=link.url, size_ratio=0.9, ltr=True))
    page.write("body", paras, TextStyle(role="body", bullets=None, align=None, space_before_pt=10))
