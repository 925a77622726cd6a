"""The renderers, one module per slide kind, registered here by kind.

Each module has ``render(page, slide, ctx)``: ``page`` is the slide being drawn
(``generator.render.page.Page``), ``slide`` the localized model, ``ctx`` the render context.
"""

from . import bullets, cards, chart, columns, cycle, figures, links, map, matrix, orgchart, statement, title

RENDERERS = {
    "title": title.render,
    "bullets": bullets.render,
    "columns": columns.render,
    "cards": cards.render,
    "cycle": cycle.render,
    "matrix": matrix.render,
    "statement": statement.render,
    "figures": figures.render,
    "chart": chart.render,
    "orgchart": orgchart.render,
    "map": map.render,
    "links": links.render,
}
