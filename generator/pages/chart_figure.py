"""The frame every chart of the site is drawn in.

A chart is looked at; the same numbers must also be read (by a screen reader,
in a printout, by someone who wants the exact value). So each chart is a
<figure> whose SVG carries the chart's name as its accessible name, with a
caption and the chart's data as a table folded under it. One frame for every
chart keeps that promise in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class ChartData:
    """The numbers a chart draws, as a table: already formatted in the site's language."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str]]

    def table(self) -> Markup:
        head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in self.headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
            for row in self.rows
        )
        return Markup(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


@dataclass(frozen=True)
class ChartFrame:
    """What a chart is called, how big it is drawn and how its data table is labelled."""

    name: str
    width: int
    height: int
    kind: str  # a class suffix: ps-chart--<kind>
    data_label: str  # the summary of the folded table, "Data" in the site's language


def chart_figure(frame: ChartFrame, drawing: Markup, data: ChartData) -> Markup:
    """A chart's SVG drawing, named for assistive technology, with its data table.

    `drawing` is the inside of the SVG, built by the caller with markupsafe.
    The outer <div> keeps Markdown off the block.
    """
    name = escape(frame.name)
    return Markup(
        f'<div class="ps-chart-box"><figure class="ps-figure ps-figure--{escape(frame.kind)}">'
        f'<svg class="ps-chart ps-chart--{escape(frame.kind)}" role="img" aria-label="{name}" '
        f'viewBox="0 0 {frame.width} {frame.height}" width="{frame.width}" '
        f'height="{frame.height}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{name}</title>{drawing}</svg>"
        f"<figcaption>{name}</figcaption>"
        f'<details class="ps-chart-data"><summary>{escape(frame.data_label)}</summary>'
        f"{data.table()}</details></figure></div>"
    )
