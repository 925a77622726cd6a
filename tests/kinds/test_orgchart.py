"""Org chart slides built alone: glued connectors, two edge styles, a legend, sound geometry."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from .conftest import HOUSE, font_sizes


ROOT = Path(__file__).resolve().parents[2]
SITES = {0: "top", 1: "left", 2: "bottom", 3: "right"}


SLIDES = ("iso-governance", "casco-structure")      # the deck is built with these slides only


def slide_with(prs, shape_name: str):
    for slide in prs.slides:
        if any(shape.name == shape_name for shape in slide.shapes):
            return slide
    raise AssertionError(f"no slide has a shape named {shape_name!r}")


def boxes(slide) -> dict[str, object]:
    return {shape.name[len("Box "):]: shape for shape in slide.shapes if shape.name.startswith("Box ")}


def connectors(slide) -> list:
    return list(slide.shapes._spTree.iter(qn("p:cxnSp")))


def glued(slide) -> list:
    """Connectors glued at both ends, as ``(element, start id, start site, end id, end site)``."""
    out = []
    for cxn in connectors(slide):
        start, end = cxn.find(".//" + qn("a:stCxn")), cxn.find(".//" + qn("a:endCxn"))
        if start is not None and end is not None:
            out.append((cxn, start.get("id"), int(start.get("idx")), end.get("id"), int(end.get("idx"))))
    return out


def is_dashed(cxn) -> bool:
    dash = cxn.find(".//" + qn("a:prstDash"))
    return dash is not None and dash.get("val") != "solid"


# ---------------------------------------------------------------- what PowerPoint draws

def site_point(shape, site: int) -> tuple[float, float]:
    left, top, width, height = int(shape.left), int(shape.top), int(shape.width), int(shape.height)
    return {0: (left + width / 2, top), 1: (left, top + height / 2),
            2: (left + width / 2, top + height), 3: (left + width, top + height / 2)}[site]


def drawn_path(cxn) -> list[tuple[float, float]]:
    """The connector's polyline on the slide, from its stored xfrm and preset, as PowerPoint draws it."""
    xfrm = cxn.find(qn("p:spPr")).find(qn("a:xfrm"))
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    x, y, w, h = (int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
    preset = cxn.find(".//" + qn("a:prstGeom")).get("prst")
    local = {"straightConnector1": [(0, 0), (w, h)], "line": [(0, 0), (w, h)],
             "bentConnector2": [(0, 0), (w, 0), (w, h)],
             "bentConnector3": [(0, 0), (w / 2, 0), (w / 2, h), (w, h)]}[preset]
    if xfrm.get("flipH") == "1":
        local = [(w - px, py) for px, py in local]
    if xfrm.get("flipV") == "1":
        local = [(px, h - py) for px, py in local]
    turns = int(xfrm.get("rot", "0")) // 5400000 % 4
    out = []
    for px, py in local:
        u, v = px - w / 2, py - h / 2
        for _ in range(turns):
            u, v = -v, u          # a quarter turn clockwise (y points down)
        out.append((x + w / 2 + u, y + h / 2 + v))
    return out


def visual_bounds(shape_element, shape) -> tuple[float, float, float, float]:
    if shape_element.tag == qn("p:cxnSp"):
        points = drawn_path(shape_element)
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        return min(xs), min(ys), max(xs), max(ys)
    return int(shape.left), int(shape.top), int(shape.left) + int(shape.width), int(shape.top) + int(shape.height)


def assert_inside_slide(prs, slide) -> None:
    for shape in slide.shapes:
        if shape.is_placeholder:
            continue
        left, top, right, bottom = visual_bounds(shape._element, shape)
        assert 0 <= left and right <= prs.slide_width, shape.name
        assert 0 <= top and bottom <= prs.slide_height, shape.name


def assert_paths_join_their_boxes(slide) -> None:
    by_id = {str(shape.shape_id): shape for shape in slide.shapes}
    for cxn, start_id, start_site, end_id, end_site in glued(slide):
        path = drawn_path(cxn)
        for got, want in ((path[0], site_point(by_id[start_id], start_site)),
                          (path[-1], site_point(by_id[end_id], end_site))):
            assert abs(got[0] - want[0]) <= 2 and abs(got[1] - want[1]) <= 2, (cxn, got, want)
        for (x1, y1), (x2, y2) in zip(path, path[1:]):
            assert abs(x1 - x2) <= 1 or abs(y1 - y2) <= 1, "every segment is horizontal or vertical"
        # a link leaving a box's bottom or top runs vertically first, out of the box
        if start_site in (0, 2) and len(path) > 2:
            assert abs(path[0][0] - path[1][0]) <= 1
            assert (path[1][1] > path[0][1]) == (start_site == 2)


def assert_no_overlap(slide) -> None:
    shapes = boxes(slide)
    for (a, sa), (b, sb) in itertools.combinations(shapes.items(), 2):
        apart = (sa.left + sa.width <= sb.left or sb.left + sb.width <= sa.left
                 or sa.top + sa.height <= sb.top or sb.top + sb.height <= sa.top)
        assert apart, (a, b)


# ---------------------------------------------------------------- ISO governance

def test_governance_has_a_glued_connector_per_link(english):
    slide = slide_with(english, "Box council")
    assert len(glued(slide)) == 6                    # every node but the root hangs from its parent
    by_id = {str(shape.shape_id): shape.name for shape in slide.shapes}
    links = {(by_id[s], by_id[e]) for _, s, _, e, _ in glued(slide)}
    assert ("Box council", "Box tmb") in links
    assert ("Box tmb", "Box technical-committees") in links


def test_governance_shows_two_edge_styles_and_a_legend(english):
    slide = slide_with(english, "Box council")
    by_id = {str(shape.shape_id): shape.name for shape in slide.shapes}
    dashed = {by_id[e] for cxn, _, _, e, _ in glued(slide) if is_dashed(cxn)}
    solid = {by_id[e] for cxn, _, _, e, _ in glued(slide) if not is_dashed(cxn)}
    assert dashed == {"Box standing-committees", "Box presidents-committee"}
    assert len(solid) == 4
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert "Reporting/responsibility" in texts and "Advisory" in texts
    legend_lines = [cxn for cxn in connectors(slide) if cxn.find(".//" + qn("a:stCxn")) is None]
    assert len(legend_lines) == 2 and sum(is_dashed(c) for c in legend_lines) == 1


def test_governance_advisors_sit_beside_the_council(english):
    shapes = boxes(slide_with(english, "Box council"))
    council = shapes["council"]
    for name in ("standing-committees", "presidents-committee"):
        assert shapes[name].top == council.top
    assert shapes["standing-committees"].left < council.left < shapes["presidents-committee"].left
    assert shapes["general-assembly"].top < council.top < shapes["tmb"].top < shapes["technical-committees"].top


def test_governance_labels_and_details_are_written(english):
    shapes = boxes(slide_with(english, "Box council"))
    assert shapes["tmb"].text_frame.text == "TMB\nTechnical Management Board"
    runs = [p.runs[0] for p in shapes["tmb"].text_frame.paragraphs]
    assert runs[0].font.bold and runs[1].font.size < runs[0].font.size
    sizes = {shape.text_frame.paragraphs[0].runs[0].font.size for shape in shapes.values()}
    assert len(sizes) == 1, "one text size across the chart"


@pytest.mark.parametrize("name", ["Box council", "Box plenary"])
def test_org_charts_are_sound(english, name):
    slide = slide_with(english, name)
    assert_no_overlap(slide)
    assert_inside_slide(english, slide)
    assert_paths_join_their_boxes(slide)


def test_emphasis_picks_the_fill(english):
    shapes = boxes(slide_with(english, "Box plenary"))
    assert str(shapes["plenary"].fill.fore_color.rgb) == "1F3A5F"        # primary
    assert str(shapes["policy"].fill.fore_color.rgb) == "4A7AB0"         # secondary
    assert str(shapes["cpc"].fill.fore_color.rgb) == "E8EEF4"            # light
    assert str(shapes["plenary"].text_frame.paragraphs[0].runs[0].font.color.rgb) == "FFFFFF"
    assert str(shapes["cpc"].text_frame.paragraphs[0].runs[0].font.color.rgb) == "1F3A5F"


def test_casco_structure_is_a_three_level_tree(english):
    slide = slide_with(english, "Box plenary")
    shapes = boxes(slide)
    assert len(glued(slide)) == 8
    leaves = ["cpc", "tig", "star", "wg1", "wg2", "more-wgs"]
    assert len({shapes[n].top for n in leaves}) == 1
    lefts = [shapes[n].left for n in leaves]
    assert lefts == sorted(lefts)
    assert not any(is_dashed(c) for c in connectors(slide))
    assert not any(shape.name.startswith("Legend") for shape in slide.shapes)


# ---------------------------------------------------------------- right to left, and a 4:3 template

def test_rtl_mirrors_the_chart(arabic):
    slide = slide_with(arabic, "Box council")
    shapes = boxes(slide)
    assert shapes["standing-committees"].left > shapes["council"].left > shapes["presidents-committee"].left
    assert shapes["policy-committees"].left > shapes["tmb"].left
    legend = [shape for shape in slide.shapes if shape.name.startswith("Legend")]
    assert max(s.left + s.width for s in legend) < arabic.slide_width / 2, "the legend sits bottom left"
    assert_paths_join_their_boxes(slide)
    assert_inside_slide(arabic, slide)


def test_a_narrow_slide_stacks_the_leaves(narrow):
    slide = slide_with(narrow, "Box plenary")
    shapes = boxes(slide)
    tops = [shapes[n].top for n in ("cpc", "tig", "star")]
    assert tops == sorted(tops) and len(set(tops)) == 3
    assert all(shapes[n].left > shapes["policy"].left for n in ("cpc", "tig", "star"))
    presets = {cxn.find(".//" + qn("a:prstGeom")).get("prst") for cxn in connectors(slide)}
    assert "bentConnector2" in presets
    assert_no_overlap(slide)
    assert_inside_slide(narrow, slide)
    assert_paths_join_their_boxes(slide)
    governance = slide_with(narrow, "Box council")
    assert_no_overlap(governance)
    assert_inside_slide(narrow, governance)


# ---------------------------------------------------------------- a synthetic chart, rendered directly

def render_chart(data: dict, locale: str = "en"):
    """Draw one org chart on a slide of the corporate template, the way render_deck does."""
    from generator.build import make_fitter
    from generator.locales import get_locale
    from generator.kinds import OrgChartSlide
    from generator.render.context import RenderContext
    from generator.kinds.orgchart import render as orgchart
    from generator.render.page import Page
    from generator.template.mapping import load_mapping

    template = load_mapping(ROOT / "templates" / "corporate")
    prs = Presentation(str(template.pptx_path))
    ctx = RenderContext(prs, template, get_locale(locale), None, make_fitter(template))
    role = template.mapping.role_for_kind("orgchart")
    layout = next(l for l in prs.slide_layouts if l.name == template.mapping.layouts[role].name)
    slide = prs.slides.add_slide(layout)
    page = Page(slide, role, ctx)
    orgchart.render(page, OrgChartSlide.model_validate({"kind": "orgchart", "title": "T", "notes": "N", **data}), ctx)
    page.remove_unfilled_placeholders()
    return prs, slide


def test_roots_edge_parents_and_extra_edges():
    prs, slide = render_chart({
        "nodes": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C", "parent": "a"},
                  {"id": "d", "label": "D"}, {"id": "e", "label": "E", "parent": "b"}],
        "edges": [{"from": "a", "to": "d", "style": "advisory"}, {"from": "c", "to": "e", "style": "advisory"}],
        "legend": [{"style": "advisory", "label": "Advice"}],
    })
    shapes = boxes(slide)
    assert shapes["d"].top > shapes["a"].top + shapes["a"].height     # hangs below its edge's source
    assert shapes["a"].top == shapes["b"].top                         # two roots side by side
    by_id = {str(shape.shape_id): shape.name for shape in slide.shapes}
    links = {(by_id[s], by_id[e]): is_dashed(cxn) for cxn, s, _, e, _ in glued(slide)}
    assert links == {("Box a", "Box c"): False, ("Box a", "Box d"): True, ("Box b", "Box e"): False,
                     ("Box c", "Box e"): True}
    assert_no_overlap(slide)
    assert_inside_slide(prs, slide)
    assert_paths_join_their_boxes(slide)


def test_a_single_box_and_no_legend():
    prs, slide = render_chart({"nodes": [{"id": "only", "label": "Alone", "detail": "no links"}]})
    assert list(boxes(slide)) == ["only"] and not connectors(slide)
    assert_inside_slide(prs, slide)


def test_a_bad_parent_is_a_content_error():
    from generator.errors import ContentError
    with pytest.raises(ContentError, match="unknown parent 'nobody'"):
        render_chart({"nodes": [{"id": "a", "label": "A", "parent": "nobody"}]})


# ---------------------------------------------------------------- one hard box

def _long_word_in_cpc(content: Path) -> None:
    path = content / "slides" / "15-casco-structure.yaml"
    text = path.read_text(encoding="utf-8")
    long_word = "Vorsitzendenkoordinierungsausschussarbeitsgruppenleitung"
    path.write_text(text.replace("Chairman’s policy and coordination group", f"{long_word} {long_word}"),
                    encoding="utf-8")


def test_one_long_word_shrinks_only_its_own_box(build_alone):
    built = build_alone("casco-structure", edit=_long_word_in_cpc)
    sizes = {node_id: max(font_sizes(shape)) for node_id, shape in boxes(built.slide).items()}
    body_min = HOUSE.size("body")[1]
    others = {size for node_id, size in sizes.items() if node_id != "cpc"}
    assert len(others) == 1, sizes                     # the siblings still share one size
    assert min(others) > body_min, sizes               # ... a readable one
    assert sizes["cpc"] < min(others), sizes


def test_boxes_share_one_size_while_it_is_readable(build_alone):
    built = build_alone("casco-structure")
    labels = {max(font_sizes(shape)) for shape in boxes(built.slide).values()}
    assert len(labels) == 1


def test_the_legend_row_is_as_tall_as_a_line_of_its_script(build_slides, matrix_template):
    """On a 4:3 slide the Arabic legend (Noto Sans Arabic: 2.1 em a line) still fits at the legend's size."""
    from generator.build import make_fitter
    from generator.kinds.orgchart.render import LEGEND_PT
    from generator.locales import get_locale
    from generator.template.mapping import load_mapping

    folder = matrix_template("default-4x3-serif-french")
    prs = Presentation(build_slides("iso-governance", locale="ar", template_dir=folder))
    legend = [shape for shape in prs.slides[0].shapes if shape.name.startswith("Legend ") and shape.has_text_frame]
    assert legend
    measurer = make_fitter(load_mapping(folder), get_locale("ar", "SA")).measurer
    for shape in legend:
        line_pt = LEGEND_PT * measurer.line_height_em(shape.text_frame.text)
        assert shape.height / 12700 >= line_pt
