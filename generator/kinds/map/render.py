"""Kind ``map``: a sober world map drawn as one native freeform shape, with a pin and a label per place.

The land is a single editable shape (one ``a:path`` per ring of the basemap, which the
loader found), pale on no ocean, with hairline borders in the background colour. Each office
gets a small accent circle at its projected position and a label beside it: the city in bold,
then the label and the detail in smaller type, placed by ``generator.layout.map_labels``; the
caption (the source) sits small at the bottom.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

from pptx.enum.shapes import MSO_SHAPE

from ...build_context import build_cache, process_cache
from ...layout.fit import BoxSpec, Paragraph, measure_height
from ...layout.geometry import Rect
from ...layout.map_labels import place_label
from ...layout.projection import Basemap, fit_projection, load_basemap, project_rings
from ...oxml.shapes import add_copy, add_freeform
from ...render.context import EMU_PER_PT
from ...render.shapes import add_box
from ...render.text import Para, TextStyle, add_text_box
from .model import MapSlide

LABEL_PT = 12.0
CAPTION_PT = 10.0
LABEL_RATIO = 0.85
DETAIL_RATIO = 0.75
LAND_SHARE = 0.18       # of the muted colour in the land's pale grey (the rest is background)


def render(page, slide: MapSlide, ctx) -> None:
    page.set_title(slide.title)
    area = page.content_area()
    caption_height = ctx.inches(0.42) if slide.caption else 0
    map_area = Rect(area.left, area.top, area.width, area.height - caption_height)

    basemap_path = slide.basemap_path
    basemap = _basemap(basemap_path)
    # keep a margin for pins and labels at the map's edges
    frame_area = Rect(map_area.left + ctx.inches(0.1), map_area.top + ctx.inches(0.05),
                      map_area.width - ctx.inches(0.2), map_area.height - ctx.inches(0.1))
    projection = fit_projection(basemap.bounds, frame_area)
    _add_land(page, ctx, _file_key(basemap_path), basemap, projection, frame_area)

    pin = ctx.inches(0.17)
    pins = []
    for index, office in enumerate(slide.offices, 1):
        x, y = projection.point(office.longitude, office.latitude)
        rect = Rect(x - pin // 2, y - pin // 2, pin, pin)
        add_box(ctx, page.shapes, rect, None, None, f"Pin {index}", fill="accent",
                line="background", shape_type=MSO_SHAPE.OVAL, line_width_pt=1.0)
        pins.append(rect)

    placed: list[Rect] = []
    for index, (office, pin_rect) in enumerate(zip(slide.offices, pins), 1):
        paras = _paras(office)
        width, height, first_line = _label_size(ctx, paras)
        rect, side = place_label(pin_rect, width, height, first_line, map_area, pins, placed,
                                 gap=ctx.inches(0.06), inset_y=_inset_y(ctx), rtl=ctx.locale.rtl)
        placed.append(rect)
        align = {"right": "left", "left": "right"}.get(side, "center")
        if ctx.locale.rtl:
            # write_text mirrors left/right for RTL; keep the text hugging the pin
            align = {"left": "right", "right": "left"}.get(align, align)
        add_text_box(ctx, page.shapes, rect, paras,
                     TextStyle(role="caption", color="text", align=align, anchor="top", max_pt=LABEL_PT,
                               inset_x=_inset_x(ctx), inset_y=_inset_y(ctx)),
                     f"Label {index}")

    if slide.caption:
        # just below the map (a map narrower than the area leaves room under it), never lower
        below = max([projection.frame.bottom] + [r.bottom for r in placed + pins]) + ctx.inches(0.1)
        top = min(below, area.bottom - caption_height)
        add_text_box(ctx, page.shapes, Rect(area.left, top, area.width, caption_height),
                     [Para(slide.caption)],
                     TextStyle(role="caption", color="muted", align="left", anchor="bottom", max_pt=CAPTION_PT,
                               inset_x=0, inset_y=0),
                     "Caption")


# ---------------------------------------------------------------- basemap



def _add_land(page, ctx, basemap_key: tuple, basemap: Basemap, projection, frame_area: Rect) -> None:
    """The land as one freeform; its XML is built once per basemap, frame and colours, then copied."""
    key = (basemap_key, frame_area, _land_color(ctx), ctx.color("background"))
    drawn = build_cache("map: land")
    land = drawn.get(key)
    if land is None:
        rings = project_rings(basemap, projection)
        land = add_freeform(page.shapes, "Land", rings, _land_color(ctx), ctx.color("background"),
                            line_width_emu=int(0.5 * EMU_PER_PT))
        if len(drawn) > 8:
            drawn.clear()
        drawn[key] = copy.deepcopy(land)
        return
    add_copy(page.shapes, land)


def _file_key(path: Path) -> tuple:
    stat = path.stat()
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


def _basemap(path: Path) -> Basemap:
    return _load(*_file_key(path))


@process_cache                 # keyed by the file's path, modification time and size
@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int, size: int) -> Basemap:
    return load_basemap(path)


def _land_color(ctx) -> str:
    """A pale grey: a little of the template's muted colour on its background."""
    muted, background = ctx.color("muted"), ctx.color("background")
    channels = []
    for i in (0, 2, 4):
        m, b = int(muted[i:i + 2], 16), int(background[i:i + 2], 16)
        channels.append(round(m * LAND_SHARE + b * (1 - LAND_SHARE)))
    return "".join(f"{c:02X}" for c in channels)


# ---------------------------------------------------------------- labels

def _paras(office) -> list[Para]:
    paras = [Para(office.city, bold=True, color="primary")]
    if office.label:
        paras.append(Para(office.label, size_ratio=LABEL_RATIO))
    if office.detail:
        paras.append(Para(office.detail, size_ratio=DETAIL_RATIO, color="muted"))
    return paras


def _inset_x(ctx) -> int:
    return ctx.inches(0.04)


def _inset_y(ctx) -> int:
    return ctx.inches(0.02)


def _label_size(ctx, paras: list[Para]) -> tuple[int, int, int]:
    """Width and height of a label box holding ``paras`` at ``LABEL_PT``, and its first line's height."""
    measurer = ctx.fitter.measurer
    inset_x, inset_y = _inset_x(ctx), _inset_y(ctx)
    widest = max(measurer.width(p.text, LABEL_PT * p.size_ratio, bool(p.bold)) for p in paras) * EMU_PER_PT
    width = min(int(widest * 1.06) + 2 * inset_x + ctx.inches(0.04), ctx.inches(2.4))
    box = BoxSpec(width=width, height=10 ** 9, inset_left=inset_x, inset_right=inset_x,
                  inset_top=inset_y, inset_bottom=inset_y)
    specs = [Paragraph(p.text, 0, bool(p.bold), p.size_ratio) for p in paras]
    height_pt, _ = measure_height(specs, box, LABEL_PT, measurer, ctx.locale.lang)
    first_pt, first_lines = measure_height(specs[:1], box, LABEL_PT, measurer, ctx.locale.lang)
    height = int(height_pt * 1.08 * EMU_PER_PT) + 2 * inset_y
    first_line = int(first_pt / max(1, first_lines[0]) * EMU_PER_PT)
    return width, height, first_line
