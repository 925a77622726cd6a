"""Kind ``bullets``: a title and nested bullets in the layout's body placeholder."""

from ...model import bullet_lines
from ...oxml.text import first_paragraph, set_bullet_none
from ...render.text import Para, TextStyle
from .model import BulletsSlide


def render(page, slide: BulletsSlide, ctx) -> None:
    page.set_title(slide.title)
    shift = 1 if slide.lead else 0
    paras = [Para(text, level + shift) for text, level in bullet_lines(slide.items)]
    if slide.lead:
        paras.insert(0, Para(slide.lead, 0, bold=True, color="primary"))
    style = TextStyle(role="body", bullets="template", align=None, space_before_pt=8)
    shape = page.write("body", paras, style)
    if slide.lead:
        set_bullet_none(first_paragraph(shape))
