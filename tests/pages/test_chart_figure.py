"""The frame every chart is drawn in: a name for assistive technology, a
caption, and the numbers as a table, all surviving the page's last gate."""

from __future__ import annotations

import re

from markupsafe import Markup

from generator.pages.chart_figure import ChartData, ChartFrame, chart_figure
from generator.pages.html_sanitizer import clean_page

HOSTILE = '<script>alert(1)</script>"onload="x'


def _figure(name: str = "Sessions per week", cell: str = "12") -> str:
    frame = ChartFrame(name=name, width=300, height=100, kind="bars", data_label="Data")
    drawing = Markup('<rect x="0" y="0" width="10" height="10" class="ps-chart__bar"/>')
    data = ChartData(headers=("Week", "Sessions"), rows=(("2027-W01", cell),))
    return str(chart_figure(frame, drawing, data))


def test_the_chart_is_named_for_assistive_technology_and_captioned() -> None:
    html = clean_page(_figure())
    assert 'role="img"' in html
    assert 'aria-label="Sessions per week"' in html
    assert "<title>Sessions per week</title>" in html
    assert "<figcaption>Sessions per week</figcaption>" in html


def test_the_numbers_are_a_table_folded_under_the_chart() -> None:
    html = clean_page(_figure())
    assert '<details class="ps-chart-data"><summary>Data</summary>' in html
    assert '<th scope="col">Week</th>' in html
    assert "<td>12</td>" in html


def test_plan_text_in_a_chart_stays_text() -> None:
    html = clean_page(_figure(name=HOSTILE, cell=HOSTILE))
    assert "<script" not in html
    assert not re.search(r"\sonload=", html)  # an attribute; as text it is harmless
    assert html.count("&lt;script&gt;") == 4
