"""Kind ``chart``: a native, editable chart whose values are figures, with a table beside it.

When the table's text does not fit beside the chart, the table goes under it, across the area.
"""

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.util import Emu, Pt

from ...layout.geometry import Rect
from ...oxml.language import set_chart_language
from ...render.text import Para, TextStyle, check_glyphs, fits_in
from ..figures.render import draw_table
from .model import ChartSlide

SMALL_SLICE = 0.05
TABLE_ROW_INCHES = 0.6      # draw_table's row height, while the area allows
CHART_TYPES = {
    "doughnut": XL_CHART_TYPE.DOUGHNUT,
    "pie": XL_CHART_TYPE.PIE,
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
}


def render(page, slide: ChartSlide, ctx) -> None:
    page.set_title(slide.title)
    area = page.content_area()
    if slide.table:
        chart_rect, table_rect = _table_beside(ctx, area, len(slide.table))
        if not _table_fits(ctx, slide.table, table_rect):
            chart_rect, table_rect = _table_under(ctx, area, len(slide.table))
        draw_table(page, ctx, slide.table, table_rect, "Figures table")
    else:
        chart_rect = area
    _chart(page, ctx, slide, chart_rect)


def _table_beside(ctx, area: Rect, rows: int) -> tuple[Rect, Rect]:
    """The chart's and the table's places: the table beside the chart, at its reading end."""
    chart_width = int(area.width * 0.55)
    table_width = area.width - chart_width - ctx.inches(0.4)
    chart_left = area.right - chart_width if ctx.locale.rtl else area.left
    table_left = area.left if ctx.locale.rtl else area.right - table_width
    table_height = min(area.height, ctx.inches(TABLE_ROW_INCHES) * rows)
    return (Rect(chart_left, area.top, chart_width, area.height),
            Rect(table_left, area.top + (area.height - table_height) // 2, table_width, table_height))


def _table_under(ctx, area: Rect, rows: int) -> tuple[Rect, Rect]:
    """The chart's and the table's places when the table's text does not fit beside: the table
    across the area under the chart, taking at most half of it."""
    table_height = min(area.height // 2, ctx.inches(TABLE_ROW_INCHES) * rows)
    chart_height = area.height - table_height - ctx.inches(0.2)
    return (Rect(area.left, area.top, area.width, chart_height),
            Rect(area.left, area.bottom - table_height, area.width, table_height))


def _table_fits(ctx, figures, rect: Rect) -> bool:
    """Whether every cell of ``draw_table``'s table in ``rect`` fits its text."""
    row_height = min(ctx.inches(TABLE_ROW_INCHES), rect.height // max(1, len(figures)))
    label_width = int(rect.width * 0.68)
    return all(fits_in(ctx, label_width, row_height, [Para(figure.label)], TextStyle(role="caption"))
               and fits_in(ctx, rect.width - label_width, row_height, [Para(figure.value)],
                           TextStyle(role="caption", bold=True))
               for figure in figures)


def chart_values(slide: ChartSlide, figures) -> list:
    """The chart's data: each point's figure value (a missing value plots as nothing)."""
    return [None if figures[p.figure].value is None else float(figures[p.figure].value) for p in slide.points]


def _chart(page, ctx, slide: ChartSlide, rect: Rect) -> None:
    data = CategoryChartData()
    data.categories = [point.label for point in slide.points]
    data.add_series(slide.series_name, chart_values(slide, ctx.figures))
    frame = page.shapes.add_chart(CHART_TYPES[slide.chart_type], Emu(rect.left), Emu(rect.top),
                                  Emu(rect.width), Emu(rect.height), data)
    frame.name = "Chart"
    chart = frame.chart
    fonts = ctx.fonts
    for text in [slide.series_name, slide.chart_title or "", *(point.label for point in slide.points)]:
        check_glyphs(ctx, text, "Chart")
    chart.font.size = Pt(ctx.mapping.size("caption")[0])
    chart.font.name = fonts.latin
    chart.has_title = bool(slide.chart_title)
    if slide.chart_title:
        chart.chart_title.text_frame.text = slide.chart_title
    chart.has_legend = slide.chart_type in ("doughnut", "pie")
    if chart.has_legend:
        # A vertical legend beside the chart reads in either direction; a row at the bottom
        # would run left to right even in a right-to-left deck.
        chart.legend.position = XL_LEGEND_POSITION.RIGHT if ctx.locale.rtl else XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    plot = chart.plots[0]
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.show_value = True
    labels.number_format = "#,##0"
    labels.number_format_is_linked = False
    labels.font.bold = True
    labels.font.size = Pt(ctx.mapping.size("caption")[0])
    if slide.chart_type in ("bar", "column"):
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    colors = ctx.mapping.chart_colors()
    series = plot.series[0]
    values = chart_values(slide, ctx.figures)
    total = sum(v for v in values if v) or 1
    for index, point in enumerate(series.points):
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = colors[index % len(colors)]
        if slide.chart_type in ("doughnut", "pie"):
            # White reads on a wide slice; a thin slice's label spills onto the background.
            thin = (values[index] or 0) / total < SMALL_SLICE
            point.data_label.font.color.rgb = RGBColor.from_string(ctx.color("text" if thin else "background"))
            point.data_label.font.bold = True
    set_chart_language(chart, ctx.locale.lang, ctx.locale.rtl, fonts.slot_families())
