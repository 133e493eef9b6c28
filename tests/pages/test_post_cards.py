"""Posts as the network will show them: the cards of the channel and campaign pages
(pages/post_cards.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.build import page_context_from_checked
from generator.pages.html_sanitizer import clean_page
from generator.pages.render import PageRenderer, render_pages
from generator.pages.table_stash import TableStash
from tests.pages.small_plans import checked_plan, posts

CHANNEL = "channels/instagram.md"
CAMPAIGN = "campaigns/launch.md"
CAMPAIGNS = "campaigns:\n  - {id: launch, name: Launch, start: 2027-01-01, end: 2027-06-30}\n"
# Copy of 312 characters, on two lines, with two hashtags.
LONG_COPY = "First line #lamps\nSecond line #Lyon " + "x" * 276


def config(language: str) -> str:
    """A site in `language` whose team lets a copy too long for its network through
    (PS507 a warning, not an error): the only way a page shows one."""
    return (
        f"site_name: T\nsite_url: https://plan.example.com/\nlanguage: {language}\n"
        "checks:\n  PS507: warning\n"
    )


def rendered(tmp_path: Path, files: dict[str, str | None]) -> dict[str, str]:
    """Each page's Markdown by path, with its kept-out HTML put back (sanitized)."""
    stash = TableStash(tmp_path / "stash")
    context = page_context_from_checked(checked_plan(tmp_path, files))
    return {page.path: stash.fill(page.text) for page in render_pages(context, PageRenderer(stash))}


def cards_of(tmp_path: Path, files: dict[str, str | None], path: str = CHANNEL) -> list[Tag]:
    html = BeautifulSoup(rendered(tmp_path, files)[path], "html.parser")
    return html.select("article.ps-post-card")


def one_post(**fields: str) -> dict[str, str | None]:
    values = {"id": "p1", "date": "2027-03-02", "time": "'12:30'", "channel": "instagram"}
    values.update({"title": "Spring", "type": "tips", **fields})
    line = "{" + ", ".join(f"{key}: {value}" for key, value in values.items()) + "}"
    return {"plan/calendar/q1.yml": CAMPAIGNS + posts(line)}


def test_a_card_shows_the_handle_the_copy_s_lines_the_link_and_the_hashtags(
    tmp_path: Path,
) -> None:
    [card] = cards_of(
        tmp_path,
        one_post(copy=json.dumps(LONG_COPY), link="'https://shop.example/spring'"),
    )
    assert card.select_one(".ps-post-card__handle").get_text() == "@example"  # type: ignore[union-attr]
    copy = card.select_one(".ps-post-card__copy")
    assert copy is not None
    assert len(copy.find_all("br")) == 1
    assert copy.get_text().startswith("First line #lamps\nSecond line #Lyon ")
    assert [tag.get_text() for tag in copy.select(".ps-hashtag")] == ["#lamps", "#Lyon"]
    assert copy.find("a") is None  # hashtags link nowhere
    link = card.select_one(".ps-post-card__link a")
    assert link is not None and link.get_text() == "https://shop.example/spring"
    assert "utm_source=instagram" in str(link["href"])
    when = card.select_one("time")
    assert when is not None and when["datetime"] == "2027-03-02T12:30:00+01:00"
    assert "12:30" in when.get_text() and "Mar" in when.get_text()


@pytest.mark.parametrize(
    ("language", "wording", "weekday"),
    [("en", "312 / 280: 32 over", "Tue"), ("fr", "312 / 280 : 32 de trop", "mar.")],
)
def test_over_the_limit_the_count_says_by_how_much_in_the_site_s_language(
    tmp_path: Path, language: str, wording: str, weekday: str
) -> None:
    files = {
        **one_post(copy=json.dumps(LONG_COPY)),
        "site_config.yml": config(language),
        "plan/channels/instagram.md": "---\nnetwork: x\naccount: insta\nmission: M.\n"
        "goals: [followers]\n---\n",
    }
    [card] = cards_of(tmp_path, files)
    count = card.select_one(".ps-post-card__count")
    assert count is not None
    assert "ps-post-card__count--over" in count["class"]
    assert count.get_text().endswith(wording)
    assert card.select_one("time").get_text().startswith(weekday)  # type: ignore[union-attr]


@pytest.mark.parametrize(("language", "within"), [("en", "2,199 / 2,200"), ("fr", "2 199 / 2 200")])
def test_within_the_limit_the_count_is_plain_with_numbers_of_the_language(
    tmp_path: Path, language: str, within: str
) -> None:
    files = {**one_post(copy="z" * 2199), "site_config.yml": config(language)}
    [card] = cards_of(tmp_path, files)
    count = card.select_one(".ps-post-card__count")
    assert count is not None and "ps-post-card__count--over" not in count["class"]
    assert count.get_text().replace("\u202f", " ").replace("\xa0", " ").endswith(within)


def test_a_youtube_card_counts_the_title(tmp_path: Path) -> None:
    files = {
        **one_post(title="T" * 101, copy="short"),
        "site_config.yml": config("en"),
        "plan/channels/instagram.md": "---\nnetwork: youtube\nmission: M.\n"
        "goals: [followers]\n---\n",
    }
    [card] = cards_of(tmp_path, files)
    count = card.select_one(".ps-post-card__count")
    assert count is not None and count.get_text() == "Title 101 / 100: 1 over"


def test_a_card_carries_the_calendar_s_attributes_and_links_to_the_details(
    tmp_path: Path,
) -> None:
    [card] = cards_of(tmp_path, one_post(campaign="launch", owner="'Dupont, Jean'"))
    assert {k: v for k, v in card.attrs.items() if k.startswith("data-")} == {
        "data-network": "instagram",
        "data-date": "2027-03-02",
        "data-channel": "instagram",
        "data-campaign": "launch",
        "data-status": "scheduled",
        "data-type": "tips",
        "data-owner": "Dupont, Jean",
    }
    title = card.select_one(".ps-post-card__title a")
    assert title is not None and title["href"] == "../../calendar/2027-03/posts/#p1"


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "&lt;b&gt; #<b>tag</b>",
    "[x](javascript:alert(1)) {: onclick=alert(1) }",
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_copy_title_and_owner_stay_text(tmp_path: Path, hostile: str) -> None:
    text = json.dumps(hostile)
    [card] = cards_of(tmp_path, one_post(copy=text, title=text, owner=text))
    assert card.find("script") is None and card.find("img") is None
    assert card.find("svg") is None and card.find("b") is None
    for tag in card.find_all(True):
        assert not any(name.startswith("on") for name in tag.attrs)
    assert hostile in card.select_one(".ps-post-card__copy").get_text()  # type: ignore[union-attr]
    assert card.select_one(".ps-post-card__title").get_text() == hostile  # type: ignore[union-attr]
    assert card["data-owner"] == hostile
    assert str(card) == str(BeautifulSoup(clean_page(str(card)), "html.parser"))


def daily_posts(count: int, **fields: str) -> str:
    extra = "".join(f", {key}: {value}" for key, value in fields.items())
    return posts(
        "{id: daily, date: 2027-02-01, time: '09:00', channel: instagram, title: Daily,"
        f" type: tips, repeat: {{every: day, count: {count}}}{extra}}}"
    )


def test_a_page_shows_the_next_twelve_and_links_to_the_calendar_for_the_rest(
    tmp_path: Path,
) -> None:
    """The plan's today is its last measurement (2027-02-01): 200 days of posts from
    there, twelve cards, and the calendar's month of the first one left out."""
    files = {"plan/calendar/q1.yml": CAMPAIGNS + daily_posts(200, campaign="launch")}
    pages = rendered(tmp_path, files)
    for path, query in ((CHANNEL, "channel=instagram"), (CAMPAIGN, "campaign=launch")):
        html = BeautifulSoup(pages[path], "html.parser")
        cards = html.select("article.ps-post-card")
        assert [card["data-date"] for card in cards] == [f"2027-02-{d:02d}" for d in range(1, 13)]
        more = html.select_one(".ps-post-cards__more a")
        assert more is not None
        assert more["href"] == f"../../calendar/2027-02/?{query}"


def test_ideas_cancelled_and_past_posts_make_no_card(tmp_path: Path) -> None:
    files = {
        "plan/calendar/q1.yml": CAMPAIGNS
        + posts(
            "{id: past, date: 2027-01-10, channel: instagram, title: Past, type: tips}",
            "{id: idea, date: 2027-03-01, channel: instagram, title: Idea, status: idea}",
            "{id: gone, date: 2027-03-02, channel: instagram, title: Gone, status: cancelled}",
            "{id: next, date: 2027-04-02, channel: instagram, title: Next, type: tips}",
        )
    }
    cards = cards_of(tmp_path, files)
    assert [card.select_one(".ps-post-card__title").get_text() for card in cards] == ["Next"]  # type: ignore[union-attr]


def test_a_campaign_post_on_two_channels_is_two_cards_each_for_its_network(
    tmp_path: Path,
) -> None:
    files = {
        "plan/channels/linkedin.md": "---\nnetwork: linkedin\nmission: Architects.\n---\n",
        "plan/calendar/q1.yml": CAMPAIGNS
        + posts(
            "{id: both, date: 2027-03-02, channel: [instagram, linkedin], title: Both,"
            " type: tips, campaign: launch, copy: Hello}"
        ),
    }
    cards = cards_of(tmp_path, files, CAMPAIGN)
    assert [(c["data-channel"], c["data-network"]) for c in cards] == [
        ("instagram", "instagram"),
        ("linkedin", "linkedin"),
    ]
    counts = [c.select_one(".ps-post-card__count").get_text() for c in cards]  # type: ignore[union-attr]
    assert counts == ["Copy 5 / 2,200", "Copy 5 / 3,000"]


def test_nothing_coming_says_so_and_still_links_to_the_calendar(tmp_path: Path) -> None:
    files = {
        "plan/calendar/q1.yml": CAMPAIGNS
        + posts("{id: past, date: 2027-01-10, channel: instagram, title: Past, type: tips}")
    }
    html = BeautifulSoup(rendered(tmp_path, files)[CAMPAIGN], "html.parser")
    assert html.select("article.ps-post-card") == []
    assert html.select_one(".ps-post-cards__none") is not None
    more = html.select_one(".ps-post-cards__more a")
    assert more is not None and more["href"] == "../../calendar/2027-02/?campaign=launch"


CONTRACT = {"data-date", "data-channel", "data-campaign", "data-status", "data-type", "data-owner"}
POST_ELEMENTS = (
    ".ps-occurrences tbody tr",  # the lists of coming posts
    ".ps-utm-links tbody tr",  # the tagged links
    "article.ps-post-card",  # channel and campaign pages
    "article.ps-post",  # a post's details
    "li.ps-card",  # the board
    "a.ps-occ",  # the month grids, the overview's coming posts
)


def test_every_post_row_or_card_of_the_example_site_carries_the_contract(
    example_site: Path,
) -> None:
    """A team's CSS finds posts by the same attributes on every page (docs/calendar.md)."""
    found = dict.fromkeys(POST_ELEMENTS, 0)
    for path in example_site.rglob("index.html"):
        html = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for selector in POST_ELEMENTS:
            for element in html.select(selector):
                missing = CONTRACT - set(element.attrs)
                assert not missing, f"{path.relative_to(example_site)}: {selector} {missing}"
                found[selector] += 1
    assert all(found.values()), found  # each kind was there to check
