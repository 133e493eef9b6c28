"""The example plan's results folder: one file of each kind, as the tools write
them, that tells a story a stakeholder reads at a glance (issue 19).

The files are read here twice: by plansite's own readers, and by the csv
module alone (the Meta exports into `ResultRow`s by hand), so that the story
(savoir-faire ahead of its share, the Reels-or-carousels experiment decided)
is checked against the numbers whatever reader is merged.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from generator.check import Inputs, read_plan
from generator.load.results.result_rows import ResultFile, ResultRow
from generator.load.results.results_folder import read_results_folder
from generator.model.entities import Plan, Post
from generator.model.experiments import experiment_results
from generator.model.occurrences import occurrences_of
from generator.model.result_matching import results_from_files
from generator.model.results import PlanResults, engagement_rate, summed
from tests.conftest import EXAMPLE_CONFIG, EXAMPLE_PLAN, run_cli

RESULTS = EXAMPLE_PLAN / "results"
TODAY = date(2027, 2, 28)  # the example's today: its latest progress point
EXPERIMENT = "reels-ou-carrousels"

# Each file, the kind its header says, and how many rows a reader gives
# (every record but GA4's "Grand total").
KINDS = {
    "meta-facebook-2027-01-01_2027-02-28.csv": "meta-facebook",
    "meta-instagram-2027-01-01_2027-02-28.csv": "meta-instagram",
    "ga4-reseaux-sociaux-2027-01-01_2027-02-28.csv": "ga4",
    "plausible-utm_contents-2027-01-01_2027-02-28.csv": "plausible",
    "pinterest-linkedin-2027-01-01_2027-02-28.csv": "plansite",
}
META_ENGAGEMENTS = {
    "meta-instagram": ("Likes", "Comments", "Shares", "Saves"),
    "meta-facebook": ("Reactions, Comments and Shares",),
}


def _records(name: str) -> list[dict[str, str]]:
    """A file's records as the csv module reads them, `#` lines left out."""
    text = (RESULTS / name).read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    kept = lines if name.startswith("meta-") else [line for line in lines if line[:1] != "#"]
    return list(csv.DictReader(kept))


def _meta_file(name: str, kind: str) -> ResultFile:
    """A Meta export made into rows by the csv module alone, as its reader would."""
    rows = []
    for line, record in enumerate(_records(name), start=2):
        published_at = datetime.strptime(record["Publish time"], "%m/%d/%Y %H:%M")
        engagements = sum(float(record[column]) for column in META_ENGAGEMENTS[kind])
        metrics = {"reach": float(record["Reach"]), "engagements": engagements}
        rows.append(
            ResultRow(
                line=line,
                day=published_at.date(),
                metrics=metrics,
                published_at=published_at,
                network=kind.removeprefix("meta-"),
                url=record["Permalink"],
                platform_id=record["Post ID"],
                title=record["Description"],
            )
        )
    return ResultFile(RESULTS / name, kind, tuple(rows))


def _runs_past_today(post: Post) -> bool:
    return any(o.day > TODAY for o in occurrences_of(post, date(2027, 12, 31)))


def _utm_file(name: str, kind: str) -> ResultFile:
    """A GA4 or Plausible file made into rows by the csv module alone: utm_content
    (and utm_campaign, for GA4) and the visits they count."""
    rows = []
    for line, record in enumerate(_records(name), start=2):
        if kind == "ga4" and record["Session campaign"] == "Grand total":
            continue
        if kind == "ga4":
            day = datetime.strptime(record["Date"], "%Y%m%d").date()
            post, campaign = record["Session manual ad content"], record["Session campaign"]
            metrics = {"sessions": float(record["Sessions"])}
        else:
            day, post, campaign = None, record["name"], ""
            metrics = {"visitors": float(record["visitors"])}
        rows.append(ResultRow(line=line, day=day, metrics=metrics, post=post, campaign=campaign))
    return ResultFile(RESULTS / name, kind, tuple(rows))


@pytest.fixture(scope="module")
def example() -> Plan:
    return read_plan(Inputs(EXAMPLE_PLAN, EXAMPLE_CONFIG), parallel=False).plan


@pytest.fixture(scope="module")
def matched(example: Plan) -> PlanResults:
    """Every row of the five files matched to the plan."""
    meta = [_meta_file(name, kind) for name, kind in KINDS.items() if kind.startswith("meta-")]
    utm = [_utm_file(name, kind) for name, kind in KINDS.items() if kind in ("ga4", "plausible")]
    plansite = [file for file in example.results.files if file.kind == "plansite"]
    return results_from_files(example, [*meta, *utm, *plansite], ZoneInfo("Europe/Paris"))


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_results_file_is_read_as_its_kind(name: str) -> None:
    files = {file.path.name: file for file in read_results_folder(RESULTS, EXAMPLE_PLAN, 1 << 20)}
    read = files[name]
    kind = KINDS[name]
    assert read.kind == kind
    assert read.problems == ()
    expected = len(_records(name)) - (1 if kind == "ga4" else 0)
    assert len(read.rows) == expected  # a hashtag or a line break in a caption is data


def test_the_folder_holds_nothing_but_the_five_files() -> None:
    assert sorted(path.name for path in RESULTS.iterdir()) == sorted(KINDS)


def test_every_result_date_is_on_or_before_the_plans_today(example: Plan) -> None:
    days = [
        datetime.strptime(record["Publish time"], "%m/%d/%Y %H:%M").date()
        for name in KINDS
        if name.startswith("meta-")
        for record in _records(name)
    ]
    days += [
        datetime.strptime(record["Date"], "%Y%m%d").date()
        for record in _records("ga4-reseaux-sociaux-2027-01-01_2027-02-28.csv")
        if record["Session campaign"] != "Grand total"
    ]
    days += [
        date.fromisoformat(record["date"])
        for record in _records("pinterest-linkedin-2027-01-01_2027-02-28.csv")
    ]
    assert len(days) > 100
    assert max(days) <= TODAY
    assert example.today == TODAY


def test_the_experiments_posts_carry_both_variants(example: Plan) -> None:
    experiment = next(e for e in example.experiments if e.id == EXPERIMENT)
    arms = [post for post in example.posts if post.experiment is not None]
    assert {post.experiment.id for post in arms if post.experiment} == {EXPERIMENT}
    variants = {post.experiment.variant for post in arms if post.experiment}
    assert variants == {"reel", "carrousel"}
    assert all(post.channels == (experiment.channel,) for post in arms)


def test_the_experiment_not_run_yet_has_no_posts(example: Plan) -> None:
    later = [e for e in example.experiments if e.start and e.start > TODAY]
    assert later and all(not e.result for e in later)
    ids = {e.id for e in later}
    assert not [p for p in example.posts if p.experiment and p.experiment.id in ids]


def test_rows_match_by_all_three_rules_and_two_rows_are_outside_the_plan(
    matched: PlanResults,
) -> None:
    assert matched.rule_counts["published"] == 4
    assert matched.rule_counts["time"] > matched.rule_counts["published"]
    assert matched.rule_counts["utm_content"] > 0
    outside = sorted(result.row.title.split(" ")[0] for result in matched.unmatched)
    assert outside == ["Fermeture", "Nous"]


def test_posts_with_results_are_published(example: Plan, matched: PlanResults) -> None:
    """A series still running into March keeps one status for all its days."""
    posts = {post.id: post for post in example.posts}
    measured = {posts[result.post] for result in matched.matched}
    measured_days = {result.post: result.day for result in matched.matched}
    running = {post.id for post in measured if post.repeat and _runs_past_today(post)}
    assert {p.id for p in measured if p.status != "published"} == running
    assert running == {"lampe-du-mardi", "2027-01-04-epingles-de-la-semaine"}
    assert all(day <= TODAY for day in measured_days.values())


def test_savoir_faire_earns_twice_its_share_of_the_engagement(
    example: Plan, matched: PlanResults
) -> None:
    posts = {post.id: post for post in example.posts}
    engagements: defaultdict[str, float] = defaultdict(float)
    for result in matched.matched:
        engagements[posts[result.post].type] += result.row.metrics.get("engagements", 0)
    total = sum(engagements.values())
    earned = {
        kind.id: 100 * engagements[kind.id] / total / kind.share for kind in example.content_types
    }
    assert earned["savoir-faire"] >= 2
    assert all(ratio < 1 for kind, ratio in earned.items() if kind != "savoir-faire")


def test_the_experiments_result_agrees_with_the_numbers(
    example: Plan, matched: PlanResults
) -> None:
    """Reels reach 2.4 times as many accounts and engage more of them; the
    carousels bring the e-shop more than 800 sessions during the test, Reels none."""
    experiment = next(e for e in example.experiments if e.id == EXPERIMENT)
    assert experiment.start and experiment.end
    posts = {post.id: post for post in example.posts}
    posted: defaultdict[str, list[ResultRow]] = defaultdict(list)
    visits: defaultdict[str, list[ResultRow]] = defaultdict(list)
    for result in matched.matched:
        arm = posts[result.post].experiment
        day = result.row.day or result.day
        if arm and experiment.start <= day <= experiment.end:
            found = posted if "reach" in result.row.metrics else visits
            found[arm.variant].append(result.row)
    reels, carousels = (summed(posted[variant]) for variant in ("reel", "carrousel"))
    assert len(posted["reel"]) == len(posted["carrousel"]) == 5
    assert round(reels["reach"] / carousels["reach"], 1) == 2.4
    assert (engagement_rate(reels) or 0) > 1.5 * (engagement_rate(carousels) or 0)
    assert summed(visits["reel"]).get("sessions", 0) == 0
    assert summed(visits["carrousel"])["sessions"] > 800
    assert "2,4 fois" in experiment.result and "plus de 800" in experiment.result


def test_ga4_sessions_of_the_goals_channels_come_near_its_monthly_progress(
    example: Plan,
) -> None:
    """The goal "trafic-eshop" may sum these per month: they agree with the
    progress points typed by hand before the results folder existed."""
    goal = next(g for g in example.goals if g.id == "trafic-eshop")
    posts = {post.id: post for post in example.posts}
    months: defaultdict[str, int] = defaultdict(int)
    for record in _records("ga4-reseaux-sociaux-2027-01-01_2027-02-28.csv")[1:]:
        post = posts[record["Session manual ad content"]]
        if set(post.channels) & set(goal.channels):
            months[record["Date"][:6]] += int(record["Sessions"])
    typed = {point.date.strftime("%Y%m"): point.value for point in goal.progress}
    assert months.keys() == typed.keys()
    assert all(abs(months[m] - typed[m]) <= 0.05 * typed[m] for m in typed)


def test_checking_the_example_finds_no_error() -> None:
    result = run_cli("check", cwd=EXAMPLE_PLAN.parent)
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_the_example_experiment_is_decided_by_its_publications(example: Plan) -> None:
    (found,) = experiment_results(example)
    assert found.experiment.id == "reels-ou-carrousels"
    tries = [(v.variant, v.posts, v.measured) for v in found.variants]
    assert tries == [("carrousel", 5, 5), ("reel", 5, 5)]
    assert (found.verdict.outcome, found.verdict.leader) == ("ahead", "reel")
