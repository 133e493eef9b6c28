"""Checks a newcomer meets in their first week, each saying something true of
the plan: a mission rule that knows abbreviations, a content mix judged where
it is set, placeholder text that is not published without a word."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.build import Inputs, check_plan
from generator.checks.placeholders import CODE_FIELDS, placeholder_texts
from generator.commands.new import TEMPLATES, Draft
from generator.i18n import Translator
from generator.load.plan_folder import split_front_matter
from generator.model.entities import Goal
from generator.model.sentences import sentence_count
from generator.pages.goal_chart import progress_chart
from tests.conftest import MINIMAL_FILES, run_cli, write_plan


def findings(root: Path) -> list[dict[str, Any]]:
    result = run_cli("check", "--format", "json", cwd=root)
    assert "Traceback" not in result.output
    diagnostics: list[dict[str, Any]] = json.loads(result.stdout)["diagnostics"]
    return diagnostics


def codes(root: Path) -> list[str]:
    return [finding["code"] for finding in findings(root)]


def with_mission(mission: str, language: str = "en") -> dict[str, str | None]:
    channel = MINIMAL_FILES["plan/channels/instagram.md"]
    config = MINIMAL_FILES["site_config.yml"]
    return {
        "plan/channels/instagram.md": channel.replace(
            "mission: Show the workshop to people who love lamps.", f"mission: {mission!r}"
        ),
        "site_config.yml": config.replace("language: en", f"language: {language}"),
    }


# -- PS303: a mission is one sentence ------------------------------------------------------

ONE_SENTENCE = {
    "en": [
        "We show how lamps are made, e.g. The Lumen, so people want one.",
        "Our shop on St. Mary's Street shows lamps to people who love them.",
        "Dr. Martin and Mr. Smith answer questions on lamps every Monday.",
        "We post at 9 a.m. Monday to Friday for people who love lamps.",
        "We post at 6 p.m. Every Friday is a new lamp.",  # a.m./p.m. take no sentence end
        "Lamps, shades, bulbs, etc. All the things we make for you.",
        "We reached 2.5 times more people and 1.5 M views with our videos.",
        "We show lamps... To people who love them.",
        "We show lamps… And the people who make them.",
        "Follow @atelier.lumen and visit atelier.example.com for new lamps.",
        "See https://atelier.example/Lamps.Html for the lamps we make.",
        "J. R. Smith shows the workshop to people who love lamps.",
        "We ship to the U.S. And Canada every week.",
        "Lamps made in Lyon, since 1990.",
        "We show the workshop (cf. Our journal) to people who love lamps.",
        "Why lamps matter to people who love their home?",
        "We show the workshop to people who love lamps. ",
        "One sentence without a final stop",
    ],
    "fr": [
        "Nous montrons nos lampes, p. ex. La Lumen, à ceux qui aiment leur intérieur.",
        "Nous vendons env. 30 lampes par mois à des gens qui aiment la lumière.",
        "M. Martin et Mme Durand répondent aux questions sur nos lampes.",
        "Le Dr Martin et la Dre Durand conseillent nos clients, etc. Chaque semaine.",
        "Nous avons touché 2,5 fois plus de monde et 1.5 M de vues.",
        "Nous montrons l'atelier… Et ceux qui y travaillent.",
        "Suivez @atelier.lumen pour voir naître nos lampes.",
        "Nous montrons l'atelier aux amoureux de la lumière !",
        "« Nous montrons l'atelier. » à ceux qui aiment la lumière",
        "Cf. Notre journal : nous montrons l'atelier aux amoureux des lampes.",
    ],
}

TWO_SENTENCES = {
    "en": [
        "We inform. We sell.",
        "We inform! We sell.",
        "Do we inform? We sell.",
        'We say "hello." Then we sell.',
        "We show lamps (all of them). Then we sell them.",
        "We show the workshop on atelier.example.com. We sell lamps.",
        "We reached 2.5 M people. We sell lamps.",
        "We show lamps to people who love them.  We sell them too.",
        "We show lamps.\nWe sell them too.",
    ],
    "fr": [
        "Nous informons. Nous vendons.",
        "Nous informons ! Nous vendons.",
        "Nous informons\u202f! Nous vendons.",
        "Informons-nous ? Nous vendons.",
        "Nous informons. « Nous vendons. »",
        "Nous montrons l'atelier. Élégance et lumière sont au rendez-vous.",
        "Nous vendons des lampes. Env. 30 par mois.",
    ],
}


@pytest.mark.parametrize(
    ("language", "mission"),
    [(language, m) for language, missions in ONE_SENTENCE.items() for m in missions],
)
def test_a_mission_with_abbreviations_is_one_sentence(language: str, mission: str) -> None:
    assert sentence_count(mission, language) == 1


@pytest.mark.parametrize(
    ("language", "mission"),
    [(language, m) for language, missions in TWO_SENTENCES.items() for m in missions],
)
def test_two_real_sentences_are_still_two(language: str, mission: str) -> None:
    assert sentence_count(mission, language) == 2


def test_three_sentences_are_counted() -> None:
    assert sentence_count("Why we are here! Really? Yes.", "en") == 3


@pytest.mark.parametrize(
    ("mission", "language"),
    [
        ("We show lamps, e.g. The Lumen, to people who love them.", "en"),
        ("Nous vendons env. 30 lampes, p. ex. La Lumen.", "fr"),
        ("We reached 2.5 times more people at 9 a.m. Monday.", "en"),
    ],
)
def test_a_plan_with_such_a_mission_checks_clean(
    tmp_path: Path, mission: str, language: str
) -> None:
    assert "PS303" not in codes(write_plan(tmp_path, with_mission(mission, language)))


def test_a_mission_of_two_sentences_is_a_warning_with_its_code(tmp_path: Path) -> None:
    result = run_cli("check", cwd=write_plan(tmp_path, with_mission("We inform. We sell.")))
    assert result.exit_code == 0, result.output
    assert (
        "plan/channels/instagram.md:2:1: warning: the mission of 'instagram' holds 2 sentences "
        "(keep the one that says why the brand is on this channel and move the rest to the "
        "page body) [PS303]"
    ) in result.stderr


def test_the_french_finding_reads_in_french(tmp_path: Path) -> None:
    root = write_plan(tmp_path, with_mission("Nous informons ! Nous vendons.", "fr"))
    (finding,) = [f for f in findings(root) if f["code"] == "PS303"]
    assert finding["message"] == "la mission de « instagram » compte 2 phrases"


@pytest.mark.parametrize(("level", "exit_code", "shown"), [("error", 1, True), ("off", 0, False)])
def test_the_mission_rule_is_re_graded_like_any_other(
    tmp_path: Path, level: str, exit_code: int, shown: bool
) -> None:
    files = with_mission("We inform. We sell.")
    files["site_config.yml"] = f"{files['site_config.yml']}checks: {{PS303: {level}}}\n"
    result = run_cli("check", cwd=write_plan(tmp_path, files))
    assert result.exit_code == exit_code, result.output
    assert ("[PS303]" in result.stderr) is shown


# -- PS402: a channel's mix is judged where the channel sets one --------------------------

TWO_CHANNELS = {
    "plan/content.yml": """\
        mix: {rule: custom, tolerance: 10}
        types:
          - {id: tips, name: Tips, share: 50, purpose: educate}
          - {id: how-to, name: How-to, share: 50, purpose: educate}
        """,
    "plan/channels/tiktok.md": "---\nnetwork: tiktok\nmission: Show how lamps are made.\n---\n",
    "plan/calendar/q1.yml": """\
        posts:
          - id: hello
            date: 2027-01-05
            time: "10:00"
            channel: instagram
            type: tips
            title: Hello
            status: scheduled
            link: https://shop.example/hello
            repeat: {every: week, count: 4}
          - id: how
            date: 2027-01-06
            time: "18:00"
            channel: tiktok
            type: how-to
            title: How a lamp is wired
            status: scheduled
            repeat: {every: week, count: 4}
        """,
}


def mix_findings(root: Path) -> list[str]:
    return sorted(f["message"] for f in findings(root) if f["code"] == "PS402")


def test_a_channel_of_how_tos_without_its_own_mix_is_not_judged(tmp_path: Path) -> None:
    """The plan as a whole is half tips, half how-tos, as planned: no finding, though
    each channel alone posts one type only."""
    assert mix_findings(write_plan(tmp_path, TWO_CHANNELS)) == []


def test_a_channel_with_its_own_mix_is_held_to_it(tmp_path: Path) -> None:
    own = TWO_CHANNELS["plan/channels/tiktok.md"]
    assert own is not None
    files = {
        **TWO_CHANNELS,
        "plan/channels/tiktok.md": own.replace("---\n\n", "").replace(
            "made.\n", "made.\nmix: {how-to: 50, tips: 50}\n"
        ),
    }
    assert mix_findings(write_plan(tmp_path, files)) == [
        "on 'tiktok', 'how-to' is 100% of scheduled posts (4 of 4) against a target of 50%",
        "on 'tiktok', 'tips' is 0% of scheduled posts (0 of 4) against a target of 50%",
    ]


def test_the_plan_as_a_whole_is_still_judged(tmp_path: Path) -> None:
    content = """\
        types:
          - {id: tips, name: Tips, share: 70, purpose: educate}
          - {id: how-to, name: How-to, share: 30, purpose: educate}
        """
    files = {**TWO_CHANNELS, "plan/content.yml": content}
    assert mix_findings(write_plan(tmp_path, files)) == [
        "across the plan, 'how-to' is 50% of scheduled posts (4 of 8) against a target of 30%",
        "across the plan, 'tips' is 50% of scheduled posts (4 of 8) against a target of 70%",
    ]


# -- progress.value: the metric's value on its date, or what a period added ----------------

LEADS_GOAL = """\
    ---
    title: Bring leads
    metric: {{name: Quote requests in 2027, kind: leads, baseline: 0, target: 60{values}}}
    start: 2027-01-01
    deadline: 2027-06-30
    owner: Sam
    channels: [instagram]
    progress:
      - {{date: 2027-01-31, value: 10}}
      - {{date: 2027-02-28, value: 9}}
      - {{date: 2027-03-31, value: 11}}
    ---
    """


def leads_plan(tmp_path: Path, values: str) -> Path:
    return write_plan(tmp_path, {"plan/goals/leads.md": LEADS_GOAL.format(values=values)})


def leads_goal(root: Path) -> Goal:
    checked = check_plan(Inputs(root / "plan", root / "site_config.yml"))
    return next(goal for goal in checked.plan.goals if goal.id == "leads")


@pytest.mark.parametrize(
    ("values", "latest", "behind"),
    [
        ("", 11, True),  # 11 on 31 March where the line asks for 29.7
        (", values: total", 11, True),
        (", values: per_period", 30, False),  # 10 + 9 + 11 leads so far
    ],
)
def test_pace_reads_a_per_period_metric_as_its_running_total(
    tmp_path: Path, values: str, latest: float, behind: bool
) -> None:
    root = leads_plan(tmp_path, values)
    goal = leads_goal(root)
    assert goal.latest is not None and goal.latest.value == latest
    found = [f for f in findings(root) if f["code"] == "PS105" and "leads" in f["message"]]
    assert bool(found) is behind


def test_a_per_period_metric_sums_from_its_baseline(tmp_path: Path) -> None:
    text = LEADS_GOAL.format(values=", values: per_period").replace("baseline: 0", "baseline: 5")
    root = write_plan(tmp_path, {"plan/goals/leads.md": text})
    goal = leads_goal(root)
    assert [point.value for point in goal.measured] == [15, 24, 35]
    assert [point.value for point in goal.progress] == [10, 9, 11]  # as written
    assert goal.reached == pytest.approx(30 / 55)


def test_the_goal_chart_draws_the_running_total(tmp_path: Path) -> None:
    root = leads_plan(tmp_path, ", values: per_period")
    goal = leads_goal(root)
    checked = check_plan(Inputs(root / "plan", root / "site_config.yml"))
    chart = BeautifulSoup(str(progress_chart(goal, checked.plan, Translator("en"))), "html.parser")
    assert [text.get_text() for text in chart.select("text.ps-chart__value")] == ["10", "19", "30"]


# -- PS701: placeholder text from the starter or from `new` ------------------------------


def ps701(root: Path) -> dict[str, str]:
    """file:line -> message of each placeholder finding."""
    return {
        f"{f['file']}:{f['line']}": f["message"] for f in findings(root) if f["code"] == "PS701"
    }


def test_the_starter_checks_with_placeholder_warnings_and_no_error(tmp_path: Path) -> None:
    assert run_cli("init", "mine", cwd=tmp_path).exit_code == 0
    root = tmp_path / "mine"
    result = run_cli("check", cwd=root)
    assert result.exit_code == 0, result.output
    every = findings(root)
    assert every and {f["severity"] for f in every} == {"warning"}
    assert {f["code"] for f in every} == {"PS701"}
    messages = sorted(f["message"] for f in every)
    assert "the name, url, and why of 'Another Studio' are still placeholder text" in messages
    assert (
        "the organization and summary of 'Social media plan 2027' are still placeholder text"
        in (messages)
    )
    assert "the link of 'weekly-inspiration' is still placeholder text" in messages


def test_the_starter_is_clean_once_its_placeholders_are_replaced(tmp_path: Path) -> None:
    """Replacing each marked text (and each page body) leaves no finding: the rule
    flags the starter's words, not what a plan keeps of its structure."""
    assert run_cli("init", "mine", cwd=tmp_path).exit_code == 0
    replace_starter_placeholders(tmp_path / "mine" / "plan")
    assert ps701(tmp_path / "mine") == {}


def replace_starter_placeholders(plan: Path) -> None:
    """The team's own words where `plansite init` left example text."""
    for path in sorted(plan.rglob("*.*")):
        text = path.read_text("utf-8")
        text = text.replace("example.com", "lumen.example").replace("example.studio", "lumen")
        text = text.replace("Another Studio", "Atelier Voisin").replace("Example Studio", "Lumen")
        text = text.replace("example studio", "lumen").replace('"#handmadehome"', "lampes")
        text = text.replace("Strong behind-the-scenes stories", "Good reels")
        if path.suffix == ".md":
            front, _, _ = text.rpartition("---\n")
            text = f"{front}---\nOur own words for {path.stem}.\n"
        path.write_text(text, "utf-8")


@pytest.mark.parametrize(
    ("kind", "file", "fields"),
    [
        ("goal", "plan/goals/awareness.md", "the objective, metric.name, owner, and body"),
        ("persona", "plan/personas/awareness.md", "the summary and demographics"),
        ("channel", "plan/channels/awareness.md", "the mission and body"),
    ],
)
def test_what_new_writes_is_a_placeholder_until_replaced(
    tmp_path: Path, kind: str, file: str, fields: str
) -> None:
    root = write_plan(tmp_path, {})
    written = run_cli("new", kind, "--title", "Awareness", cwd=root)
    assert written.exit_code == 0, written.output
    found = ps701(root)
    assert found == {f"{file}:2": f"{fields} of 'awareness' are still placeholder text"}


def test_the_placeholder_list_holds_every_stub_new_writes() -> None:
    """The stubs are read from the templates `new` fills: a new stub written
    outside the constants would fail here."""
    placeholders = placeholder_texts()
    for kind, template in TEMPLATES.items():
        text = template(Draft(kind, "given-id", "Given Title", network="tiktok"))
        front, _, body = split_front_matter(text, Path(f"{kind}.md"))
        data = yaml.safe_load(front)
        stubs = [body.strip()] if body.strip() else []
        for key, value in data.items():
            if isinstance(value, dict):
                stubs += [
                    v for k, v in value.items() if isinstance(v, str) and v and k not in CODE_FIELDS
                ]
            elif isinstance(value, str) and key not in CODE_FIELDS | {"title", "name"}:
                stubs.append(value)
        assert stubs, kind
        assert all(placeholders.match(stub) for stub in stubs), (kind, stubs)
        assert not placeholders.match("Given Title")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        # any text field, whatever its part of the plan
        ("plan/goals/followers.md", "owner: Sam", "owner: Who answers for it", "the owner"),
        ("plan/goals/followers.md", "owner: Sam", "owner: '  who ANSWERS  for it '", "the owner"),
        ("plan/calendar/q1.yml", "title: Hello", "title: Hello\ncopy: Our main showcase.",
         "the copy"),
        ("plan/audit.yml", "bio: Lamps made in Lyon.", "bio: '@example.studio'",
         "the profile.bio"),
        ("plan/content.yml", "name: Tips,", "name: Tips, creator: Who answers for it,",
         "the creator"),
        ("plan/channels/instagram.md", "goals: [followers]",
         "goals: [followers]\nvoice: {do: ['Age, job, place']}", "the voice.do"),
        ("plan/channels/instagram.md", "Show the workshop to people who love lamps.",
         "Say in one sentence why the brand is on this network.", "the mission"),
        ("plan/channels/instagram.md", "---\n\n", "---\nWhat Instagram is for.\n",
         "the body"),
    ],
)  # fmt: skip
def test_a_placeholder_is_found_in_any_text_field(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    text = textwrap.dedent(MINIMAL_FILES[file])
    if old == "---\n\n":  # a page body after the front matter
        text = text.rstrip() + "\n" + new.removeprefix("---\n")
    else:
        assert old in text, old
        indent = text.split(old)[0].rsplit("\n", 1)[-1]
        text = text.replace(old, new.replace("\n", "\n" + indent))
    found = ps701(write_plan(tmp_path, {file: text}))
    assert len(found) == 1, found
    assert next(iter(found.values())).startswith(expected + " of ")


@pytest.mark.parametrize(
    "text",
    [
        "Who answers for it: Sam",  # more than the placeholder
        "Sam, who answers for it",
        "What is for.",  # the channel's body stub needs a title
        "example studio lamps",
    ],
)
def test_a_text_that_only_contains_a_placeholder_is_the_plan_s_own(
    tmp_path: Path, text: str
) -> None:
    goal = MINIMAL_FILES["plan/goals/followers.md"].replace("owner: Sam", f"owner: {text}")
    assert ps701(write_plan(tmp_path, {"plan/goals/followers.md": goal})) == {}


def test_placeholder_findings_sit_under_their_step_and_can_be_turned_off(
    tmp_path: Path,
) -> None:
    inspiration = "sources:\n  - {name: Another Studio, why: Strong behind-the-scenes stories}\n"
    goal = MINIMAL_FILES["plan/goals/followers.md"].replace(
        "owner: Sam", "owner: Who answers for it"
    )
    files = {"plan/inspiration.yml": inspiration, "plan/goals/followers.md": goal}
    root = write_plan(tmp_path, files)
    checked = check_plan(Inputs(root / "plan", root / "site_config.yml"))
    steps = {d.location.path.name: d.step for d in checked.findings if d.code == "PS701"}
    assert steps == {"inspiration.yml": 4, "followers.md": 1}
    config = MINIMAL_FILES["site_config.yml"] + "checks: {PS701: off}\n"
    assert ps701(write_plan(tmp_path, {**files, "site_config.yml": config})) == {}
