"""The forms a marketer writes: names for lists of {name, ...}, empty values for what
is not known yet, true or false for a profile element, French day names, network
aliases, and the hints that show the list syntax."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from generator.load.marked_yaml import parse_yaml
from generator.load.scalars import ValueProblem, parse_best_time
from generator.load.validation import schema_texts, validate_doc
from generator.model import entities as m
from generator.model.audit import profile_from_data
from generator.model.markdown_entities import networks_of_persona
from tests.broken_cases import AUDIT, CHANNEL, GOAL, PLAN, edit, minimal
from tests.conftest import MINIMAL_FILES, run_cli, write_plan

MEASUREMENT = "plan/measurement.yml"
INSPIRATION = "plan/inspiration.yml"
PERSONA = "plan/personas/claire.md"

# A newcomer's plan: every short form at once, which must check with no error.
NEWCOMER_FILES = {
    PLAN: """\
        ---
        title: Our first plan
        organization: Café Lumière
        period: {start: 2027-01-01, end: 2027-06-30}
        team: [Camille, Sam]
        review: {cadence: monthly, last: }
        voice: {tone: warm, style: ""}
        ---
        """,
    AUDIT: """\
        accounts:
          - id: insta
            network: instagram
            handle: "@cafe"
            owner: ""
            purpose:
            last_post:
            profile: {bio: true, avatar: true, cover: true, link: false, keywords: [coffee],
                      cross_promotion: true}
        competitors:
          - Le Petit Torréfacteur
          - name: Café du Coin
            accounts: [instagram, tiktok]
        """,
    MEASUREMENT: """\
        tools: [Google Analytics 4, Metricool]
        experiments:
          - name: Reels against photos
            channel: instagram
            start: 2027-02-01
            end:
            result:
        surveys:
          - Which coffee would you like us to roast next?
        """,
    INSPIRATION: """\
        sources: [Barista Hustle, {name: Sprudge, url: ""}]
        """,
    CHANNEL: """\
        ---
        network: instagram
        account: insta
        mission: Show the café to people who love coffee.
        goals: [followers]
        cadence: {posts_per_week: 1, best_times: ["mar 11:00", "Jeudi 19:00", "sam. 10:30"]}
        ---
        """,
    PERSONA: """\
        ---
        name: Claire
        summary:
        networks: [instagram, tiktok]
        channels: [instagram]
        ---
        """,
    GOAL: """\
        ---
        title: Grow the Instagram audience
        metric: {name: Followers, kind: followers, baseline: 100, target: 200, unit: ""}
        start: 2027-01-01
        deadline: 2027-06-30
        owner:
        objective: ""
        channels: [instagram]
        personas: [claire]
        progress:
          - {date: 2027-02-01, value: 130, note: }
        ---
        """,
}


def check(root: Path) -> tuple[int, list[str]]:
    result = run_cli("check", cwd=root)
    return result.exit_code, result.stderr.splitlines()


def french(files: dict[str, str | None]) -> dict[str, str | None]:
    config = MINIMAL_FILES["site_config.yml"].replace("language: en", "language: fr")
    return {**files, "site_config.yml": config}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_newcomer_plan_in_every_short_form_checks_with_no_error(
    tmp_path: Path, language: str
) -> None:
    files = french(NEWCOMER_FILES) if language == "fr" else NEWCOMER_FILES
    exit_code, lines = check(write_plan(tmp_path, files))
    assert exit_code == 0, lines
    assert lines[-1].startswith("0 errors"), lines
    # What is left empty is not known yet, as the plan checks then say: no owner
    # (PS201, PS102), and `link: false` is a profile element missing (PS206).
    codes = {line.rsplit("[", 1)[-1] for line in lines if ": warning:" in line}
    assert codes == {"PS201]", "PS102]", "PS206]"}


def test_the_short_forms_become_the_full_forms_in_the_site(tmp_path: Path) -> None:
    root = write_plan(tmp_path, NEWCOMER_FILES)
    assert run_cli("build", cwd=root).exit_code == 0
    measurement = (root / "site" / "measurement" / "index.html").read_text("utf-8")
    for name in ("Google Analytics 4", "Metricool", "Which coffee would you like us to roast"):
        assert name in measurement
    audit = (root / "site" / "audit" / "index.html").read_text("utf-8")
    assert "Café du Coin" in audit
    assert "5/6" in audit  # bio: true counts, link: false is missing


def schema_validator(kind: str) -> jsonschema.protocols.Validator:
    """The schema as `plansite schema` writes it for editors, with no format checks
    (editors read formats as annotations)."""
    schemas = {name: json.loads(text) for name, text in schema_texts().items()}
    registry: Registry[object] = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    return jsonschema.Draft202012Validator(schemas[f"{kind}.schema.json"], registry=registry)


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("plan", PLAN),
        ("audit", AUDIT),
        ("measurement", MEASUREMENT),
        ("inspiration", INSPIRATION),
        ("channel", CHANNEL),
        ("persona", PERSONA),
        ("goal", GOAL),
    ],
)
def test_the_schemas_editors_use_accept_the_short_forms(kind: str, path: str) -> None:
    text = textwrap.dedent(NEWCOMER_FILES[path])
    if text.startswith("---"):
        text = text.split("---\n")[1]
    doc = parse_yaml(text, Path(path))
    assert list(schema_validator(kind).iter_errors(doc.data)) == []
    assert validate_doc(kind, doc) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tue 12:30", (1, "12:30")),
        ("mar 11:00", (1, "11:00")),
        ("Mar. 11:00", (1, "11:00")),
        ("MARDI 11:00", (1, "11:00")),
        ("jeu 19:00", (3, "19:00")),
        ("Jeudi 19:00", (3, "19:00")),
        ("mer 9:05", (2, "09:05")),
        ("mércredi 9:05", (2, "09:05")),
        ("dim 18:00", (6, "18:00")),
        ("Sunday 18:00", (6, "18:00")),
        ("lun 08:00", (0, "08:00")),
    ],
)
def test_best_times_take_english_and_french_day_names(text: str, expected: tuple[int, str]) -> None:
    day, at = parse_best_time(text)
    assert (day, at.strftime("%H:%M")) == expected


@pytest.mark.parametrize("text", ["tue", "12:30 tue", "marz 11:00", "tue 25:00", "tue 12:30\n"])
def test_a_best_time_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValueProblem, match=r"is not a (day and a time|real time)"):
        parse_best_time(text)


def test_a_french_best_time_in_a_plan_of_either_language_checks(tmp_path: Path) -> None:
    files = edit(CHANNEL, "goals:", 'cadence: {best_times: ["mer 12:30", "vendredi 9:00"]}\ngoals:')
    assert check(write_plan(tmp_path / "en", files))[0] == 0
    assert check(write_plan(tmp_path / "fr", french(files)))[0] == 0


def test_a_bad_best_time_says_both_languages(tmp_path: Path) -> None:
    files = edit(CHANNEL, "goals:", 'cadence: {best_times: ["someday 12:30"]}\ngoals:')
    _, lines = check(write_plan(tmp_path, files))
    assert lines[0] == (
        "plan/channels/instagram.md:5:24: error: 'best_times': 'someday 12:30' is not a day and "
        "a time (write a day and a time such as 'tue 12:30', or in French 'mar 12:30')"
    )


@pytest.mark.parametrize(
    ("data", "missing"),
    [
        ({"bio": True, "link": True}, ("avatar", "cover", "keywords", "cross_promotion")),
        (
            {"bio": False, "link": "https://a.example/"},
            ("bio", "avatar", "cover", "keywords", "cross_promotion"),
        ),
        (
            {"bio": "Lamps.", "link": False, "avatar": True},
            ("cover", "link", "keywords", "cross_promotion"),
        ),
        ({"bio": "", "link": None}, m.PROFILE_ELEMENTS),
    ],
)
def test_true_or_false_says_a_profile_element_is_there_or_missing(
    data: dict[str, object], missing: tuple[str, ...]
) -> None:
    profile = profile_from_data(data)
    assert profile.missing() == missing
    assert profile.element_count() == 6
    assert not isinstance(profile.link, bool) and not isinstance(profile.bio, bool)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {MEASUREMENT: "tools: [GA4, 42]\n"},
            "plan/measurement.yml:1:14: error: 'tools' must be a name, or a mapping of fields "
            "({name, purpose, url}), not the number 42",
        ),
        (
            {MEASUREMENT: "surveys: [{audience: clients}]\n"},
            "plan/measurement.yml:1:11: error: missing required field 'name' (add 'name:' here)",
        ),
        (
            {MEASUREMENT: "tools: [{name: GA4, url: www.ga.example}]\n"},
            "plan/measurement.yml:1:21: error: 'url': 'www.ga.example' is not an http(s) or "
            "mailto: address (links start with https://, http:// or mailto:)",
        ),
        (
            {AUDIT: minimal(AUDIT) + "competitors:\n  - {name: Rival, accounts: [myspace]}\n"},
            "plan/audit.yml:14:30: error: 'accounts' cannot be 'myspace': expected one of "
            "facebook, instagram, linkedin, x, tiktok, youtube, snapchat, pinterest, threads, "
            "bluesky, mastodon, other",
        ),
    ],
)
def test_a_short_form_that_is_wrong_is_still_reported_exactly(
    tmp_path: Path, files: dict[str, str | None], expected: str
) -> None:
    exit_code, lines = check(write_plan(tmp_path, files))
    assert exit_code == 1
    assert lines[:-1] == [expected]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            edit(PLAN, "organization: Example Ltd", "organization:"),
            "plan/plan.md:3:1: error: 'organization' must be text, not empty "
            "(this field is required: fill it in)",
        ),
        (
            edit(AUDIT, 'handle: "@example"', 'handle: ""'),
            "plan/audit.yml:4:5: error: 'handle' must not be empty "
            "(this field is required: fill it in)",
        ),
        (
            {MEASUREMENT: "tools:\n  - name:\n"},
            "plan/measurement.yml:2:5: error: 'name' must be text, not empty "
            "(this field is required: fill it in)",
        ),
        (
            {INSPIRATION: "listening:\n  - lamps\n  -\n"},
            "plan/inspiration.yml:3:4: error: 'listening' must be text, not empty "
            "(write the item, or remove its line)",
        ),
    ],
)
def test_a_required_field_left_empty_stays_an_error_with_a_hint(
    tmp_path: Path, files: dict[str, str | None], expected: str
) -> None:
    exit_code, lines = check(write_plan(tmp_path, files))
    assert exit_code == 1
    assert lines[:-1] == [expected]


@pytest.mark.parametrize(
    "optional",
    [
        "owner:",
        'owner: ""',
        "purpose:",
        "url:",
        "url: ''",
        "last_post:",
        "notes:",
        "owner:   # who? we will see",
    ],
)
def test_an_optional_field_left_empty_is_left_out(tmp_path: Path, optional: str) -> None:
    files = edit(AUDIT, "owner: Sam", optional)
    exit_code, lines = check(write_plan(tmp_path, files))
    assert exit_code == 0, lines


def test_a_hashtag_read_as_a_comment_is_still_an_error(tmp_path: Path) -> None:
    files = edit(AUDIT, "owner: Sam", "owner: #team")
    _, lines = check(write_plan(tmp_path, files))
    assert lines[0] == (
        "plan/audit.yml:5:5: error: 'owner' is empty: YAML read the text after '#' as a comment "
        "(put text that starts with '#' in quotes)"
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("twitter", "x"),
        ("Twitter", "x"),
        ("X.com", "x"),
        ("fb", "facebook"),
        ("ig", "instagram"),
        ("insta", "instagram"),
        ("yt", "youtube"),
        ("Linked In", "linkedin"),
        ("linked-in", "linkedin"),
        ("Tik Tok", "tiktok"),
        ("tik_tok", "tiktok"),
        ("bsky", "bluesky"),
        ("instagarm", "instagram"),  # a typo still gets the closest name
    ],
)
def test_a_network_alias_gets_a_did_you_mean(tmp_path: Path, written: str, meant: str) -> None:
    files = edit(CHANNEL, "network: instagram", f"network: {written}")
    _, lines = check(write_plan(tmp_path, files))
    assert lines[0].startswith(
        f"plan/channels/instagram.md:2:1: error: 'network' cannot be '{written}'"
    )
    assert lines[0].endswith(f"(did you mean '{meant}'?)")


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            edit(GOAL, "channels: [instagram]", "channels: instagram"),
            "plan/goals/followers.md:7:1: error: 'channels' must be a list, not the text "
            "'instagram' (write a list: 'channels: [instagram]', or one item a line: "
            "'channels:' then '  - instagram')",
        ),
        (
            edit(GOAL, "channels: [instagram]", "channels: instagram, facebook"),
            "plan/goals/followers.md:7:1: error: 'channels' must be a list, not the text "
            "'instagram, facebook' (write a list: 'channels: [instagram, facebook]', or one item "
            "a line: 'channels:' then '  - instagram')",
        ),
        (
            {INSPIRATION: "listening: lamps\n"},
            "plan/inspiration.yml:1:1: error: 'listening' must be a list, not the text 'lamps' "
            "(write a list: 'listening: [lamps]', or one item a line: 'listening:' then "
            "'  - lamps')",
        ),
        (
            {MEASUREMENT: "tools: Metricool\n"},
            "plan/measurement.yml:1:1: error: 'tools' must be a list, not the text 'Metricool' "
            "(write a list: 'tools: [Metricool]', or one item a line: 'tools:' then "
            "'  - Metricool')",
        ),
    ],
)
def test_a_text_where_a_list_belongs_shows_the_list_syntax(
    tmp_path: Path, files: dict[str, str | None], expected: str
) -> None:
    _, lines = check(write_plan(tmp_path, files))
    assert lines[0] == expected


def test_persona_networks_and_channels(tmp_path: Path) -> None:
    """`networks` names networks, `channels` channel ids (their networks count); a
    network name left in `channels` is the old meaning, kept with a warning."""
    files = {
        PERSONA: "---\nname: Claire\nnetworks: [tiktok]\nchannels: [instagram, pinterest]\n---\n",
        CHANNEL: minimal(CHANNEL).replace("goals:", "personas: [claire]\ngoals:"),
    }
    root = write_plan(tmp_path, files)
    exit_code, lines = check(root)
    assert exit_code == 0
    assert lines[:-1] == [
        "plan/personas/claire.md:4:23: warning: 'pinterest' is a network, not a channel id: "
        "a persona's 'channels' lists channels, its 'networks' the networks where the audience "
        "is (move it to 'networks: [pinterest]')"
    ]
    data = {"networks": ["tiktok"], "channels": ["instagram", "pinterest", "ghost"]}
    networks = networks_of_persona(data, {"instagram": "instagram"})
    assert networks == ("tiktok", "instagram", "pinterest")
    assert networks_of_persona({"channels": ["shop"]}, {"shop": "facebook"}) == ("facebook",)


def test_a_persona_channel_that_is_neither_is_an_unknown_channel(tmp_path: Path) -> None:
    files = {PERSONA: "---\nname: Claire\nchannels: [instagramm]\n---\n"}
    _, lines = check(write_plan(tmp_path, files))
    assert lines[:-1] == [
        "plan/personas/claire.md:3:12: error: unknown channel 'instagramm' "
        "(did you mean 'instagram'? or create plan/channels/instagramm.md)"
    ]
