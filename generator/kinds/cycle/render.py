"""Kind ``cycle``: actors around a circle, each joined to the next by a connector."""

import math

from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE

from ...layout.geometry import Rect
from ...render.shapes import add_box, connect
from ...render.text import Para, TextStyle
from .model import CycleSlide


def render(page, slide: CycleSlide, ctx) -> None:
    page.set_title(slide.title)
    area = page.content_area()
    count = len(slide.nodes)
    node_width = min(ctx.inches(3.4), int(area.width * 0.3))
    node_height = min(ctx.inches(1.7), int(area.height * 0.36))
    cx, cy = area.center
    radius_x = (area.width - node_width) // 2
    radius_y = (area.height - node_height) // 2
    radius_x = min(radius_x, int(radius_y * 1.9))
    shapes = []
    direction = -1 if ctx.locale.rtl else 1
    for index, node in enumerate(slide.nodes):
        angle = -math.pi / 2 + direction * 2 * math.pi * index / count
        x = cx + int(radius_x * math.cos(angle)) - node_width // 2
        y = cy + int(radius_y * math.sin(angle)) - node_height // 2
        paras = [Para(node.label, bold=True, color="background")]
        if node.text:
            paras.append(Para(node.text, size_ratio=0.75, color="background"))
        shapes.append(add_box(ctx, page.shapes, Rect(x, y, node_width, node_height), paras,
                              TextStyle(role="body", align="center", anchor="middle", max_pt=24,
                                        inset_x=ctx.inches(0.15)),
                              f"Node {index + 1}", fill="primary" if index == 0 else "secondary" if index == 1 else "accent",
                              shape_type=MSO_SHAPE.ROUNDED_RECTANGLE))
    for index, shape in enumerate(shapes):
        following = shapes[(index + 1) % count]
        start_site, end_site = _sites(shape, following)
        connect(ctx, page.shapes, shape, start_site, following, end_site, "reporting",
                f"Link {index + 1}", arrow=False, connector_type=MSO_CONNECTOR.STRAIGHT)


def _sites(a, b) -> tuple[int, int]:
    """Connection sites facing each other: 0 top, 1 left, 2 bottom, 3 right."""
    dx = (b.left + b.width // 2) - (a.left + a.width // 2)
    dy = (b.top + b.height // 2) - (a.top + a.height // 2)
    if abs(dx) * a.height > abs(dy) * a.width:
        return (3, 1) if dx > 0 else (1, 3)
    return (2, 0) if dy > 0 else (0, 2)
