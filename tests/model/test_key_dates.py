"""Key dates: the plan's own (`key_dates` in a calendar file) and the public
holidays of the region `calendar.holidays` names, in the site's language."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.check import Inputs, read_plan
from generator.model.entities import Plan
from generator.model.key_dates import KeyDate, holiday_language, key_dates_between
from generator.model.settings import SiteConfig
from tests.conftest import PlanFactory, run_cli

KEY_DATES = "plan/calendar/key-dates.yml"


def config(language: str = "en", holidays: str | None = None) -> str:
    text = (
        "site_name: Test plan\nsite_url: https://plan.example.com/\n"
        f"language: {language}\ntimezone: Europe/Paris\n"
    )
    return text + (f"calendar:\n  holidays: {holidays}\n" if holidays is not None else "")


def read(root: Path) -> tuple[Plan, SiteConfig]:
    result = read_plan(Inputs(root / "plan", root / "site_config.yml"), parallel=False)
    return result.plan, result.config


def only_error(root: Path) -> str:
    result = run_cli("check", cwd=root)
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("1 error,"), lines
    return lines[0]


def test_the_plan_s_key_dates_are_one_entity_in_order(make_plan: PlanFactory) -> None:
    root = make_plan(
        {
            KEY_DATES: """\
                key_dates:
                  - {date: 2027-03-10, end: 2027-03-12, name: Trade fair}
                  - {date: 2027-02-14, name: Valentine's Day, kind: event}
                  - {date: 2027-03-10, name: Election silence, kind: blackout}
                  - {date: 2027-05-01, name: Workshop closed, kind: holiday}
                """
        }
    )
    plan, _ = read(root)
    shown = [(k.start, k.end, k.name, k.kind, k.source.line) for k in plan.key_dates]
    assert shown == [
        (date(2027, 2, 14), date(2027, 2, 14), "Valentine's Day", "event", 3),
        (date(2027, 3, 10), date(2027, 3, 10), "Election silence", "blackout", 4),
        (date(2027, 3, 10), date(2027, 3, 12), "Trade fair", "event", 2),
        (date(2027, 5, 1), date(2027, 5, 1), "Workshop closed", "holiday", 5),
    ]
    assert not any(key_date.public for key_date in plan.key_dates)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            "{date: 2027-03-12, end: 2027-03-10, name: Fair}",
            "plan/calendar/key-dates.yml:2:24: error: the key date ends (2027-03-10) before it "
            "starts (2027-03-12) (swap 'date' and 'end')",
        ),
        (
            "{date: 2027-07-01, end: 2027-08-01, name: Summer}",
            "plan/calendar/key-dates.yml:2:24: error: a key date lasts at most 31 days, this one "
            "32 (split it into several key dates, one a month)",
        ),
        (
            "{date: 2027-07-01, end: 2099-12-31, name: Forever, kind: blackout}",
            "plan/calendar/key-dates.yml:2:24: error: a key date lasts at most 31 days, this one "
            "26482 (split it into several key dates, one a month)",
        ),
        (
            "{date: 2027-07-01, name: Sale, kind: blackot}",
            "plan/calendar/key-dates.yml:2:36: error: 'kind' cannot be 'blackot': expected one "
            "of holiday, event, blackout (did you mean 'blackout'?)",
        ),
        (
            "{date: 2027-07-01}",
            "plan/calendar/key-dates.yml:2:5: error: missing required field 'name' "
            "(add 'name:' here)",
        ),
        (
            "{date: 2127-07-01, name: Far}",
            "plan/calendar/key-dates.yml:2:6: error: 'date': '2127-07-01' is out of range "
            "(plan dates go from 2000-01-01 to 2099-12-31)",
        ),
    ],
)
def test_a_wrong_key_date_is_an_error_at_its_place(
    make_plan: PlanFactory, item: str, expected: str
) -> None:
    root = make_plan({KEY_DATES: f"key_dates:\n  - {item}\n"})
    assert only_error(root) == expected


def test_a_key_date_of_31_days_is_the_longest(make_plan: PlanFactory) -> None:
    root = make_plan({KEY_DATES: "key_dates:\n  - {date: 2027-07-01, end: 2027-07-31, name: X}\n"})
    plan, _ = read(root)
    assert plan.key_dates[0].end == date(2027, 7, 31)


@pytest.mark.parametrize(
    ("language", "region", "day", "name"),
    [
        ("fr", "FR", date(2027, 7, 14), "Fête nationale"),
        ("en", "FR", date(2027, 7, 14), "National Day"),
        ("fr", "CA-QC", date(2027, 6, 24), "Fête nationale du Québec"),
        ("en", "CA-QC", date(2027, 6, 24), "Saint Jean Baptiste Day"),
        ("en", "ca-qc", date(2027, 6, 24), "Saint Jean Baptiste Day"),
        ("fr", "US", date(2027, 7, 4), "Independence Day"),  # the package has no French for US
        ("en", "NO", date(2027, 5, 17), "Constitution Day"),  # Norway: not YAML 1.1's false
    ],
)
def test_public_holidays_are_named_in_the_site_s_language(
    make_plan: PlanFactory, language: str, region: str, day: date, name: str
) -> None:
    root = make_plan({"site_config.yml": config(language, region)})
    plan, site = read(root)
    found = key_dates_between(plan, site, day, day)
    assert [(k.start, k.end, k.kind, k.public) for k in found] == [(day, day, "holiday", True)]
    assert name in found[0].name


def test_a_subdivision_has_its_own_holidays(make_plan: PlanFactory) -> None:
    root = make_plan({"site_config.yml": config("fr", "CA-QC")})
    quebec = {k.start for k in key_dates_between(*read(root), date(2027, 1, 1), date(2027, 12, 31))}
    root = make_plan({"site_config.yml": config("fr", "CA-ON")})
    ontario = {
        k.start for k in key_dates_between(*read(root), date(2027, 1, 1), date(2027, 12, 31))
    }
    assert date(2027, 6, 24) in quebec - ontario  # Fête nationale du Québec
    assert date(2027, 2, 15) in ontario - quebec  # Family Day


def test_every_key_date_between_two_days_in_one_order(make_plan: PlanFactory) -> None:
    root = make_plan(
        {
            "site_config.yml": config("fr", "FR"),
            KEY_DATES: """\
                key_dates:
                  - {date: 2027-04-28, end: 2027-05-02, name: Salon, kind: event}
                  - {date: 2027-05-08, name: Pas de promotion, kind: blackout}
                  - {date: 2027-06-01, name: Hors période}
                """,
        }
    )
    plan, site = read(root)
    found = key_dates_between(plan, site, date(2027, 5, 1), date(2027, 5, 31))
    assert [(k.start.isoformat(), k.kind, k.public) for k in found] == [
        ("2027-04-28", "event", False),  # runs into May
        ("2027-05-01", "holiday", True),
        ("2027-05-06", "holiday", True),
        ("2027-05-08", "blackout", False),
        ("2027-05-08", "holiday", True),
        ("2027-05-17", "holiday", True),
    ]
    assert found == key_dates_between(plan, site, date(2027, 5, 1), date(2027, 5, 31))
    assert found[1].name == "Fête du Travail"


def test_without_a_region_only_the_plan_s_dates(make_plan: PlanFactory) -> None:
    root = make_plan({KEY_DATES: "key_dates:\n  - {date: 2027-07-14, name: Fireworks}\n"})
    plan, site = read(root)
    assert site.holidays == ""
    found = key_dates_between(plan, site, date(2027, 1, 1), date(2027, 12, 31))
    assert found == [KeyDate(date(2027, 7, 14), date(2027, 7, 14), "Fireworks", "event",
                             found[0].source)]  # fmt: skip


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("XX", "no public holidays are known for 'XX' (write a country's ISO 3166-1 code "
         "(FR, CA, US...), or add its ISO 3166-2 subdivision after a dash (CA-QC))"),
        ("CAN-QC", "no public holidays are known for 'CAN-QC' (did you mean 'CA-QC'?)"),
        ("UK", "no public holidays are known for 'UK' (did you mean 'GB'?)"),
        ("CA-QQ", "no public holidays are known for the subdivision 'CA-QQ' "
         "(did you mean 'CA-QC'?)"),
        ("FR-Zone A", "no public holidays are known for the subdivision 'FR-Zone A' (known: "
         "FR-57, FR-6AE, FR-971, FR-972, FR-973, FR-974, FR-976, FR-BL, FR-MF, FR-NC, FR-PF, "
         "FR-PM, FR-TF, FR-WF)"),
        ("IS-1", "IS has no subdivision with holidays of its own (write 'IS')"),
    ],
)  # fmt: skip
def test_an_unknown_region_is_a_config_error(
    make_plan: PlanFactory, region: str, expected: str
) -> None:
    root = make_plan({"site_config.yml": config("en", region)})
    assert only_error(root) == f"site_config.yml:6:3: error: {expected}"


def test_an_empty_region_says_what_to_write(make_plan: PlanFactory) -> None:
    root = make_plan({"site_config.yml": config("en", '""')})
    assert only_error(root).startswith("site_config.yml:6:3: error: 'holidays'")


@pytest.mark.parametrize(
    ("country", "language", "expected"),
    [("CA", "en", "en_CA"), ("CA", "fr", "fr"), ("FR", "en", "en_US"), ("US", "fr", None)],
)
def test_the_package_s_language_for_the_site_s(
    country: str, language: str, expected: str | None
) -> None:
    assert holiday_language(country, language) == expected
