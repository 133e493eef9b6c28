"""Search that finds what people type (site/search_index.py): a handle without its
`@`, a part of an address, a hashtag without its `#`, a word without its accents.

Material's search splits the index and the query in the browser, with the
separator plansite gives it: the browser tests type into the example's search,
in French and in English, and read what Material marks in its results.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.site.search_index import (
    FOLDED_FIELD,
    SEARCH_SEPARATOR,
    entry_with_folded_words,
    folded_words,
)
from generator.site.site_settings import search_settings
from tests.test_browser import Visit, build_example, serve


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("@FjordFromage", ["FjordFromage"]),
        ("(@atelier.lumen)", ["atelier.lumen"]),
        ("https://x.com/name", ["https", "x.com", "name"]),
        ("https://www.tiktok.com/@atelier.lumen", ["https", "tiktok.com", "atelier.lumen"]),
        ("https://shop.example/?utm_source=x&amp;utm_medium=social",
         ["https", "shop.example", "utm", "source", "x", "utm", "medium", "social"]),
        ("#lampe #LampeVintage", ["lampe", "LampeVintage"]),
        ("l'atelier, l\u2019été « doux »…", ["l", "atelier", "l", "été", "doux"]),
        ("1.25 ou 3,4 % en fin. Puis", ["1.25", "ou", "3,4", "en", "fin", "Puis"]),
        ("8\u202f450 abonnés — 2027-03", ["8", "450", "abonnés", "2027", "03"]),
    ],
)  # fmt: skip
def test_the_separator_splits_where_people_do_not_type(text: str, words: list[str]) -> None:
    """Python's re reads the separator as the browser's JavaScript does (the browser
    tests below type into Material's own search)."""
    assert [word for word in re.split(SEARCH_SEPARATOR, text) if word] == words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("<p>Un événement à Noël</p>", "evenement a noel"),
        ("Été, ÉTÉ et été", "ete"),  # once, lower-cased
        ("cœur, Æsop, Straße, Łódź", "coeur aesop strasse lodz"),
        ("naïve façade, crème brûlée", "naive facade creme brulee"),
        ('<a href="https://x.com/é">lampe</a> 😍', ""),  # no accent outside the tags
        ("Lampes anciennes", ""),
    ],
)
def test_words_with_accents_are_indexed_without_them(text: str, folded: str) -> None:
    assert folded_words(text) == folded


def test_an_entry_gets_its_folded_words_only_when_it_has_accented_words() -> None:
    entry = {"location": "a/", "title": "Événements", "text": "<p>Lampes</p>"}
    assert entry_with_folded_words(entry) == {**entry, FOLDED_FIELD: "evenements"}
    plain = {"location": "b/", "title": "Lamps", "text": "", FOLDED_FIELD: "stale"}
    assert entry_with_folded_words(plain) == {"location": "b/", "title": "Lamps", "text": ""}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_search_keeps_the_site_s_language_and_indexes_the_folded_words(language: str) -> None:
    settings = search_settings(language)
    assert settings["lang"] == language
    assert settings["separator"] == SEARCH_SEPARATOR
    assert settings["pipeline"] == ["stopWordFilter"]  # no stemmer: queries end in a wildcard
    assert FOLDED_FIELD in settings["fields"]


# -- in the browser ---------------------------------------------------------------


@pytest.fixture(scope="module", params=["fr", "en"])
def example_search(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The example plan built in French (its language) and in English, served."""
    site: Path = build_example(tmp_path_factory.mktemp(f"search-{request.param}"), request.param)
    yield from serve(site)


def search(page: Page, query: str) -> tuple[list[str], list[tuple[str, str]]]:
    """Type `query` into Material's search: the pages of its results, and each word
    they mark, with the characters just before it."""
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill("")
    page.keyboard.type(query, delay=20)  # Material searches on key events
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    pages: list[str] = page.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(link => link.getAttribute('href').split('?')[0])"
    )
    marks: list[tuple[str, str]] = page.locator(".md-search-result mark").evaluate_all(
        """marks => marks.map(mark => [
            mark.previousSibling ? mark.previousSibling.textContent.slice(-12) : "",
            mark.textContent,
        ])"""
    )
    page.keyboard.press("Escape")
    return pages, marks


@pytest.mark.browser
@pytest.mark.parametrize(
    ("query", "before", "marked"),
    [
        ("AtelierLumen", "@", "AtelierLumen"),  # a handle without its @, in the audit
        ("atelierlumen", "x.com/", "AtelierLumen"),  # the end of an address
        ("x.com", "https://", "x.com"),  # the host of an address
        ("tiktok", "https://www.", "tiktok.com"),  # part of a host
        ("lampevintage", "#", "lampevintage"),  # a hashtag without its #
    ],
)
def test_search_finds_handles_addresses_and_hashtags_without_their_marks(
    browser: Browser, example_search: str, query: str, before: str, marked: str
) -> None:
    visit = Visit(browser, example_search)
    _, found = search(visit.page, query)
    assert any(text.endswith(before) and word == marked for text, word in found), found
    assert visit.errors == []
    visit.close()


@pytest.mark.browser
def test_search_finds_an_accented_word_typed_without_its_accents(
    browser: Browser, example_search: str
) -> None:
    """`evenements` finds the pages that say `événements`, as `événements` does, and
    does not show the word typed as missing from them."""
    visit = Visit(browser, example_search)
    accented, _ = search(visit.page, "événements")
    plain, _ = search(visit.page, "evenements")
    assert plain and set(plain) == set(accented)
    assert visit.page.locator(".md-search-result del").count() == 0  # Material's "missing"
    assert visit.errors == []
    visit.close()


@pytest.mark.browser
def test_search_still_finds_plain_words_and_titles(browser: Browser, example_search: str) -> None:
    visit = Visit(browser, example_search)
    pages, marks = search(visit.page, "Lancement des soldes")
    assert any("campaigns/soldes-hiver-2027/" in page for page in pages), pages
    assert {"lancement", "soldes"} <= {word.lower() for _, word in marks}
    assert visit.errors == []
    visit.close()
