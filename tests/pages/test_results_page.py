"""The results page (/results/, pages/results_page.py): what worked, section by
section, its empty states, numbers in the site's language, and plan or results
text that stays text."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from generator.build import page_context_from_checked
from generator.pages.render import PageRenderer, render_pages
from generator.pages.table_stash import TableStash
from tests.conftest import run_cli, write_plan
from tests.pages.small_plans import checked_plan, posts

PAGE = "results.md"
CONTENT = """\
types:
  - {id: tips, name: Tips, share: 60, purpose: educate}
  - {id: news, name: News, share: 40, purpose: inform}
"""
MEASUREMENT = """\
experiments:
  - {id: reel-or-photo, name: Reel or photo, channel: instagram}
"""
CAMPAIGNS = (
    "campaigns:\n"
    "  - {id: spring, name: Spring sale, start: 2027-01-01, end: 2027-06-30, goals: [leads]}\n"
)
CHANNEL_FB = """\
---
network: facebook
mission: Talk with neighbours.
---
"""


def config(language: str) -> str:
    return f"site_name: T\nsite_url: https://plan.example.com/\nlanguage: {language}\n"


HEADER = "date,channel,post,impressions,reach,engagements,clicks,sessions\n"


def post_line(post_id: str, day: str, kind: str, **extra: str) -> str:
    fields = {"id": post_id, "date": day, "channel": "instagram", "title": f"Post {post_id}"}
    fields |= {"type": kind, "status": "published", **extra}
    return "{" + ", ".join(f"{key}: {value}" for key, value in fields.items()) + "}"


def plan_files(results: str | None = None, **replaced: str | None) -> dict[str, str | None]:
    """Six posts, two types, a campaign and an experiment, with `results` as the CSV."""
    lines = [
        post_line("t1", "2027-01-04", "tips", campaign="spring"),
        post_line("t2", "2027-01-11", "tips", campaign="spring"),
        post_line("t3", "2027-01-18", "tips"),
        post_line("n1", "2027-01-05", "news"),
        post_line("n2", "2027-01-12", "news"),
        post_line("tiny", "2027-01-19", "news"),
    ]
    files: dict[str, str | None] = {
        "plan/content.yml": CONTENT,
        "plan/calendar/q1.yml": CAMPAIGNS + posts(*lines),
        "plan/goals/leads.md": "---\ntitle: Bring leads\nmetric: {name: Quote requests, "
        "kind: leads, baseline: 2, target: 600}\nprogress:\n  - {date: 2027-01-31, value: 240}\n"
        "deadline: 2027-06-30\nowner: Sam\nchannels: [instagram]\n---\n",
    }
    if results is not None:
        files["plan/results/export.csv"] = results
    return files | replaced


# Reach and engagements chosen so that the rates rank t2 > n1 > t1 > n2 > t3, and
# `tiny` (100 % on 3 people) stays out of the rate ranking.
RESULTS = HEADER + (
    "2027-01-04,instagram,t1,1500,1000,50,10,12\n"
    "2027-01-11,instagram,t2,2400,2000,160,40,30\n"
    "2027-01-18,instagram,t3,1200,1000,20,5,1234\n"
    "2027-01-05,instagram,n1,1100,1000,70,7,3\n"
    "2027-01-12,instagram,n2,1800,1500,45,9,4\n"
    "2027-01-19,instagram,tiny,3,3,3,0,0\n"
)


def page(tmp_path: Path, files: dict[str, str | None], language: str = "en") -> BeautifulSoup:
    """The results page's Markdown and HTML, its kept-out tables put back."""
    files = {
        "site_config.yml": config(language),
        **files,
    }
    stash = TableStash(tmp_path / "stash")
    context = page_context_from_checked(checked_plan(tmp_path, files))
    pages = {p.path: p.text for p in render_pages(context, PageRenderer(stash))}
    return BeautifulSoup(stash.fill(pages[PAGE]), "html.parser")


def plain(soup: BeautifulSoup) -> str:
    """The page's Markdown, Markdown's backslash escapes of plan and page text taken off."""
    return re.sub(r"\\(.)", r"\1", str(soup))


def section(soup: BeautifulSoup, heading: str) -> str:
    """The page's Markdown from a `## heading` to the next one, unescaped."""
    text = plain(soup)
    start = text.index(f"## {heading}\n")
    following = text.find("\n## ", start + 1)
    return text[start : following if following > 0 else len(text)]


def ranking(markdown: str) -> list[str]:
    """The post ids of a ranking's rows, in order (the links end at their id)."""
    return re.findall(r"posts/#(\w+)\"", markdown)


def test_the_rate_ranking_orders_posts_and_leaves_a_tiny_reach_out(tmp_path: Path) -> None:
    soup = page(tmp_path, plan_files(RESULTS))
    top = section(soup, "Top posts")
    by_rate = top[: top.index("### By sessions")]
    assert ranking(by_rate) == ["t2", "n1", "t1", "n2", "t3"]
    # The floor is said with its numbers: a quarter of the median reach (1,000).
    assert "25 %" in by_rate and "(250 people)" in by_rate
    assert '<span class="ps-ranking__value">8 %</span>' in by_rate  # t2: 160 / 2,000
    assert "Post t2</a>" in by_rate and "January 11, 2027" in by_rate


def test_the_sessions_ranking_orders_posts_by_sessions(tmp_path: Path) -> None:
    top = section(page(tmp_path, plan_files(RESULTS)), "Top posts")
    by_sessions = top[top.index("### By sessions") :]
    assert ranking(by_sessions) == ["t3", "t2", "t1", "n2", "n1"]
    assert '<span class="ps-ranking__value">1,234</span>' in by_sessions


def test_each_ranking_stops_at_ten(tmp_path: Path) -> None:
    many = [post_line(f"p{n}", f"2027-02-{n + 1:02d}", "tips") for n in range(14)]
    rows = "".join(
        f"2027-02-{n + 1:02d},instagram,p{n},100,100,{n + 1},0,{n + 1}\n" for n in range(14)
    )
    files = plan_files(HEADER + rows, **{"plan/calendar/q1.yml": posts(*many)})
    top = section(page(tmp_path, files), "Top posts")
    assert len(ranking(top)) == 20
    assert ranking(top)[0] == "p13"


def test_content_types_are_weighed_against_their_share_of_posts_and_target(
    tmp_path: Path,
) -> None:
    soup = page(tmp_path, plan_files(RESULTS))
    figure = soup.select_one("figure.ps-figure--results-types")
    assert figure is not None
    assert figure.svg["role"] == "img" and figure.svg["aria-label"]  # type: ignore[index]
    cells = [[td.get_text() for td in tr.select("td")] for tr in figure.select("tbody tr")]
    # tips: 3 of 6 posts, 230 of 348 engagements, 1,276 of 1,283 sessions, target 60 %.
    assert cells[0] == ["Tips", "60 %", "50 %", "66.1 %", "99.5 %"]
    assert cells[1] == ["News", "40 %", "50 %", "33.9 %", "0.5 %"]


def test_each_channel_has_its_weekly_chart_named_for_it(tmp_path: Path) -> None:
    results = RESULTS + "2027-01-26,facebook,n2,0,400,12,0,0\n"
    files = plan_files(results, **{"plan/channels/facebook.md": CHANNEL_FB})
    files["plan/calendar/q1.yml"] = files["plan/calendar/q1.yml"].replace(  # type: ignore[union-attr]
        "{id: n2, date: 2027-01-12, channel: instagram",
        "{id: n2, date: 2027-01-12, channel: [instagram, facebook]",
    )
    soup = page(tmp_path, files)
    names = [f.svg["aria-label"] for f in soup.select("figure.ps-figure--results-weeks")]  # type: ignore[index]
    # In the plan's order of channels (their files').
    assert names == ["Engagements per week on facebook", "Engagements per week on instagram"]
    weeks = soup.select("figure.ps-figure--results-weeks")[1].select("tbody tr")
    # Mondays from the first result's week to the last one's, 0 where nothing was measured.
    assert [tr.select("td")[0].get_text() for tr in weeks][:2] == [
        "January 4, 2027",
        "January 11, 2027",
    ]
    assert weeks[-1].select("td")[1].get_text() == "0"


def test_a_campaign_sums_its_posts_results_beside_its_goals(tmp_path: Path) -> None:
    text = section(page(tmp_path, plan_files(RESULTS)), "By campaign")
    row = next(line for line in text.splitlines() if "Spring sale" in line)
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    # reach, engagements, clicks, sessions of t1 and t2
    assert cells[1:5] == ["3,000", "210", "50", "42"]
    assert "Bring leads" in cells[5] and "240 of 600" in cells[5]


def test_an_experiment_shows_its_variants_and_a_verdict(tmp_path: Path) -> None:
    arms = {"t1": "reel", "t2": "reel", "t3": "reel", "n1": "photo", "n2": "photo"}
    files = plan_files(RESULTS, **{"plan/measurement.yml": MEASUREMENT})
    calendar = files["plan/calendar/q1.yml"] or ""
    for post_id, arm in arms.items():
        calendar = calendar.replace(
            f"{{id: {post_id},",
            f"{{experiment: {{id: reel-or-photo, variant: {arm}}}, id: {post_id},",
        )
    files["plan/calendar/q1.yml"] = calendar
    text = section(page(tmp_path, files), "Experiments")
    assert "### Reel or photo" in text
    assert "| reel | 3 of 3 with results | 4,000 | 230 | 5.8 % | 1,276 |" in text
    assert "| photo | 2 of 2 with results |" in text
    assert "Too small to tell: some variant has too few publications with results." in text
    assert "at least 3 publications with results" in text  # the rule, said on the page


def test_a_clear_experiment_names_the_variant_ahead(tmp_path: Path) -> None:
    lines = [
        post_line(f"{arm}{n}", f"2027-01-{n + 4:02d}", "tips")[:-1]
        + f", experiment: {{id: reel-or-photo, variant: {arm}}}}}"
        for arm in ("reel", "photo")
        for n in range(3)
    ]
    rows = "".join(
        f"2027-01-{n + 4:02d},instagram,{arm}{n},0,5000,{engaged},0,0\n"
        for arm, engaged in (("reel", 500), ("photo", 200))
        for n in range(3)
    )
    files = plan_files(
        HEADER + rows,
        **{"plan/measurement.yml": MEASUREMENT, "plan/calendar/q1.yml": posts(*lines)},
    )
    assert "**Variant reel is ahead.**" in section(page(tmp_path, files), "Experiments")


def test_without_results_the_page_says_what_to_do_and_shows_no_table(tmp_path: Path) -> None:
    soup = page(tmp_path, plan_files())
    text = plain(soup)
    assert "No results yet.\n\nDrop the exports" in text
    assert "plan/results/" in text and "docs/results.md" in text
    assert "|" not in text and not soup.select("figure")


def test_results_that_match_no_post_say_so(tmp_path: Path) -> None:
    soup = page(tmp_path, plan_files(HEADER + "2027-01-04,instagram,nobody,0,10,1,0,0\n"))
    assert "The results files match no post of the plan yet." in plain(soup)


def test_without_experiments_or_campaigns_there_is_no_empty_section(tmp_path: Path) -> None:
    text = plain(
        page(tmp_path, plan_files(RESULTS.replace(",t1,", ",t3,").replace(",t2,", ",t3,")))
    )
    assert "## Experiments" not in text and "## By campaign" not in text


def test_numbers_shares_and_dates_are_written_in_french(tmp_path: Path) -> None:
    soup = page(tmp_path, plan_files(RESULTS), language="fr")
    text = plain(soup)
    assert ">1\u202f234</span>" in text  # sessions of t3
    assert ">8 %</span>" in text and "66,1 %" in text
    assert "11 janvier 2027" in text
    assert "## Meilleures publications" in text


HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script>'


def test_hostile_text_from_the_plan_and_results_stays_text_through_the_last_gate(
    tmp_path: Path,
) -> None:
    """Built to HTML by the CLI (Markdown, MkDocs, the sanitizer): a post title, a
    campaign name, an experiment's name and variant, a results file's cells."""
    quoted = HOSTILE.replace('"', '\\"')
    lines = [
        post_line(f"a{n}", f"2027-01-{n + 4:02d}", "tips", title=f'"{quoted}"', campaign="spring")[
            :-1
        ]
        + f', experiment: {{id: reel-or-photo, variant: "{quoted}"}}}}'
        for n in range(2)
    ]
    campaigns = CAMPAIGNS.replace("Spring sale", f'"{quoted}"')
    rows = HEADER + "".join(f"2027-01-{n + 4:02d},instagram,a{n},0,100,5,0,2\n" for n in range(2))
    rows += f'2027-01-06,"{HOSTILE.replace(chr(34), chr(34) * 2)}",x,0,1,1,0,0\n'
    measurement = MEASUREMENT.replace("Reel or photo", f'"{quoted}"')
    root = write_plan(
        tmp_path,
        plan_files(
            rows,
            **{
                "site_config.yml": config("en"),
                "plan/calendar/q1.yml": campaigns + posts(*lines),
                "plan/measurement.yml": measurement,
            },
        ),
    )
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    html = (root / "site" / "results" / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    content = soup.select_one("article.md-content__inner")
    assert content is not None
    assert not content.select("script, img, [onerror]")
    assert HOSTILE in content.get_text()
