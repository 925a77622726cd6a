"""Kind ``orgchart``: boxes in a tidy tree joined by glued connectors, two edge styles and a legend.

The geometry is ``generator.layout.tree``: levels top to bottom, parents centred over their
children. An advisory leaf (a dashed link into a node with no children of its own) sits beside
its parent on the parent's row, as an org chart shows advisors; when a level is too wide to be
readable, leaf children are stacked in a list below their parent. Every box has the same size
and, while that size stays readable, every box's text the same size, so the chart reads as one
drawing; a box whose text would pull that shared size below readable takes its own smaller size. The legend, when the
slide has one, sits in a strip reserved at the bottom, on the right (on the left in RTL).
"""

from __future__ import annotations

from pptx.enum.shapes import MSO_CONNECTOR

from ...errors import ContentError, Problem, display_path
from ...layout.geometry import Rect
from ...layout.tree import BOTTOM, TOP, TreeNode, facing_sites, layout_tree
from ...oxml.shapes import route_connector
from ...render.context import EMU_PER_INCH, EMU_PER_PT
from ...render.shapes import BOX_CORNER, add_box, add_line, connect
from ...render.text import Para, TextStyle, add_text_box, box_spec
from .model import OrgChartSlide

FILL = {"strong": "primary", "group": "secondary", "normal": "light"}
LABEL_COLOR = {"strong": "background", "group": "background", "normal": "primary"}
DETAIL_COLOR = {"strong": "background", "group": "background", "normal": "text"}
DETAIL_RATIO = 0.78
BOX_MAX_PT = 18.0
LEGEND_PT = 12.0
# Real inches, not scaled with the slide's width: font sizes do not scale, and a 4:3 slide is
# as tall as a 16:9 one. The narrowest box whose text stays readable; the tallest box; the
# room between levels that the connectors need.
MIN_READABLE_BOX = int(1.5 * EMU_PER_INCH)
MAX_BOX_HEIGHT = int(1.4 * EMU_PER_INCH)
V_GAP = int(0.42 * EMU_PER_INCH)


def render(page, slide: OrgChartSlide, ctx) -> None:
    page.set_title(slide.title)
    area = page.content_area()
    rtl = ctx.locale.rtl
    chart_area = area
    if slide.legend:
        legend_height = _legend_height(ctx, slide)
        chart_area = Rect(area.left, area.top, area.width,
                          max(1, area.height - legend_height - ctx.inches(0.2)))

    try:
        layout = layout_tree(_tree_nodes(slide), chart_area, edges=[(e.source, e.target) for e in slide.edges],
                             rtl=rtl, h_gap=ctx.inches(0.25), v_gap=V_GAP,
                             beside_gap=ctx.inches(0.55), indent=ctx.inches(0.3),
                             max_box_width=ctx.inches(2.7), max_box_height=MAX_BOX_HEIGHT,
                             min_box_width=MIN_READABLE_BOX)
    except ValueError as exc:
        where = display_path(slide.source) if slide.source else slide.id
        raise ContentError([Problem(where, None, None, f"org chart: {exc}",
                                    "every 'parent' must be the id of another node, without cycles")]) from None

    nodes = {node.id: node for node in slide.nodes}
    paras = {node.id: _paras(node) for node in slide.nodes}
    inset_x, inset_y = ctx.inches(0.1), ctx.inches(0.06)
    sizes = _box_sizes(ctx, paras, layout.box_width, layout.box_height, inset_x, inset_y)

    shapes = {}
    for node in slide.nodes:
        role, size = sizes[node.id]
        style = TextStyle(role=role, align="center", anchor="middle", max_pt=size,
                          inset_x=inset_x, inset_y=inset_y)
        shapes[node.id] = add_box(ctx, page.shapes, layout.boxes[node.id], paras[node.id], style,
                                  f"Box {node.id}", fill=FILL[node.emphasis],
                                  line="secondary" if node.emphasis == "normal" else None,
                                  line_width_pt=0.75)

    linked = set()
    for parent, child in layout.links():
        start_site, end_site = layout.sites(child)
        style = nodes[child].edge if nodes[child].parent else _edge_style(slide, parent, child)
        placement = layout.placement[child]
        connector = connect(ctx, page.shapes, shapes[parent], start_site, shapes[child], end_site, style,
                            f"Link {parent} to {child}",
                            connector_type=MSO_CONNECTOR.STRAIGHT if placement == "beside" else MSO_CONNECTOR.ELBOW)
        if placement != "beside":
            _route(connector, "bentConnector2" if placement == "stacked" else "bentConnector3", True)
        linked.add((parent, child))
    for edge in slide.edges:
        if (edge.source, edge.target) in linked or edge.source not in shapes or edge.target not in shapes:
            continue
        start_site, end_site = facing_sites(layout.boxes[edge.source], layout.boxes[edge.target])
        connector = connect(ctx, page.shapes, shapes[edge.source], start_site, shapes[edge.target], end_site,
                            edge.style, f"Link {edge.source} to {edge.target}")
        _route(connector, "bentConnector3", start_site in (TOP, BOTTOM))
        linked.add((edge.source, edge.target))

    if slide.legend:
        _legend(page, slide, ctx, area)


def _route(connector, preset: str, vertical_first: bool) -> None:
    """Store the elbow as PowerPoint should draw it (python-pptx stores every elbow as starting sideways)."""
    begin = (int(connector.begin_x), int(connector.begin_y))
    end = (int(connector.end_x), int(connector.end_y))
    route_connector(connector, begin, end, preset, vertical_first)


def _tree_nodes(slide: OrgChartSlide) -> list[TreeNode]:
    """Advisory leaves sit beside their parent."""
    has_children = {node.parent for node in slide.nodes if node.parent}
    has_children |= {edge.source for edge in slide.edges}
    return [TreeNode(node.id, node.parent,
                     beside=node.edge == "advisory" and node.parent is not None and node.id not in has_children)
            for node in slide.nodes]


def _edge_style(slide: OrgChartSlide, source: str, target: str) -> str:
    for edge in slide.edges:
        if edge.source == source and edge.target == target:
            return edge.style
    return "reporting"


def _paras(node) -> list[Para]:
    paras = [Para(node.label, bold=True, color=LABEL_COLOR[node.emphasis])]
    if node.detail:
        paras.append(Para(node.detail, size_ratio=DETAIL_RATIO, color=DETAIL_COLOR[node.emphasis]))
    return paras


def _box_sizes(ctx, paras: dict, width: int, height: int, inset_x: int, inset_y: int) -> dict:
    """Each box's (role, text size), by node id.

    One shared size, the largest at which all boxes fit, while that is readable. Else the boxes
    that fit at a readable size share theirs and the few hard ones take their own (body role,
    else label): one long word does not shrink the whole chart.
    """
    box = box_spec(width, height, inset_x, inset_y, geometry="roundRect", adjust=BOX_CORNER)
    body = _fitted(ctx, paras, box, "body")
    readable = _size_range(ctx, "body")[1] + ctx.fitter.step
    easy = [node_id for node_id, result in body.items() if result.fits and result.size_pt >= readable]
    if len(easy) == len(paras) or not easy:
        role, size = _common_size(ctx, paras, box)
        return {node_id: (role, size) for node_id in paras}
    easy_size = min(body[node_id].size_pt for node_id in easy)
    sizes = {node_id: ("body", easy_size) for node_id in easy}
    hard = {node_id: node_paras for node_id, node_paras in paras.items() if node_id not in sizes}
    label = _fitted(ctx, hard, box, "label")
    for node_id in hard:
        role, own = ("body", body[node_id]) if body[node_id].fits else ("label", label[node_id])
        sizes[node_id] = (role, own.size_pt)
    return sizes


def _size_range(ctx, role: str) -> tuple[float, float]:
    max_pt, min_pt = ctx.mapping.size(role)
    max_pt = min(max_pt, BOX_MAX_PT)
    return max_pt, min(min_pt, max_pt)


def _fitted(ctx, paras: dict, box, role: str) -> dict:
    max_pt, min_pt = _size_range(ctx, role)
    return {node_id: ctx.fitter.fit(node_paras, box, max_pt, min_pt, language=ctx.locale.lang)
            for node_id, node_paras in paras.items()}


def _common_size(ctx, paras: dict, box) -> tuple[str, float]:
    """One text size for every box: the largest at which all of them fit (body role, else label)."""
    for role in ("body", "label"):
        results = _fitted(ctx, paras, box, role)
        if all(result.fits for result in results.values()):
            return role, min(result.size_pt for result in results.values())
    return "label", min(result.size_pt for result in results.values())


# ---------------------------------------------------------------- legend

def _legend_height(ctx, slide: OrgChartSlide) -> int:
    """One legend row: a line of the tallest label's script at ``LEGEND_PT``, with room around it.

    The line height is the font's own (Arabic and Devanagari faces run to twice the size), so
    a small slide's row is not too short for the script.
    """
    line_em = max([1.25] + [ctx.fitter.measurer.line_height_em(entry.label) for entry in slide.legend])
    return max(ctx.inches(0.36), int(LEGEND_PT * line_em * EMU_PER_PT) + 2 * ctx.inches(0.05))


def _legend(page, slide: OrgChartSlide, ctx, area: Rect) -> None:
    """A swatch and a label per entry, in one row at the bottom of ``area``.

    The legend sits bottom right (bottom left in RTL); entries run in reading order. When one
    row is too wide for the area they are stacked.
    """
    rtl = ctx.locale.rtl
    swatch = ctx.inches(0.55)
    pad = ctx.inches(0.08)          # between swatch and label
    spacing = ctx.inches(0.35)      # between entries
    inset = ctx.inches(0.05)
    row_height = _legend_height(ctx, slide)
    measurer = ctx.fitter.measurer
    labels = [(entry, int(measurer.width(entry.label, LEGEND_PT) * EMU_PER_PT * 1.08) + 2 * inset + 2)
              for entry in slide.legend]
    widths = [swatch + pad + label_width for _, label_width in labels]
    one_row = sum(widths) + spacing * (len(widths) - 1)
    rows = [[i] for i in range(len(labels))] if one_row > area.width else [list(range(len(labels)))]
    for row_index, row in enumerate(rows):
        top = area.bottom - (len(rows) - row_index) * row_height
        row_width = sum(widths[i] for i in row) + spacing * (len(row) - 1)
        row_width = min(row_width, area.width)
        x = area.left if rtl else area.right - row_width
        order = list(reversed(row)) if rtl else row
        for i in order:
            entry, label_width = labels[i]
            label_width = min(label_width, area.width - swatch - pad)
            mid = top + row_height // 2
            if rtl:
                label_left, swatch_left = x, x + label_width + pad
            else:
                swatch_left, label_left = x, x + swatch + pad
            add_line(ctx, page.shapes, swatch_left, mid, swatch_left + swatch, mid, entry.style,
                     f"Legend {i + 1} line")
            add_text_box(ctx, page.shapes, Rect(label_left, top, label_width, row_height),
                         [Para(entry.label)],
                         TextStyle(role="caption", color="text", align="left", anchor="middle",
                                   max_pt=LEGEND_PT, inset_x=inset, inset_y=0),
                         f"Legend {i + 1}")
            x += swatch + pad + label_width + spacing
