"""The words plansite shows read as a person writes them, in English and French:
no "goal(s)", no brackets inside brackets, plural forms chosen by the count,
French words that agree with the noun they qualify."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.i18n import Translator, catalogue, checks_catalogue, plural_form
from tests.conftest import run_cli, write_plan

LANGUAGES = ("en", "fr")


def texts_of(language: str) -> list[tuple[str, str]]:
    """(where, text) of every text in both catalogues of a language, plural forms included."""
    found: list[tuple[str, str]] = []
    for key, entry in catalogue(language).items():
        found += _forms(key, entry)
    for code, entry in checks_catalogue(language).items():
        for part in ("message", "hint"):
            found += _forms(f"{code}.{part}", entry[part])
    return found


def _forms(where: str, entry: str | dict[str, str]) -> list[tuple[str, str]]:
    if isinstance(entry, str):
        return [(where, entry)]
    return [(f"{where}.{form}", text) for form, text in entry.items()]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("pattern", [r"\(s\)", r"\)\s*\(", r"\(\(", r"\)\)", r"\w\(\w"])
def test_no_catalogue_text_hedges_or_doubles_its_brackets(language: str, pattern: str) -> None:
    assert [(where, text) for where, text in texts_of(language) if re.search(pattern, text)] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_finding_message_ends_in_brackets_before_its_hint(language: str) -> None:
    """A message printed as "message (hint)": one ending with ")" would read "(x) (hint)"."""
    ending = [
        (where, text)
        for where, text in texts_of(language)
        if where.split(".")[1:2] == ["message"] and text.rstrip().endswith(")")
    ]
    assert ending == []


def test_both_languages_have_the_same_entries() -> None:
    assert catalogue("en").keys() == catalogue("fr").keys()
    assert checks_catalogue("en").keys() == checks_catalogue("fr").keys()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_with_plural_forms_has_the_other_form(language: str) -> None:
    """ "other" is the form every language has: the one a missing form falls back to."""
    forms = [where for where, _ in texts_of(language) if where.count(".") >= 1]
    plural = {
        where.rsplit(".", 1)[0]
        for where in forms
        if where.rsplit(".", 1)[1] in ("one", "other", "few", "many")
    }
    assert all(f"{where}.other" in forms for where in plural)


@pytest.mark.parametrize(
    ("language", "count", "form"),
    [("en", 0, "other"), ("en", 1, "one"), ("en", 2, "other"), ("en", 1.5, "other"),
     ("fr", 0, "one"), ("fr", 1, "one"), ("fr", 1.5, "one"), ("fr", 2, "other")],
)  # fmt: skip
def test_plural_forms_follow_each_language(language: str, count: float, form: str) -> None:
    assert plural_form(language, count) == form


@pytest.mark.parametrize(
    ("language", "key", "count", "expected"),
    [
        ("en", "PS101", 1, "the plan has 1 goal; a plan usually needs at least 3"),
        ("en", "PS101", 2, "the plan has 2 goals; a plan usually needs at least 3"),
        ("fr", "PS101", 1, "le plan compte 1 objectif ; un plan en demande en général au moins 3"),
        ("fr", "PS101", 0, "le plan compte 0 objectif ; un plan en demande en général au moins 3"),
        ("fr", "PS101", 2, "le plan compte 2 objectifs ; un plan en demande en général au moins 3"),
    ],
)
def test_a_count_chooses_singular_or_plural(
    language: str, key: str, count: int, expected: str
) -> None:
    words = Translator(language)
    message, _ = words.finding(key, {"count": count, "minimum": 3}, count)
    assert message == expected


@pytest.mark.parametrize(
    ("language", "posts_per_week", "expected"),
    [
        ("en", 1, "channel 'instagram' plans 1 post a week;"),
        ("en", 5, "channel 'instagram' plans 5 posts a week;"),
        ("fr", 1, "le canal « instagram » prévoit 1 publication par semaine ;"),
        ("fr", 5, "le canal « instagram » prévoit 5 publications par semaine ;"),
    ],
)
def test_a_finding_in_a_plan_reads_in_the_singular_or_plural(
    tmp_path: Path, language: str, posts_per_week: int, expected: str
) -> None:
    """PS501 on the minimal plan with a post every day for a month: 7 a week."""
    files = {
        "site_config.yml": f"""\
            site_name: Test plan
            site_url: https://plan.example.com/
            language: {language}
            timezone: Europe/Paris
            """,
        "plan/channels/instagram.md": f"""\
            ---
            network: instagram
            account: insta
            mission: Show the workshop to people who love lamps.
            goals: [followers]
            cadence: {{posts_per_week: {posts_per_week}}}
            ---
            """,
        "plan/calendar/q1.yml": """\
            posts:
              - {id: hello, date: 2027-01-01, time: "10:00", channel: instagram, type: tips,
                 title: Hello, link: "https://shop.example/", repeat: {every: day, count: 30}}
            """,
    }
    result = run_cli("check", cwd=write_plan(tmp_path, files))
    assert expected in result.stderr


def test_a_date_that_does_not_exist_is_one_sentence_and_a_hint(tmp_path: Path) -> None:
    files = {
        "plan/goals/reach.md": """\
            ---
            title: Reach more people
            metric: {name: Monthly reach, kind: reach, baseline: 1000, target: 3000}
            deadline: 2027-02-30
            owner: Sam
            channels: [instagram]
            ---
            """
    }
    result = run_cli("check", cwd=write_plan(tmp_path, files))
    assert result.exit_code == 1
    assert (
        "plan/goals/reach.md:4:1: error: 'deadline': '2027-02-30' is not a real date: "
        "February 2027 has 28 days (check the day and month)"
    ) in result.stderr


# -- French agreement: each word agrees with the noun it qualifies -------------------------


def test_a_review_cadence_agrees_with_rythme() -> None:
    """« Rythme de révision : mensuel », « au rythme mensuel »: rythme is masculine."""
    words = Translator("fr")
    cadences = [words(f"cadence_{c}") for c in ("weekly", "monthly", "quarterly")]
    assert cadences == ["hebdomadaire", "mensuel", "trimestriel"]


def test_the_overdue_review_reads_au_rythme_mensuel(tmp_path: Path) -> None:
    files = {
        "site_config.yml": """\
            site_name: Test plan
            site_url: https://plan.example.com/
            language: fr
            timezone: Europe/Paris
            """,
        "plan/plan.md": """\
            ---
            title: Test plan
            organization: Example Ltd
            period: {start: 2027-01-01, end: 2027-06-30}
            review: {cadence: monthly, last: 2026-11-02}
            ---
            """,
    }
    result = run_cli("check", cwd=write_plan(tmp_path, files))
    assert "au rythme mensuel, la suivante était due le 2 décembre 2026" in result.stderr


def test_a_post_status_agrees_with_publication() -> None:
    """A post is « une publication »: programmée, publiée, annulée."""
    words = Translator("fr")
    statuses = [words(f"status_{s}") for s in ("scheduled", "published", "cancelled")]
    assert statuses == ["programmée", "publiée", "annulée"]


def test_a_channel_status_agrees_with_canal() -> None:
    words = Translator("fr")
    assert [words(f"status_{s}") for s in ("active", "planned", "paused")] == [
        "actif",
        "prévu",
        "en pause",
    ]


def test_the_french_calendar_shows_statuses_that_agree(tmp_path: Path) -> None:
    files = {
        "site_config.yml": """\
            site_name: Test plan
            site_url: https://plan.example.com/
            language: fr
            timezone: Europe/Paris
            """,
        "plan/calendar/q1.yml": """\
            posts:
              - {id: hello, date: 2027-01-05, time: "10:00", channel: instagram, type: tips,
                 title: Hello, link: "https://shop.example/hello", status: scheduled}
              - {id: gone, date: 2027-01-12, time: "10:00", channel: instagram, type: tips,
                 title: Gone, link: "https://shop.example/gone", status: published}
            """,
    }
    root = write_plan(tmp_path, files)
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    details = root / "site" / "calendar" / "2027-01" / "posts" / "index.html"
    html = details.read_text("utf-8")
    assert ">programmée<" in html and ">publiée<" in html
    assert ">programmé<" not in html and ">publié<" not in html


def test_no_campaign_agrees_with_campagne(tmp_path: Path) -> None:
    """« Campagnes : aucune », where channels and personas read « aucun »."""
    files = {
        "site_config.yml": """\
            site_name: Test plan
            site_url: https://plan.example.com/
            language: fr
            timezone: Europe/Paris
            """,
    }
    root = write_plan(tmp_path, files)
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    page = BeautifulSoup(
        (root / "site" / "goals" / "reach" / "index.html").read_text("utf-8"), "html.parser"
    )
    rows = {
        cells[0].get_text(strip=True): cells[1].get_text(strip=True)
        for row in page.select("table tr")
        if len(cells := row.find_all("td")) == 2
    }
    assert rows["Campagnes"] == "aucune"
    assert rows["Personas"] == "aucun"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "the profile of 'insta' is incomplete: cover, link, and cross-promotion missing"),
        (
            "fr",
            "le profil de « insta » est incomplet ; à compléter : bannière, lien et "
            "promotion croisée",
        ),
    ],
)
def test_a_list_in_a_finding_reads_as_the_language_writes_it(
    tmp_path: Path, language: str, expected: str
) -> None:
    audit = """\
        accounts:
          - id: insta
            network: instagram
            handle: "@example"
            owner: Sam
            profile: {bio: Lamps made in Lyon., avatar: true, keywords: [lamps]}
        """
    config = f"""\
        site_name: Test plan
        site_url: https://plan.example.com/
        language: {language}
        timezone: Europe/Paris
        """
    root = write_plan(tmp_path, {"plan/audit.yml": audit, "site_config.yml": config})
    result = run_cli("check", cwd=root)
    assert expected in result.stderr
