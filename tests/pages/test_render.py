"""Rendering the pages (pages/render.py), their links and where each page sits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml

from generator.build import page_context_from_checked
from generator.i18n import Translator
from generator.pages.html_sanitizer import clean_page
from generator.pages.page_templates import PageTemplates
from generator.pages.render import Page, PageRenderer, render_pages
from generator.pages.site_map import (
    SECTION_PAGES,
    address_from_path,
    find_section_index,
    navigation_from_plan,
    root_from_path,
    titles_from_plan,
)
from generator.pages.table_stash import TableStash
from tests.pages.small_plans import checked_plan, posts

PERSONA = "---\nname: Sam <the> buyer\nchannels: [instagram]\n---\n"
CAMPAIGN = "campaigns:\n  - {id: spring, name: Spring, start: 2027-03-01, end: 2027-03-31}\n"


def rendered(tmp_path: Path, files: dict[str, str | None], stash: str = "stash") -> list[Page]:
    checked = checked_plan(tmp_path, files)
    renderer = PageRenderer(TableStash(tmp_path / stash))
    return render_pages(page_context_from_checked(checked), renderer)


def front_matter(page: Page) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(page.text.split("---\n")[1])
    return data


def test_every_page_in_a_stable_order_with_its_title(tmp_path: Path) -> None:
    files = {
        "plan/personas/sam.md": PERSONA,
        "plan/calendar/q1.yml": CAMPAIGN
        + posts("{date: 2027-02-02, channel: instagram, title: A}"),
    }
    pages = rendered(tmp_path, files)
    paths = [page.path for page in pages]
    assert paths == [path for path, _ in SECTION_PAGES] + [
        "calendar/board.md",
        "goals/followers.md",
        "goals/leads.md",
        "goals/reach.md",
        "personas/sam.md",
        "channels/instagram.md",
        "campaigns/spring.md",
        *(f"calendar/2027-{month:02d}.md" for month in range(1, 7)),
        "calendar/2027-02/posts.md",  # the only month in which a post starts
    ]
    titles = {page.path: front_matter(page)["title"] for page in pages}
    assert titles["personas/sam.md"] == "Sam <the> buyer"
    assert titles["goals/reach.md"] == "Reach more people"
    assert titles["channels/index.md"] == "Channels"
    assert [page.path for page in rendered(tmp_path / "again", files)] == paths


def test_long_tables_are_kept_out_of_markdown_in_the_renderer_s_stash(tmp_path: Path) -> None:
    files = {"plan/calendar/q1.yml": posts("{date: 2027-02-02, channel: instagram, title: <A>}")}
    month = next(p for p in rendered(tmp_path, files) if p.path == "calendar/2027-02.md")
    assert month.fragments
    assert "<table" not in month.text and "&lt;A&gt;" in month.text  # searched text
    for key in month.fragments:
        assert f'data-plansite-fragment="{key}"' in month.text
        fragment = (tmp_path / "stash" / f"{key}.html").read_text("utf-8")
        assert "&lt;A&gt;" in fragment and fragment == clean_page(fragment)
    assert any(
        "<table" in (tmp_path / "stash" / f"{key}.html").read_text() for key in month.fragments
    )


def test_two_renders_share_nothing_but_what_they_are_handed(tmp_path: Path) -> None:
    """A one-off build reads top to bottom: its stash is its own."""
    files = {"plan/calendar/q1.yml": posts("{date: 2027-02-02, channel: instagram, title: A}")}
    context = page_context_from_checked(checked_plan(tmp_path, files))
    first = render_pages(context, PageRenderer(TableStash(tmp_path / "one")))
    second = render_pages(context, PageRenderer(TableStash(tmp_path / "two")))
    assert first == second
    kept = {p.name: p.read_bytes() for p in (tmp_path / "one").iterdir()}
    assert kept == {p.name: p.read_bytes() for p in (tmp_path / "two").iterdir()}
    assert len(kept) == 2 * sum(len(page.fragments) for page in first)  # table, digest


def test_templates_handed_to_a_second_render_are_not_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = checked_plan(tmp_path, {})
    context = page_context_from_checked(checked)
    compiled: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *a: Any) -> Any:
        compiled.append(name)
        return compile_template(self, source, name, *a)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    templates = PageTemplates()
    first = render_pages(context, PageRenderer(TableStash(tmp_path / "a"), templates))
    assert "overview.md.j2" in compiled and "_macros.md.j2" in compiled
    compiled.clear()
    again = render_pages(context, PageRenderer(TableStash(tmp_path / "b"), templates))
    assert compiled == []
    assert [p.text for p in again] == [p.text for p in first]
    render_pages(context, PageRenderer(TableStash(tmp_path / "c")))  # its own templates
    assert "overview.md.j2" in compiled


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [
        (
            "https://plan.example.com/",
            '[https](/calendar.ics) · <a href="webcal://plan.example.com/calendar.ics">webcal</a>',
        ),
        ("https://example.com/team/plan", "webcal://example.com/team/plan/calendar.ics"),
        (None, "[https](/calendar.ics) |"),
    ],
)
def test_feeds_are_linked_by_https_and_webcal_when_the_address_is_known(
    tmp_path: Path, site_url: str | None, expected: str
) -> None:
    config = "site_name: T\nlanguage: en\ntimezone: Europe/Paris\n"
    if site_url:
        config += f"site_url: {site_url}\n"
    pages = rendered(tmp_path, {"site_config.yml": config})
    calendar = next(p for p in pages if p.path == "calendar/index.md")
    assert expected in calendar.text
    assert ("webcal" in calendar.text) is bool(site_url)
    channel = next(p for p in pages if p.path == "channels/instagram.md")
    assert "[Subscribe](/calendar/instagram.ics){ .md-button }" in channel.text


def test_entity_links_and_external_links_show_their_text_as_text(tmp_path: Path) -> None:
    files = {
        "plan/personas/sam.md": PERSONA,
        "plan/channels/instagram.md": (
            "---\nnetwork: instagram\naccount: insta\nmission: M.\npersonas: [sam]\n"
            "goals: [followers]\n---\n"
        ),
        "plan/inspiration.yml": (
            "sources:\n  - {name: '*Lamps* [x]', url: 'https://lamps.example/?a=1&b=2',"
            " area: peer, why: W}\n  - {name: No link, area: peer, why: W}\n"
        ),
    }
    pages = {page.path: page.text for page in rendered(tmp_path, files)}
    assert "[Sam &lt;the&gt; buyer](/personas/sam.md)" in pages["channels/instagram.md"]
    assert "[Grow the Instagram audience](/goals/followers.md)" in pages["channels/instagram.md"]
    inspiration = pages["inspiration.md"]
    assert '<a href="https://lamps.example/?a=1&amp;b=2">\\*Lamps\\* \\[x\\]</a>' in inspiration
    assert "| No link |" in inspiration


@pytest.mark.parametrize(
    ("path", "address", "root"),
    [
        ("index.md", "", ""),
        ("audit.md", "audit/", "../"),
        ("goals/index.md", "goals/", "../"),
        ("goals/leads.md", "goals/leads/", "../../"),
        ("goals/reindex.md", "goals/reindex/", "../../"),  # not an index for ending so
        ("campaigns/spring.md", "campaigns/spring/", "../../"),
    ],
)
def test_a_page_s_address_and_its_way_back_to_the_root(path: str, address: str, root: str) -> None:
    assert address_from_path(path) == address
    assert root_from_path(path) == root


def test_tables_of_a_page_whose_id_ends_in_index_link_from_its_own_address(
    tmp_path: Path,
) -> None:
    """Its address is two folders deep like any goal's: its rows' links climb both."""
    goal = (
        "---\ntitle: Reindex\nmetric: {name: F, kind: followers, baseline: 1, target: 2}\n"
        "deadline: 2027-06-30\nowner: Sam\nchannels: [instagram]\n---\n"
    )
    files = {
        "plan/goals/reindex.md": goal,
        "plan/calendar/q1.yml": posts("{date: 2027-03-02, channel: instagram, title: Later}"),
    }
    page = next(p for p in rendered(tmp_path, files) if p.path == "goals/reindex.md")
    (key,) = page.fragments
    table = (tmp_path / "stash" / f"{key}.html").read_text("utf-8")
    assert 'href="../../channels/instagram/"' in table


@pytest.mark.parametrize(
    ("path", "index"),
    [
        ("goals/leads.md", "goals/index.md"),
        ("personas/sam.md", "personas/index.md"),
        ("channels/instagram.md", "channels/index.md"),
        ("campaigns/spring.md", "calendar/index.md"),
        ("goals/index.md", None),
        ("calendar/index.md", None),
        ("audit.md", None),
    ],
)
def test_an_entity_s_page_belongs_to_its_section_s_index(path: str, index: str | None) -> None:
    assert find_section_index(path) == index


def test_the_navigation_lists_each_section_s_index_only(tmp_path: Path) -> None:
    checked = checked_plan(tmp_path, {"plan/personas/sam.md": PERSONA})
    nav = navigation_from_plan(checked.plan, checked.config)
    listed = yaml.safe_dump(nav)
    assert "personas/sam.md" not in listed and "goals/leads.md" not in listed
    assert [next(iter(item)) for item in nav][:3] == ["Overview", "Goals", "Personas"]
    assert nav[2] == {"Personas": [{"Personas": "personas/index.md"}]}
    titles = titles_from_plan(checked.plan, Translator("en"))
    assert titles["personas/sam.md"] == "Sam <the> buyer"
