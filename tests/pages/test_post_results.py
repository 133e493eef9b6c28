"""A published post's results on its card (post_cards.py) and in the calendar's
details (post_details.py), through pages/post_results.py."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from generator.build import page_context_from_checked
from generator.check import Checked
from generator.model.results import MatchedResult, PlanResults
from generator.pages.html_sanitizer import clean_page
from generator.pages.render import PageRenderer, render_pages
from generator.pages.table_stash import TableStash
from tests.pages.small_plans import checked_plan, posts

CHANNEL = "channels/instagram.md"
DETAILS = "calendar/2027-03/posts.md"
FACEBOOK = "---\nnetwork: facebook\nmission: Talk with neighbours.\n---\n"
HEADER = "date,channel,post,impressions,reach,engagements,clicks,sessions\n"


def config(language: str) -> str:
    return f"site_name: T\nsite_url: https://plan.example.com/\nlanguage: {language}\n"


def files(results: str, language: str = "en", **post: str) -> dict[str, str | None]:
    fields = {"id": "p1", "date": "2027-03-02", "time": "'12:30'", "channel": "instagram"}
    fields |= {"title": "Spring", "type": "tips", "status": "published", **post}
    line = "{" + ", ".join(f"{key}: {value}" for key, value in fields.items()) + "}"
    return {
        "site_config.yml": config(language),
        "plan/channels/facebook.md": FACEBOOK,
        "plan/calendar/q1.yml": posts(line),
        "plan/results/export.csv": HEADER + results,
    }


def rendered(tmp_path: Path, checked: Checked) -> dict[str, BeautifulSoup]:
    stash = TableStash(tmp_path / "stash")
    context = page_context_from_checked(checked)
    return {
        page.path: BeautifulSoup(clean_page(stash.fill(page.text)), "html.parser")
        for page in render_pages(context, PageRenderer(stash))
    }


def pages_of(tmp_path: Path, plan_files: dict[str, str | None]) -> dict[str, BeautifulSoup]:
    return rendered(tmp_path, checked_plan(tmp_path, plan_files))


def figures(element: Tag) -> dict[str, str]:
    """Each labelled figure of a results line: label -> value."""
    return {
        figure.select_one(".ps-results__label").get_text(): figure.select_one(  # type: ignore[union-attr]
            ".ps-results__value"
        ).get_text()
        for figure in element.select(".ps-results__figure")
    }


ONE_ROW = "2027-03-02,instagram,p1,2000,1500,60,12,1234\n"


def test_a_card_shows_its_occurrence_s_reach_engagements_rate_and_sessions(tmp_path: Path) -> None:
    card = pages_of(tmp_path, files(ONE_ROW))[CHANNEL].select_one("article.ps-post-card")
    assert card is not None
    results = card.select_one(".ps-post-card__results")
    assert results is not None
    assert figures(results) == {
        "Reach": "1,500",
        "Engagements": "60",
        "Engagement rate": "4 %",
        "Sessions": "1,234",
    }
    assert "a guess" not in results.get_text()


def test_a_card_without_results_has_no_results_line(tmp_path: Path) -> None:
    other = "2027-03-02,instagram,p2,2000,1500,60,12,3\n"
    both = files(ONE_ROW.replace("p1", "p9") + other)
    both["plan/calendar/q1.yml"] += (  # type: ignore[operator]
        "  - {id: p2, date: 2027-03-02, time: '18:00', channel: instagram, title: Two,"
        " type: tips, status: published}\n"
    )
    cards = pages_of(tmp_path, both)[CHANNEL].select("article.ps-post-card")
    by_title = {c.select_one(".ps-post-card__title").get_text(): c for c in cards}  # type: ignore[union-attr]
    assert by_title["Spring"].select_one(".ps-post-card__results") is None
    assert by_title["Two"].select_one(".ps-post-card__results") is not None


def test_a_repeating_post_s_next_card_does_not_carry_the_last_one_s_numbers(
    tmp_path: Path,
) -> None:
    plan = files(ONE_ROW, repeat="{every: week, count: 3}")
    cards = pages_of(tmp_path, plan)[CHANNEL].select("article.ps-post-card")
    assert len(cards) == 3
    assert [c.select_one(".ps-post-card__results") is not None for c in cards] == [
        True,
        False,
        False,
    ]


def test_the_details_show_results_per_channel_when_there_are_several(tmp_path: Path) -> None:
    rows = ONE_ROW + "2027-03-02,facebook,p1,900,800,8,1,5\n"
    plan = files(rows, channel="[instagram, facebook]")
    article = pages_of(tmp_path, plan)[DETAILS].select_one("article#p1")
    assert article is not None
    lines = article.select(".ps-results__channels li")
    assert [li.select_one(".ps-results__channel").get_text() for li in lines] == [  # type: ignore[union-attr]
        "instagram",
        "facebook",
    ]
    assert figures(lines[1]) == {
        "Reach": "800",
        "Engagements": "8",
        "Engagement rate": "1 %",
        "Sessions": "5",
    }


def test_a_row_on_no_channel_is_the_whole_post_s_in_the_details(tmp_path: Path) -> None:
    # A GA4 row names no channel: of a post on several, it is the post's as a whole.
    rows = ONE_ROW + "2027-03-02,,p1,,,,,40\n"
    plan = files(rows, channel="[instagram, facebook]")
    article = pages_of(tmp_path, plan)[DETAILS].select_one("article#p1")
    assert article is not None
    lines = article.select(".ps-results__channels li")
    names = [li.select_one(".ps-results__channel").get_text() for li in lines]  # type: ignore[union-attr]
    assert names == ["instagram", "instagram, facebook"]
    assert figures(lines[1]) == {"Sessions": "40"}


def test_the_details_of_a_post_on_one_channel_show_one_line(tmp_path: Path) -> None:
    article = pages_of(tmp_path, files(ONE_ROW))[DETAILS].select_one("article#p1")
    assert article is not None
    assert not article.select(".ps-results__channels")
    facts = dict(zip(article.select("dt"), article.select("dd"), strict=True))
    [results] = [dd for dt, dd in facts.items() if dt.get_text() == "Results"]
    assert figures(results)["Reach"] == "1,500"


def test_a_post_without_results_has_no_results_in_its_details(tmp_path: Path) -> None:
    plan = files(ONE_ROW.replace("p1", "nobody"))
    article = pages_of(tmp_path, plan)[DETAILS].select_one("article#p1")
    assert article is not None
    assert "Results" not in [dt.get_text() for dt in article.select("dt")]


def test_a_match_by_time_is_marked_as_a_guess_on_the_card_and_in_the_details(
    tmp_path: Path,
) -> None:
    checked = checked_plan(tmp_path, files(ONE_ROW))
    plan = checked.plan
    guessed = tuple(replace(result, rule="time") for result in plan.results.matched)
    assert guessed and all(isinstance(r, MatchedResult) for r in guessed)
    results = PlanResults(plan.results.files, guessed, plan.results.unmatched)
    pages = rendered(tmp_path, replace(checked, plan=replace(plan, results=results)))
    card = pages[CHANNEL].select_one(".ps-post-card__results")
    details = pages[DETAILS].select_one("article#p1")
    for element in (card, details):
        assert element is not None
        assert element.select_one(".ps-results__guess").get_text() == "matched by time (a guess)"  # type: ignore[union-attr]


def test_the_figures_are_written_in_french(tmp_path: Path) -> None:
    card = pages_of(tmp_path, files(ONE_ROW, language="fr"))[CHANNEL].select_one(
        ".ps-post-card__results"
    )
    assert card is not None
    assert figures(card) == {
        "Portée": "1\u202f500",
        "Interactions": "60",
        "Taux d'engagement": "4 %",
        "Sessions": "1\u202f234",
    }
