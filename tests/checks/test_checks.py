"""Each plan check fires on a plan that breaks it and stays quiet on one that does not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.build import Inputs, check_plan
from generator.checks import RULES
from tests.conftest import MINIMAL_FILES, PlanFactory, run_cli
from tests.media_samples import as_text, gif, mp4


def findings(root: Path) -> list[dict[str, Any]]:
    result = run_cli("check", "--format", "json", cwd=root)
    diagnostics: list[dict[str, Any]] = json.loads(result.stdout)["diagnostics"]
    return diagnostics


def raw(name: str) -> str:
    """A file of the minimal plan as written in conftest (indented; dedented when written)."""
    text = MINIMAL_FILES[name]
    assert text is not None
    return text.rstrip(" ")


def edit(name: str, old: str, new: str) -> dict[str, str | None]:
    text = raw(name)
    assert old in text, old
    return {name: text.replace(old, new)}


def drop_line(name: str, needle: str) -> dict[str, str | None]:
    lines = raw(name).splitlines(keepends=True)
    kept = [line for line in lines if needle not in line]
    assert len(kept) == len(lines) - 1, needle
    return {name: "".join(kept)}


def append(name: str, extra: str) -> dict[str, str | None]:
    return {name: raw(name) + extra}


FACEBOOK_CHANNEL = {
    "plan/channels/facebook.md": "---\nnetwork: facebook\naccount: fb\nmission: Talk.\n---\n",
    "plan/audit.yml": raw("plan/audit.yml")
    + "          - {id: fb, network: facebook, handle: ex, owner: Sam, profile: {bio: b, "
    "avatar: true, cover: true, link: 'https://shop.example/', keywords: [k], "
    "cross_promotion: true}}\n",
}
POST_PREFIX = "            link: https://shop.example/hello\n"


def with_media(entries: str, **files: str) -> dict[str, str | None]:
    """The minimal post showing `entries` (a YAML flow list), with `files` in plan/media/."""
    post = edit(
        "plan/calendar/q1.yml", POST_PREFIX, POST_PREFIX + f"            media: {entries}\n"
    )
    return {**post, **{f"plan/media/{name}": text for name, text in files.items()}}


YOUTUBE_POST = {
    "plan/channels/yt.md": "---\nnetwork: youtube\nmission: Show the workshop.\n---\n",
    "plan/calendar/yt.yml": "posts:\n  - {id: film, date: 2027-01-06, channel: yt, title: Film, "
    "media: [{file: media/big.gif, alt: The workshop at dawn}]}\n",
    "plan/media/big.gif": as_text(gif(1024, 576, padding=3 * 1024 * 1024)),
}
LONG_VIDEO = as_text(mp4(1000, 576, 1024, timescale=20, free=64))

FIRES: dict[str, tuple[dict[str, str | None], str]] = {
    "PS101": ({"plan/goals/reach.md": None, "plan/goals/leads.md": None}, "the plan has 1 goal"),
    "PS102": (drop_line("plan/goals/followers.md", "owner: Sam"), "no owner"),
    "PS103": (
        edit("plan/goals/followers.md", "target: 200", "target: 50"),
        "the target 50 is not above the baseline 100",
    ),
    "PS104": (
        edit("plan/goals/followers.md", "deadline: 2027-06-30", "deadline: 2026-12-01"),
        "ends on December 1, 2026, before it starts on January 1, 2027",
    ),
    "PS105": (
        edit("plan/goals/followers.md", "value: 130", "value: 101"),
        "is off pace: 101 on February 1, 2027, where a straight line to the target needs 117.2",
    ),
    "PS106": (
        drop_line("plan/goals/reach.md", "channels: [instagram]"),
        "no channel serves goal 'reach'",
    ),
    "PS201": (drop_line("plan/audit.yml", "owner: Sam"), "has no owner"),
    "PS202": (
        append(
            "plan/audit.yml", "          - {id: fake, network: x, handle: fake, official: false}\n"
        ),
        "is an impostor (official: false) but its status is 'keep'",
    ),
    "PS203": (
        edit("plan/audit.yml", "owner: Sam\n", "owner: Sam\n            status: delete\n"),
        "channel 'instagram' (1 post) uses account 'insta', which the audit says to delete",
    ),
    "PS204": (
        drop_line("plan/channels/instagram.md", "account: insta"),
        "channel 'instagram' names no audit account",
    ),
    "PS205": (
        append("plan/audit.yml", "          - {id: old, network: x, handle: old, owner: Sam}\n"),
        "account 'old' is kept but no channel gives it a mission",
    ),
    "PS206": (drop_line("plan/audit.yml", "bio: Lamps made in Lyon."), "bio missing"),
    "PS207": (
        edit("plan/audit.yml", "owner: Sam\n", "owner: Sam\n            last_post: 2026-09-01\n"),
        "has not posted for 153 days: its last post was on September 1, 2026",
    ),
    "PS301": (
        {
            "plan/personas/pro.md": "---\nname: Pro\nchannels: [linkedin]\n---\n",
            **edit("plan/channels/instagram.md", "goals:", "personas: [pro]\n        goals:"),
        },
        "targets 'pro', who is on linkedin but not on instagram",
    ),
    "PS302": (
        edit(
            "plan/channels/instagram.md",
            "Show the workshop to people who love lamps.",
            "Show " + "the workshop and " * 12 + "people who love lamps.",
        ),
        "is 231 characters long",
    ),
    "PS303": (
        edit(
            "plan/channels/instagram.md",
            "Show the workshop to people who love lamps.",
            "Show the workshop. Sell lamps too.",
        ),
        "the mission of 'instagram' holds 2 sentences",
    ),
    "PS401": (
        edit("plan/content.yml", "share: 100", "share: 90"),
        "the content types' shares add up to 90, not 100",
    ),
    "PS402": (
        edit(
            "plan/content.yml",
            "share: 100, purpose: educate}",
            "share: 50, purpose: educate}\n          - {id: promo, name: Promo, share: 50}",
        ),
        "across the plan, 'tips' is 100% of scheduled posts (1 of 1) against a target of 50%",
    ),
    "PS501": (
        edit(
            "plan/channels/instagram.md", "goals:", "cadence: {posts_per_week: 5}\n        goals:"
        ),
        "channel 'instagram' plans 5 posts a week; "
        "the calendar has 1.4 a week up to January 5, 2027",
    ),
    "PS502": (
        append(
            "plan/calendar/q1.yml",
            "          - {id: soon, date: 2027-01-05, time: '10:30', channel: instagram, "
            "type: tips, title: Soon, link: 'https://shop.example/'}\n",
        ),
        "on 'instagram', 'soon' comes 30 min after 'hello' on January 5, 2027",
    ),
    "PS503": (
        {
            "plan/calendar/q1.yml": raw("plan/calendar/q1.yml").replace(
                POST_PREFIX, POST_PREFIX + "            campaign: spring\n"
            )
            + "        campaigns:\n          - {id: spring, name: Spring, start: 2027-03-01, "
            "end: 2027-03-31}\n"
        },
        "post 'hello' on January 5, 2027 is outside campaign 'spring', "
        "which runs from March 1, 2027 to March 31, 2027",
    ),
    "PS504": (
        {
            **FACEBOOK_CHANNEL,
            "plan/calendar/q1.yml": raw("plan/calendar/q1.yml").replace(
                POST_PREFIX, POST_PREFIX + "            campaign: spring\n"
            )
            + "        campaigns:\n          - {id: spring, name: Spring, start: 2027-01-01, "
            "end: 2027-03-31, channels: [facebook]}\n",
        },
        "post 'hello' is on 'instagram', which campaign 'spring' does not use",
    ),
    "PS505": (
        edit("plan/channels/instagram.md", "goals:", "status: paused\n        goals:"),
        "post 'hello' is planned on 'instagram', which is paused",
    ),
    "PS506": (
        edit("plan/calendar/q1.yml", "date: 2027-01-05", "date: 2026-12-20"),
        "post 'hello' is scheduled on December 20, 2026, before the plan starts on January 1, 2027",
    ),
    "PS507": (
        append("plan/calendar/q1.yml", f"            copy: {'x' * 2201}\n"),
        "the copy of 'hello' has 2,201 characters; instagram accepts 2,200",
    ),
    "PS508": (
        edit("plan/calendar/q1.yml", "https://shop.example/hello", "mailto:sam@shop.example"),
        "the link of 'hello' is not a web address (http or https)",
    ),
    "PS601": ({"plan/measurement.yml": None}, "plan/measurement.yml names no tool"),
    "PS701": (
        edit("plan/goals/followers.md", "owner: Sam", "owner: Who answers for it"),
        "the owner of 'followers' is still placeholder text",
    ),
    "PS602": (
        edit(
            "plan/plan.md",
            "period:",
            "review: {cadence: weekly, last: 2027-01-10}\n        period:",
        ),
        "reviewing weekly, the next one was due on January 17, 2027, "
        "and results go up to February 1, 2027",
    ),
    "PS510": (
        {
            **edit("plan/content.yml", "purpose: educate", "purpose: promote"),
            "plan/calendar/dates.yml": "key_dates:\n"
            "  - {date: 2027-01-04, end: 2027-01-06, name: Mourning, kind: blackout}\n",
        },
        "post 'hello' promotes on January 5, 2027, during the blackout 'Mourning'",
    ),
    "PS511": (
        {"plan/calendar/dates.yml": "key_dates: [{date: 2027-01-05, name: Off, kind: holiday}]\n"},
        "post 'hello' goes out on January 5, 2027, a holiday: Off",
    ),
    "PS614": (
        edit(
            "plan/goals/reach.md",
            "target: 3000}",
            "target: 3000, source: {metric: reach}}",
        ),
        "goal 'reach' is computed from the results, but plan/results/ holds no result",
    ),
    "PS520": (
        with_media("[{file: media/lamp.png, alt: A lamp}]", **{"lamp.png": "not a picture"}),
        "'media/lamp.png' cannot be read as a PNG file",
    ),
    "PS521": (
        with_media("[{file: media/lamp.png, alt: A lamp}]"),
        "post 'hello' shows 'media/lamp.png', which is not in the plan's media/ folder",
    ),
    "PS522": (
        with_media("[{file: 'https://cdn.example/lamp.png'}]"),
        "image 'https://cdn.example/lamp.png' of post 'hello' has no alt text",
    ),
    "PS523": (
        with_media(
            "[{file: media/tall.gif, alt: A lamp}]", **{"tall.gif": as_text(gif(576, 1024))}
        ),
        "'media/tall.gif' (576 x 1024) of post 'hello' is cropped or refused on instagram",
    ),
    "PS524": (
        with_media(
            "[" + ", ".join(["{file: 'https://cdn.example/a.png', alt: A lamp}"] * 11) + "]"
        ),
        "post 'hello' has 11 images; instagram takes 10 a post",
    ),
    "PS525": (
        with_media("[{file: media/clip.mp4, kind: video}]", **{"clip.mp4": LONG_VIDEO}),
        "video 'media/clip.mp4' of post 'hello' lasts 16:40; instagram takes up to 15:00",
    ),
    "PS526": (
        with_media("[{file: media/clip.mp4}]", **{"clip.mp4": LONG_VIDEO}),
        "'media/clip.mp4' of post 'hello' is MP4, but its entry says kind: image",
    ),
    "PS527": (YOUTUBE_POST, "'media/big.gif' of post 'film' weighs 3 MB; youtube takes up to 2 MB"),
    # The results checks (tests/checks/test_result_checks.py has the rest).
    "PS610": (
        {"plan/results/a.csv": "when,what\n2027-01-05,hello\n"},
        "the header of this results file is of no kind plansite reads",
    ),
    "PS611": ({"plan/results/a.csv": "date,post,reach\n2027-01-06,hello,x\n"}, "not a number"),
    "PS612": ({"plan/results/a.csv": "date,post\n2027-01-04,hello\n"}, "before the post"),
    "PS613": (
        {
            "plan/results/a.csv": "date,channel,reach\n2027-03-01,instagram,3\n",
            **edit(
                "plan/calendar/q1.yml",
                "title: Hello",
                "title: Hello\n            status: published",
            ),
        },
        "no results file has a row for it",
    ),
    "PS615": ({"plan/results/a.csv": "date,post\n2027-01-06,nobody\n"}, "matches no post"),
}


def test_every_rule_has_a_test() -> None:
    assert sorted(FIRES) == sorted(rule.code for rule in RULES)


def test_the_minimal_plan_is_clean(make_plan: PlanFactory) -> None:
    assert findings(make_plan()) == []


@pytest.mark.parametrize("code", sorted(FIRES))
def test_rule_fires_when_the_plan_breaks_it(make_plan: PlanFactory, code: str) -> None:
    files, message = FIRES[code]
    found = [f for f in findings(make_plan(files)) if f["code"] == code]
    assert [f["message"] for f in found if message in f["message"]], found
    assert all(f["hint"] for f in found)
    assert all(f["line"] for f in found)


def test_rules_can_be_turned_off_or_regraded(make_plan: PlanFactory) -> None:
    files, _ = FIRES["PS201"]
    config = raw("site_config.yml")
    off = make_plan({**files, "site_config.yml": config + "        checks: {PS201: off}\n"})
    assert findings(off) == []
    graded = make_plan({**files, "site_config.yml": config + "        checks: {PS201: error}\n"})
    result = run_cli("check", cwd=graded)
    assert result.exit_code == 1
    assert "error: account 'insta' (instagram @example) has no owner" in result.stderr


def test_an_unknown_rule_code_is_an_error(make_plan: PlanFactory) -> None:
    config = raw("site_config.yml") + "        checks: {PS210: off}\n"
    result = run_cli("check", cwd=make_plan({"site_config.yml": config}))
    assert result.exit_code == 1
    assert "site_config.yml:5:10: error: unknown check 'PS210'" in result.stderr


def test_strict_fails_on_warnings(make_plan: PlanFactory) -> None:
    root = make_plan(FIRES["PS201"][0])
    assert run_cli("check", cwd=root).exit_code == 0
    assert run_cli("check", "--strict", cwd=root).exit_code == 1


def test_github_format_annotates_lines(make_plan: PlanFactory) -> None:
    result = run_cli("check", "--format", "github", cwd=make_plan(FIRES["PS201"][0]))
    assert result.stdout == (
        "::warning file=plan/audit.yml,line=2,col=5,title=PS201::account 'insta' "
        "(instagram @example) has no owner (name who manages it in 'owner')\n"
    )


MIX_PLAN = {
    **FACEBOOK_CHANNEL,
    "plan/content.yml": """\
        mix: {rule: custom, tolerance: 10}
        types:
          - {id: a, name: A, share: 50, purpose: educate}
          - {id: b, name: B, share: 30, purpose: promote}
          - {id: c, name: C, share: 20, purpose: connect}
        """,
    "plan/calendar/q1.yml": """\
        posts:
          - id: p1
            date: 2027-01-04
            time: "09:00"
            channel: [instagram, facebook]
            type: a
            title: Weekly
            repeat: {every: week, on: [mon], count: 4, except: [2027-01-11]}
          - id: p2
            date: 2027-02-01
            channel: instagram
            type: b
            title: Daily
            repeat: {every: day, until: 2027-02-03}
          - {id: p3, date: 2027-03-01, channel: instagram, type: c, title: Draft, status: draft}
          - {id: p4, date: 2027-03-02, channel: facebook, type: c, title: Single}
          - {id: p5, date: 2027-03-03, channel: facebook, type: b, title: Idea, status: idea}
          - {id: p6, date: 2026-12-01, channel: facebook, type: b, title: Before the period}
        """,
}


def mix_of(root: Path) -> dict[str, dict[str, tuple[float | None, float, int]]]:
    checked = check_plan(Inputs(root / "plan", root / "site_config.yml"))
    return {
        table.scope or "all": {
            line.label: (line.target, round(line.actual, 2), line.count) for line in table.lines
        }
        for table in checked.context.mix_tables
    }


def test_the_mix_is_counted_once_for_the_rule_and_the_health_page(
    make_plan: PlanFactory,
) -> None:
    root = make_plan(MIX_PLAN)
    checked = check_plan(Inputs(root / "plan", root / "site_config.yml"))
    assert checked.context.mix_tables is checked.context.mix_tables  # as PS402 counted it


def test_mix_counts_expanded_scheduled_occurrences_per_channel(make_plan: PlanFactory) -> None:
    """Hand-computed: p1 gives 3 Mondays (4 minus the exception) on two channels, p2 three
    days; the draft, the idea and the post before the period do not count."""
    assert mix_of(make_plan(MIX_PLAN)) == {
        "all": {"a": (50, 60.0, 6), "b": (30, 30.0, 3), "c": (20, 10.0, 1)},
        "instagram": {"a": (50, 50.0, 3), "b": (30, 50.0, 3), "c": (20, 0.0, 0)},
        "facebook": {"a": (50, 75.0, 3), "b": (30, 0.0, 0), "c": (20, 25.0, 1)},
    }


def with_own_mix(channel: str, mix: str) -> dict[str, str | None]:
    """MIX_PLAN where `channel` (facebook or instagram) sets its own `mix`."""
    if channel == "facebook":
        text = FACEBOOK_CHANNEL["plan/channels/facebook.md"]
        assert text is not None
        return {**MIX_PLAN, "plan/channels/facebook.md": text.replace(
            "mission: Talk.", f"mission: Talk.\nmix: {mix}"
        )}  # fmt: skip
    return {
        **MIX_PLAN,
        **edit("plan/channels/instagram.md", "goals:", f"mix: {mix}\n        goals:"),
    }


def test_mix_findings_beyond_tolerance_only(make_plan: PlanFactory) -> None:
    """The plan as a whole is within 10 points; only the channels that set their own
    mix are held to it, each type beyond the tolerance a finding."""
    assert [f for f in findings(make_plan(MIX_PLAN)) if f["code"] == "PS402"] == []
    shares = "{a: 50, b: 30, c: 20}"
    instagram = with_own_mix("instagram", shares)["plan/channels/instagram.md"]
    files = {**with_own_mix("facebook", shares), "plan/channels/instagram.md": instagram}
    found = sorted(f["message"] for f in findings(make_plan(files)) if f["code"] == "PS402")
    assert found == [
        "on 'facebook', 'a' is 75% of scheduled posts (3 of 4) against a target of 50%",
        "on 'facebook', 'b' is 0% of scheduled posts (0 of 4) against a target of 30%",
        "on 'instagram', 'b' is 50% of scheduled posts (3 of 6) against a target of 30%",
        "on 'instagram', 'c' is 0% of scheduled posts (0 of 6) against a target of 20%",
    ]


def test_a_channel_mix_overrides_the_plan_shares(make_plan: PlanFactory) -> None:
    channel = FACEBOOK_CHANNEL["plan/channels/facebook.md"]
    files = {**MIX_PLAN, "plan/channels/facebook.md": channel.replace(
        "mission: Talk.", "mission: Talk.\nmix: {a: 80, c: 20}"
    )}  # fmt: skip
    assert mix_of(make_plan(files))["facebook"] == {
        "a": (80, 75.0, 3),
        "b": (0.0, 0.0, 0),
        "c": (20, 25.0, 1),
    }


def test_80_20_and_thirds_rules(make_plan: PlanFactory) -> None:
    content = MIX_PLAN["plan/content.yml"]
    assert content is not None
    eighty = make_plan({**MIX_PLAN, "plan/content.yml": content.replace("custom", "80-20")})
    assert mix_of(eighty)["instagram"] == {"promote": (20, 50.0, 3), "other": (None, 50.0, 3)}
    assert [f["message"] for f in findings(eighty) if f["code"] == "PS402"] == []
    own = with_own_mix("instagram", "{a: 80, b: 20}")
    own["plan/content.yml"] = content.replace("custom", "80-20")
    assert [f["message"] for f in findings(make_plan(own)) if f["code"] == "PS402"] == [
        "on 'instagram', 'promote' is 50% of scheduled posts (3 of 6) against a target of 20%"
    ]
    thirds = make_plan({**MIX_PLAN, "plan/content.yml": content.replace("custom", "thirds")})
    third = 100 / 3
    assert mix_of(thirds)["all"] == {
        "promote": (third, 30.0, 3),
        "share": (third, 60.0, 6),
        "connect": (third, 10.0, 1),
    }


def test_the_example_plan_carries_only_its_documented_findings() -> None:
    codes = sorted((f["code"], f["file"]) for f in findings(Path.cwd()))
    assert codes == [
        ("PS105", "plan/goals/taux-conversion.md"),
        ("PS201", "plan/audit.yml"),
        ("PS206", "plan/audit.yml"),
        ("PS511", "plan/calendar/2027-q1.yml"),
        ("PS615", "plan/results/meta-facebook-2027-01-01_2027-02-28.csv"),
        ("PS615", "plan/results/meta-instagram-2027-01-01_2027-02-28.csv"),
    ]


def test_the_health_page_lists_each_finding_under_its_step(make_plan: PlanFactory) -> None:
    files, _ = FIRES["PS201"]  # an account without owner: step 2, the audit
    root = make_plan(files)
    assert run_cli("build", cwd=root).exit_code == 0
    page = BeautifulSoup(
        (root / "site" / "health" / "index.html").read_text("utf-8"), "html.parser"
    )
    items = page.select("ul.ps-findings li")
    assert len(items) == 1
    (item,) = items
    assert item.code is not None and item.code.get_text() == "PS201"
    assert "has no owner" in item.get_text()
    assert item.em is not None and item.em.get_text()  # the hint
    where = item.select_one(".ps-where")
    assert where is not None and where.get_text().startswith("plan/audit.yml:")
    heading = item.find_previous("h2")
    assert heading is not None and "2" in heading.get_text()


def test_thousands_of_findings_stay_out_of_markdown(make_plan: PlanFactory) -> None:
    """An overfull calendar raises a finding per post: the list is HTML, not Markdown."""
    posts = "".join(
        f"  - {{id: p{i}, date: 2027-01-05, time: '10:00', channel: instagram, "
        f"type: tips, title: 'Post <{i}>'}}\n"
        for i in range(400)
    )
    root = make_plan({"plan/calendar/q1.yml": "posts:\n" + posts})
    assert run_cli("build", cwd=root).exit_code == 0
    health = root / "site" / "health"
    page = BeautifulSoup((health / "index.html").read_text("utf-8"), "html.parser")
    spacing = [li for li in page.select("ul.ps-findings li") if "PS502" in li.get_text()]
    assert len(spacing) == 10  # the first of the rule's; its own page lists them all
    more = page.select_one(".ps-findings-more a")
    assert more is not None and more["href"] == "../health/step-5-ps502/"
    rule_page = BeautifulSoup(
        (health / "step-5-ps502" / "index.html").read_text("utf-8"), "html.parser"
    )
    spacing = rule_page.select("ul.ps-findings li")
    assert len(spacing) == 399
    for listed in (page, rule_page):
        assert all(li.find("p") is None for li in spacing)  # no Markdown paragraphs inside
        assert "plansite-fragment" not in str(listed)  # the kept-out list was put back
