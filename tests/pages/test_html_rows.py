"""The rows of the long tables (pages/html_rows.py), against the plain way of writing them.

html_rows.py writes rows in Python instead of Jinja macros, and reuses each
post's cells: a speed trick, so each test compares it with a Jinja template
that writes the same rows the plain way, escaped by Jinja's autoescape.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import pytest
from bs4 import BeautifulSoup

from generator.i18n import Translator
from generator.model.utm import post_link
from generator.pages.html_rows import KeptCells, TableRows
from generator.pages.markdown_text import safe_href
from tests.pages.small_plans import checked_plan, posts

EVIL = "<b>x</b> & 'q' \"dq\""

ATTRIBUTES = (
    'data-date="{{ day }}" data-channel="{{ c }}" data-campaign="{{ post.campaign }}"'
    ' data-status="{{ post.status }}" data-type="{{ post.type }}" data-owner="{{ post.owner }}"'
)
PLAIN_OCCURRENCES = (
    """\
{%- for o in occurrences -%}{% for c in o.post.channels -%}
{%- set post, day = o.post, o.day.isoformat() -%}
<tr """
    + ATTRIBUTES
    + """>
{%- if o.start -%}
  {%- set clock = o.start.strftime("%H:%M") -%}
  {%- set zone = o.post.timezone.key -%}
  {%- set time = clock if zone == timezone else clock ~ " (" ~ zone ~ ")" -%}
{%- else -%}
  {%- set time = t("all_day") -%}
{%- endif -%}
<td>{{ t.date(o.day, "EEE d MMM") }}</td><td>{{ time }}</td>
<td><a href="{{ root }}channels/{{ c }}/">{{ c }}</a></td>
<td>{% if o.post.type %}{{ plan.content_type(o.post.type).name }}{% endif %}</td>
<td class="ps-row__title">
<a href="{{ root }}{{ post.calendar_address }}">{{ o.post.title }}</a></td>
<td><span class="ps-badge ps-badge--{{ o.post.status }}">
{{- t("status_" ~ o.post.status) }}</span></td>
<td>{% if o.post.campaign %}<a href="{{ root }}campaigns/{{ o.post.campaign }}/">
{{- plan.campaign(o.post.campaign).name }}</a>{% endif %}</td></tr>{{ "\\n" }}
{%- endfor %}{% endfor -%}
"""
)
PLAIN_TAGGED_LINKS = (
    """\
{%- for post in plan.posts if post.link -%}{% for c in post.channels -%}
{%- set url, day = post_link(plan, post, c), post.date.isoformat() -%}
<tr """
    + ATTRIBUTES
    + """><td>{{ t.date(post.date, "medium") }}</td>
<td><a href="{{ root }}channels/{{ c }}/">{{ c }}</a></td>
<td class="ps-row__title">{{ post.title }}</td>
<td class="ps-utm"><a href="{{ url|href }}">{{- url }}</a></td></tr>{{ "\\n" }}
{%- endfor %}{% endfor -%}
"""
)


def plain(template: str, **variables: object) -> str:
    """Rows as a Jinja template writes them, every value autoescaped."""
    environment = jinja2.Environment(autoescape=True)
    environment.filters["href"] = safe_href
    # The templates' newlines only break their lines: the rows have none.
    source = "".join(line.strip() for line in template.splitlines())
    return environment.from_string(source).render(variables)


FILES = {
    "plan/channels/linkedin.md": "---\nnetwork: linkedin\nmission: Architects.\n---\n",
    "plan/content.yml": f"types:\n  - {{id: tips, name: {json.dumps(EVIL)}, share: 100}}\n",
    "plan/calendar/q1.yml": (
        "campaigns:\n"
        f"  - {{id: launch, name: {json.dumps(EVIL)}, start: 2027-01-01, end: 2027-01-31}}\n"
    )
    + posts(
        f"{{id: evil, date: 2027-01-05, channel: instagram, title: {json.dumps(EVIL)},"
        " type: tips, campaign: launch, time: '10:00', link: 'https://shop.example/?a=1&b=<2>'}",
        "{id: all-day, date: 2027-01-06, channel: [linkedin, instagram], title: Day,"
        " status: idea, link: 'https://shop.example/day'}",
        "{id: away, date: 2027-01-07, channel: linkedin, title: Away, time: '09:30',"
        " timezone: America/New_York, status: draft,"
        " repeat: {every: week, count: 3}}",
        "{id: cancelled, date: 2027-01-08, channel: instagram, title: C, status: cancelled}",
    ),
}


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("root", ["../", "../../", ""])
def test_occurrence_rows_are_those_a_plain_template_writes(
    tmp_path: Path, language: str, root: str
) -> None:
    checked = checked_plan(tmp_path, FILES)
    t = Translator(language)
    occurrences = checked.context.all_occurrences
    made = TableRows(checked.plan, checked.config, t).occurrences(occurrences, root)
    expected = plain(
        PLAIN_OCCURRENCES,
        occurrences=occurrences,
        root=root,
        t=t,
        plan=checked.plan,
        timezone=checked.config.timezone,
    )
    assert str(made) == expected
    # One row per occurrence and channel: the all-day post is on two channels.
    assert len(BeautifulSoup(expected, "html.parser").find_all("tr")) == 7


@pytest.mark.parametrize("root", ["../", ""])
def test_tagged_link_rows_are_those_a_plain_template_writes(tmp_path: Path, root: str) -> None:
    checked = checked_plan(tmp_path, FILES)
    t = Translator("en")
    rows = TableRows(checked.plan, checked.config, t)
    expected = plain(PLAIN_TAGGED_LINKS, plan=checked.plan, t=t, root=root, post_link=post_link)
    assert str(rows.tagged_links(root)) == expected
    found = BeautifulSoup(expected, "html.parser").find_all("tr")
    assert len(found) == rows.tagged_link_count() == 3  # evil once, all-day on two channels
    utm = found[0].select_one(".ps-utm a")
    assert utm is not None and "utm_content=evil" in str(utm["href"])
    assert "&b=<2>" not in str(rows.tagged_links(root))


def test_time_cells_show_all_day_or_the_clock_and_a_zone_of_its_own(tmp_path: Path) -> None:
    checked = checked_plan(tmp_path, FILES)
    rows = TableRows(checked.plan, checked.config, Translator("en"))
    occurrences = checked.context.all_occurrences
    html = rows.occurrences(occurrences, root="")
    rows_found = BeautifulSoup(str(html), "html.parser").find_all("tr")
    publications = [o for o in occurrences for _ in o.post.channels]
    assert len(rows_found) == len(publications)
    times = {
        occurrence.post.id: tr.find_all("td")[1].get_text()
        for occurrence, tr in zip(publications, rows_found, strict=True)
    }
    assert times == {
        "evil": "10:00",
        "all-day": Translator("en")("all_day"),
        "away": "09:30 (America/New_York)",
        "cancelled": Translator("en")("all_day"),
    }


def count_cells_made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    made: list[str] = []
    make_cells = TableRows._make_cells

    def counted(self: TableRows, post: object, root: str) -> str:
        made.append(root)
        return make_cells(self, post, root)  # type: ignore[arg-type]

    monkeypatch.setattr(TableRows, "_make_cells", counted)
    return made


def test_kept_cells_are_reused_only_while_the_names_they_show_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's reuse gives the rows a fresh render gives, and makes no cell twice
    while the language, the content types' and the campaigns' names stay."""
    checked = checked_plan(tmp_path, FILES)
    plan, config, occurrences = checked.plan, checked.config, checked.context.all_occurrences
    made = count_cells_made(monkeypatch)
    kept = KeptCells()

    def rendered(language: str, with_kept: KeptCells | None) -> str:
        rows = TableRows(plan, config, Translator(language), with_kept)
        return str(rows.occurrences(occurrences, root="../"))

    first = rendered("en", kept)
    assert len(made) == 4  # one per post, not per occurrence
    assert rendered("en", kept) == first == rendered("en", None)
    assert len(made) == 8  # the render without kept cells made its own
    assert rendered("en", kept) == first
    assert len(made) == 8
    french = rendered("fr", kept)
    assert len(made) == 12 and french == rendered("fr", None)
