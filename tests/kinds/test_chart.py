"""Kind ``chart``: a native chart whose data are the figures' values, with a table of figures beside it."""

from __future__ import annotations

import pytest
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION

from generator.load.figures import load_figures
from generator.load.yaml_source import read_yaml

from .conftest import ROOT, BuiltSlide, assert_sizes_in_range


@pytest.fixture(scope="module")
def chart(build_alone) -> BuiltSlide:
    return build_alone("casco-members")


@pytest.fixture(scope="module")
def arabic(build_alone) -> BuiltSlide:
    return build_alone("casco-members", "ar")


def test_a_chart_and_a_table_beside_it(chart):
    assert list(chart.drawn) == ["Figures table", "Chart"]
    assert chart.shape("Chart").has_chart and chart.shape("Figures table").has_table
    chart.assert_drawn_inside_content_area()
    assert chart.box("Chart").right < chart.box("Figures table").left


def test_the_chart_plots_each_points_figure(chart):
    figures = load_figures(*read_yaml(ROOT / "content" / "figures.yaml"))
    plotted = chart.shape("Chart").chart
    assert chart.model.chart_type == "doughnut"
    assert plotted.chart_type == XL_CHART_TYPE.DOUGHNUT
    plot = plotted.plots[0]
    assert list(plot.categories) == [point.label for point in chart.model.points]
    (series,) = plot.series
    assert series.name == chart.model.series_name
    assert list(series.values) == [float(figures[point.figure].value) for point in chart.model.points]


def test_the_legend_and_data_labels(chart):
    plotted = chart.shape("Chart").chart
    assert plotted.has_legend and plotted.legend.position == XL_LEGEND_POSITION.BOTTOM
    labels = plotted.plots[0].data_labels
    assert labels.show_value and labels.number_format == "#,##0"


def test_the_table_lists_the_slides_figures(chart):
    table = chart.shape("Figures table").table
    rows = [[cell.text_frame.text for cell in row.cells] for row in table.rows]
    assert rows == [[item.label, item.value] for item in chart.model.table]
    for row in table.rows:
        assert_sizes_in_range(row.cells[0], "caption")


def test_arabic_mirrors_chart_table_and_legend(arabic, chart):
    assert arabic.box("Chart").left > arabic.box("Figures table").right
    assert arabic.box("Chart").right == chart.content_area.right
    assert arabic.shape("Chart").chart.legend.position == XL_LEGEND_POSITION.RIGHT
    table = arabic.shape("Figures table").table
    assert [cell.text_frame.text for cell in table.rows[0].cells] == \
        [arabic.model.table[0].value, arabic.model.table[0].label]          # the label column on the right


# ---------------------------------------------------------------- when the table is too narrow beside

def _long_table_label(content):
    """A table label becomes one long number: a word no hyphenation can break."""
    path = content / "slides" / "12-casco-members.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("label: subscriber members", "label: '" + "1234567890" * 5 + "'"),
                    encoding="utf-8")


def test_a_table_too_narrow_beside_the_chart_goes_under_it(build_alone):
    built = build_alone("casco-members", edit=_long_table_label)
    built.assert_drawn_inside_content_area()
    chart, table = built.box("Chart"), built.box("Figures table")
    assert chart.bottom <= table.top
    assert (table.left, table.right) == (built.content_area.left, built.content_area.right)


def test_a_table_that_fits_beside_the_chart_stays_there(build_alone):
    built = build_alone("casco-members")
    assert built.box("Chart").right <= built.box("Figures table").left
