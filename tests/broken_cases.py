"""A corpus of broken plans, one defect each, and the one error line each must give.

Every case starts from the minimal plan of `tests/conftest.py` (`MINIMAL_FILES`,
which has no finding) and changes a few files: a text replaces the file (it is
dedented, like every text `write_plan` writes), bytes are written as they are
(for encodings), None removes the file. `expected` is the exact line a user
must read: the file, the line and column of the bad value, what is wrong and,
where one helps, how to fix it.

A case with `xfail` set is one where plansite does not say that yet: `expected`
is what it should say, and `xfail` says what it says instead. The test marks
those cases strict xfail, so the day plansite is fixed the test says so.

Line numbers below count from the minimal files, dedented:

    plan/calendar/q1.yml        plan/audit.yml               plan/goals/followers.md
    1 posts:                    1 accounts:                  1 ---
    2   - id: hello             2   - id: insta              2 title: Grow the Instagram...
    3     date: 2027-01-05      3     network: instagram     3 metric: {name: Followers, ...}
    4     time: 10:00           4     handle: "@example"     4 start: 2027-01-01
    5     channel: instagram    5     owner: Sam             5 deadline: 2027-06-30
    6     type: tips            6     profile:               6 owner: Sam
    7     title: Hello          7-12    bio, avatar...       7 channels: [instagram]
    8     link: https://...                                  8 progress:
                                                             9   - {date: 2027-02-01, ...}
                                                            10 ---
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from tests.conftest import MINIMAL_FILES
from tests.media_samples import image

Files = dict[str, str | bytes | None]

CALENDAR = "plan/calendar/q1.yml"
AUDIT = "plan/audit.yml"
GOAL = "plan/goals/followers.md"
CHANNEL = "plan/channels/instagram.md"
PLAN = "plan/plan.md"
CONFIG = "site_config.yml"
SUMMARY = "1 error, 0 warnings; nothing was written."


@dataclass(frozen=True)
class Case:
    name: str
    files: Files
    expected: str
    # Why plansite's current output falls short of `expected`; empty when it does not.
    xfail: str = ""


def minimal(path: str) -> str:
    """The text of a minimal-plan file as it lands on disk."""
    return textwrap.dedent(MINIMAL_FILES[path])


def edit(path: str, old: str = "", new: str = "", *, add: str = "") -> Files:
    """The minimal file at `path` with `old` replaced by `new` and `add` appended."""
    text = minimal(path)
    if old:
        assert text.count(old) == 1, f"{old!r} must occur once in {path}"
        text = text.replace(old, new)
    return {path: text + add}


def encoded(files: Files, prefix: bytes = b"", encoding: str = "utf-8") -> Files:
    """The same files as bytes in `encoding`, after `prefix` (a BOM)."""
    return {
        path: prefix + text.encode(encoding) if isinstance(text, str) else text
        for path, text in files.items()
    }


def _alias_bomb() -> str:
    """'Billion laughs': nine levels of nine aliases, 9**9 values from 10 short lines."""
    lines = ["lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for previous, level in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join([*lines, "listening: *i", ""])


NO_PLAN_FOLDER: Files = {path: None for path in MINIMAL_FILES if path.startswith("plan/")}
# A second calendar file whose post takes the id of the minimal plan's post.
ONE_MORE_POST = (
    "posts:\n  - id: hello\n    date: 2027-04-01\n    channel: instagram\n    title: Again\n"
)

CASES: list[Case] = [
    # -- YAML syntax ------------------------------------------------------
    Case(
        "tab-in-indentation",
        edit(CALENDAR, add="\tcopy: Hi\n"),
        "plan/calendar/q1.yml:9:1: error: invalid YAML: found a tab character that violates "
        "indentation (indent with spaces, YAML does not allow tabs)",
    ),
    Case(
        "tab-in-front-matter",
        edit(GOAL, "deadline:", "\tdeadline:"),
        "plan/goals/followers.md:5:1: error: invalid YAML: found a tab character that violates "
        "indentation (indent with spaces, YAML does not allow tabs)",
    ),
    Case(
        "unclosed-quote",
        edit(CALENDAR, "channel: instagram", 'channel: "instagram'),
        "plan/calendar/q1.yml:5:14: error: invalid YAML: found unexpected end of stream "
        "(a quote is opened and never closed)",
    ),
    Case(
        "over-indented-key",
        edit(AUDIT, "    handle:", "      handle:"),
        "plan/audit.yml:4:13: error: invalid YAML: mapping values are not allowed in this "
        "context (quote text that contains ': ', or check the indentation of this line)",
    ),
    Case(
        "under-indented-key",
        edit(AUDIT, "    handle:", "   handle:"),
        "plan/audit.yml:4:4: error: invalid YAML: did not find expected '-' indicator "
        "(check the indentation: items of one list or mapping line up)",
    ),
    Case(
        "unclosed-bracket",
        edit(GOAL, "channels: [instagram]", "channels: [instagram"),
        "plan/goals/followers.md:7:11: error: invalid YAML: did not find expected ',' or ']' "
        "(a '[' is opened and never closed)",
    ),
    Case(
        "duplicate-key",
        edit(AUDIT, add="    owner: Alex\n"),
        "plan/audit.yml:13:5: error: duplicate key 'owner' "
        "(it was already set on line 5; keep one of them)",
    ),
    Case(
        "duplicate-key-in-front-matter",
        edit(CHANNEL, "goals:", "network: x\ngoals:"),
        "plan/channels/instagram.md:5:1: error: duplicate key 'network' "
        "(it was already set on line 2; keep one of them)",
    ),
    # Beyond the brief: slips a plan author makes that PyYAML words for programmers.
    Case(
        "second-yaml-document",
        edit(AUDIT, add="---\naccounts: []\n"),
        "plan/audit.yml:13:1: error: invalid YAML: a second YAML document starts here "
        "(a plan file holds one document: remove the '---' line)",
    ),
    Case(
        "handle-starting-with-at-sign",
        edit(AUDIT, 'handle: "@example"', "handle: @example"),
        "plan/audit.yml:4:13: error: invalid YAML: found character that cannot start any token "
        "(put text that starts with '@' in quotes)",
    ),
    Case(
        "hashtag-read-as-a-comment",
        edit(CALENDAR, add="    copy: #lamps #lyon\n"),
        "plan/calendar/q1.yml:9:5: error: 'copy' is empty: YAML read the text after '#' as a "
        "comment (put text that starts with '#' in quotes)",
    ),
    Case(
        "control-character",
        edit(AUDIT, "owner: Sam", "owner: Sa\x07m"),
        "plan/audit.yml:5:14: error: control character #x0007 is not allowed "
        "(delete it: most editors do not show it)",
    ),
    Case(
        "merge-key",
        {AUDIT: "base: &base {network: instagram}\naccounts:\n  - <<: *base\n    id: insta\n"},
        "plan/audit.yml:3:5: error: merge keys (<<) are not supported",
    ),
    # -- files that cannot be read as plan files ---------------------------
    # A file that cannot be used must not also make every id it defines "unknown":
    # hence the pairs below, one file nothing refers to and one that others do.
    Case(
        "empty-optional-file",
        {"plan/measurement.yml": ""},
        "plan/measurement.yml:1:1: error: file is empty (fill in its fields)",
    ),
    Case(
        "empty-file-others-refer-to",
        {"plan/content.yml": ""},
        "plan/content.yml:1:1: error: file is empty (fill in its fields)",
    ),
    Case(
        "empty-front-matter",
        {GOAL: "---\n---\nWhy this goal matters.\n"},
        "plan/goals/followers.md:2:1: error: file is empty (fill in its fields)",
    ),
    Case(
        "latin-1-bytes",
        encoded(edit(GOAL, "Grow the", "Grow the café and the"), encoding="latin-1"),
        "plan/goals/followers.md:2:20: error: file is not valid UTF-8 "
        "(save it with the UTF-8 encoding)",
    ),
    Case(
        "utf-8-bom",
        encoded(edit(AUDIT), prefix=b"\xef\xbb\xbf"),
        "plan/audit.yml:1:1: error: file starts with a byte-order mark (BOM) "
        "(save it as UTF-8 without BOM)",
    ),
    Case(
        "utf-8-bom-in-config",
        encoded(edit(CONFIG), prefix=b"\xef\xbb\xbf"),
        "site_config.yml:1:1: error: file starts with a byte-order mark (BOM) "
        "(save it as UTF-8 without BOM)",
    ),
    Case(
        "unclosed-front-matter",
        {GOAL: "---\ntitle: Grow\nowner: Sam\n\nWhy this goal matters.\n"},
        "plan/goals/followers.md:1:1: error: front matter is not closed "
        "(add a line '---' after the YAML fields)",
    ),
    Case(
        "missing-front-matter",
        {GOAL: "title: Grow\nowner: Sam\n"},
        "plan/goals/followers.md:1:1: error: missing front matter "
        "(a Markdown entity starts with a line '---', its YAML fields, then another '---')",
    ),
    # -- a list where a mapping is expected ---------------------------------
    Case(
        "list-at-top-level-of-front-matter",
        {PLAN: "---\n- title: Test plan\n- organization: Example Ltd\n---\n"},
        "plan/plan.md:2:1: error: the file must be a mapping of fields, not a list "
        "(write 'field: value' lines at the top level)",
    ),
    Case(
        "list-at-top-level-of-a-file-others-refer-to",
        {AUDIT: "- id: insta\n  network: instagram\n  handle: '@example'\n"},
        "plan/audit.yml:1:1: error: the file must be a mapping of fields, not a list "
        "(write 'field: value' lines at the top level)",
    ),
    Case(
        "list-for-a-nested-mapping",
        edit(
            PLAN,
            "period: {start: 2027-01-01, end: 2027-06-30}",
            "period:\n  - start: 2027-01-01\n  - end: 2027-06-30",
        ),
        "plan/plan.md:4:1: error: 'period' must be a mapping of fields, not a list "
        "(remove the '-' or the brackets)",
    ),
    Case(
        "list-for-repeat",
        edit(CALENDAR, add="    repeat:\n      - every: week\n"),
        "plan/calendar/q1.yml:9:5: error: 'repeat' must be a mapping of fields, not a list "
        "(remove the '-' or the brackets)",
    ),
    # -- wrong types --------------------------------------------------------
    Case(
        "text-for-a-number",
        edit(AUDIT, add="    followers: lots\n"),
        "plan/audit.yml:13:5: error: 'followers' must be a whole number, not the text 'lots'",
    ),
    Case(
        "quoted-number",
        edit(AUDIT, add="    followers: '8450'\n"),
        "plan/audit.yml:13:5: error: 'followers' must be a whole number, not the text '8450' "
        "(write it without quotes)",
    ),
    Case(
        "text-for-a-percent",
        {"plan/content.yml": "types:\n  - {id: tips, name: Tips, share: fifty}\n"},
        "plan/content.yml:2:28: error: 'share' must be a number, not the text 'fifty'",
    ),
    Case(
        "number-for-text",
        edit(CALENDAR, "title: Hello", "title: 2027"),
        "plan/calendar/q1.yml:7:5: error: 'title' must be text, not the number 2027 "
        "(put it in quotes to make it text)",
    ),
    Case(
        "mapping-for-a-list",
        edit(GOAL, "channels: [instagram]", "channels:\n  instagram: true"),
        "plan/goals/followers.md:7:1: error: 'channels' must be a list, not a mapping "
        "(this value is indented as a mapping; check the indentation)",
    ),
    Case(
        "list-for-text",
        edit(AUDIT, "owner: Sam", "owner: [Sam, Alex]"),
        "plan/audit.yml:5:5: error: 'owner' must be text, not a list "
        "(remove the '-' or the brackets)",
    ),
    Case(
        "bool-for-a-date",
        edit(GOAL, "deadline: 2027-06-30", "deadline: true"),
        "plan/goals/followers.md:5:1: error: 'deadline' must be a date written YYYY-MM-DD, "
        "not the boolean true",
    ),
    Case(
        "text-for-a-bool",
        edit(AUDIT, add="    official: yes\n"),
        "plan/audit.yml:13:5: error: 'official' must be true or false, not the text 'yes'",
    ),
    # The hint "put it in quotes" is right for text only, not for a date or a count.
    Case(
        "number-for-a-date",
        edit(CALENDAR, "date: 2027-01-05", "date: 20270105"),
        "plan/calendar/q1.yml:3:5: error: 'date' must be a date written YYYY-MM-DD, "
        "not the number 20270105",
    ),
    Case(
        "fraction-for-a-whole-number",
        edit(CALENDAR, add="    repeat: {every: week, count: 2.5}\n"),
        "plan/calendar/q1.yml:9:27: error: 'count' must be a whole number, not the number 2.5",
    ),
    Case(
        "text-for-a-whole-number",
        edit(CALENDAR, add="    repeat: {every: week, interval: two}\n"),
        "plan/calendar/q1.yml:9:27: error: 'interval' must be a whole number, not the text 'two'",
    ),
    Case(
        "number-for-an-id",
        edit(CALENDAR, "channel: instagram", "channel: 42"),
        "plan/calendar/q1.yml:5:5: error: 'channel' must be a channel id or a list of channel ids",
    ),
    Case(
        "empty-required-text",
        edit(CALENDAR, "title: Hello", "title:"),
        "plan/calendar/q1.yml:7:5: error: 'title' must be text, not empty "
        "(this field is required: fill it in)",
    ),
    Case(
        "list-for-a-mapping-in-config",
        edit(CONFIG, add="theme: [dark]\n"),
        "site_config.yml:5:1: error: 'theme' must be a mapping of fields, not a list "
        "(remove the '-' or the brackets)",
    ),
    # -- values that do not exist ------------------------------------------
    Case(
        "impossible-date",
        edit(CALENDAR, "date: 2027-01-05", "date: 2027-02-30"),
        "plan/calendar/q1.yml:3:5: error: 'date': '2027-02-30' is not a real date: "
        "February 2027 has 28 days (check the day and month)",
    ),
    Case(
        "impossible-date-in-front-matter",
        edit(GOAL, "{date: 2027-02-01,", "{date: 2027-02-29,"),
        "plan/goals/followers.md:9:6: error: 'date': '2027-02-29' is not a real date: "
        "February 2027 has 28 days (check the day and month)",
    ),
    Case(
        "hour-25",
        edit(CALENDAR, "time: 10:00", "time: 25:00"),
        "plan/calendar/q1.yml:4:5: error: 'time': '25:00' is not a real time "
        "(hours go from 00 to 23, minutes to 59)",
    ),
    Case(
        "minute-75",
        edit(CALENDAR, "time: 10:00", "time: 10:75"),
        "plan/calendar/q1.yml:4:5: error: 'time': '10:75' is not a real time "
        "(hours go from 00 to 23, minutes to 59)",
    ),
    Case(
        "unknown-time-zone",
        edit(CALENDAR, add="    timezone: Europe/Pari\n"),
        "plan/calendar/q1.yml:9:5: error: 'timezone': unknown time zone 'Europe/Pari' "
        "(did you mean 'Europe/Paris'?)",
    ),
    Case(
        "unknown-time-zone-in-config",
        edit(CONFIG, "timezone: Europe/Paris", "timezone: Paris"),
        "site_config.yml:4:1: error: 'timezone': unknown time zone 'Paris' "
        "(use an IANA name like Europe/Paris)",
    ),
    Case(
        "daylight-saving-gap",
        edit(CALENDAR, "date: 2027-01-05\n    time: 10:00", "date: 2027-03-28\n    time: 02:30"),
        "plan/calendar/q1.yml:4:5: error: 02:30 does not exist on 2027-03-28 in Europe/Paris: "
        "clocks skip that hour (pick a time outside the daylight-saving change)",
    ),
    # -- repeats -------------------------------------------------------------
    Case(
        "repeat-with-until-and-count",
        edit(CALENDAR, add="    repeat: {every: week, until: 2027-03-01, count: 4}\n"),
        "plan/calendar/q1.yml:9:5: error: 'repeat' must be either 'until' or 'count', not both",
    ),
    Case(
        "repeat-every-unknown",
        edit(CALENDAR, add="    repeat: {every: fortnight}\n"),
        "plan/calendar/q1.yml:9:14: error: 'every' cannot be 'fortnight': "
        "expected one of day, week, month",
    ),
    Case(
        "weekly-repeat-starting-off-its-days",
        edit(CALENDAR, add="    repeat: {every: week, on: [wed, fri]}\n"),
        "plan/calendar/q1.yml:9:27: error: the post's date 2027-01-05 is a tue, "
        "not one of the repeat days (wed, fri) (start the post on its first repeat day)",
    ),
    Case(
        "repeat-ending-before-it-starts",
        edit(CALENDAR, add="    repeat: {every: week, until: 2027-01-01}\n"),
        "plan/calendar/q1.yml:9:27: error: the repeat ends (2027-01-01) before the first date "
        "(2027-01-05) (set 'until' after the post's date)",
    ),
    # -- references ----------------------------------------------------------
    Case(
        "unknown-channel",
        edit(CALENDAR, "channel: instagram", "channel: instagramm"),
        "plan/calendar/q1.yml:5:5: error: unknown channel 'instagramm' "
        "(did you mean 'instagram'? or create plan/channels/instagramm.md)",
    ),
    Case(
        "unknown-channel-in-a-list",
        edit(CALENDAR, "channel: instagram", "channel: [instagram, facebook]"),
        "plan/calendar/q1.yml:5:26: error: unknown channel 'facebook' "
        "(known: instagram; or create plan/channels/facebook.md)",
    ),
    Case(
        "unknown-channel-of-an-experiment",
        edit("plan/measurement.yml", add="experiments:\n  - name: Reels\n    channel: tiktok\n"),
        "plan/measurement.yml:5:5: error: unknown channel 'tiktok' "
        "(known: instagram; or create plan/channels/tiktok.md)",
    ),
    Case(
        "unknown-persona",
        edit(GOAL, "channels:", "personas: [claire]\nchannels:"),
        "plan/goals/followers.md:7:12: error: unknown persona 'claire' "
        "(no persona is defined: create plan/personas/claire.md)",
    ),
    Case(
        "unknown-persona-of-a-content-type",
        {"plan/content.yml": "types:\n  - {id: tips, name: Tips, audience: [makers]}\n"},
        "plan/content.yml:2:39: error: unknown persona 'makers' "
        "(no persona is defined: create plan/personas/makers.md)",
    ),
    Case(
        "unknown-goal",
        edit(CHANNEL, "goals: [followers]", "goals: [folowers]"),
        "plan/channels/instagram.md:5:9: error: unknown goal 'folowers' "
        "(did you mean 'followers'? or create plan/goals/folowers.md)",
    ),
    Case(
        "unknown-goal-of-a-campaign",
        edit(
            CALENDAR,
            add="campaigns:\n  - {id: spring, name: Spring, start: 2027-03-01, "
            "end: 2027-03-31, goals: [sales]}\n",
        ),
        "plan/calendar/q1.yml:10:76: error: unknown goal 'sales' "
        "(did you mean 'leads'? or create plan/goals/sales.md)",
    ),
    Case(
        "unknown-content-type",
        edit(CALENDAR, "type: tips", "type: tip"),
        "plan/calendar/q1.yml:6:5: error: unknown content type 'tip' (did you mean 'tips'?)",
    ),
    Case(
        "unknown-content-type-in-a-channel-mix",
        edit(CHANNEL, "goals:", "mix: {tips: 80, promo: 20}\ngoals:"),
        "plan/channels/instagram.md:5:17: error: unknown content type 'promo' (known: tips)",
    ),
    Case(
        "unknown-campaign",
        edit(CALENDAR, add="    campaign: spring\n"),
        "plan/calendar/q1.yml:9:5: error: unknown campaign 'spring' (no campaign is defined)",
    ),
    Case(
        "unknown-account",
        edit(CHANNEL, "account: insta", "account: instagram"),
        "plan/channels/instagram.md:3:1: error: unknown account 'instagram' "
        "(did you mean 'insta'?)",
    ),
    # -- duplicate ids -------------------------------------------------------
    Case(
        "duplicate-post-id-across-files",
        {"plan/calendar/q2.yml": ONE_MORE_POST},
        "plan/calendar/q2.yml:2:5: error: duplicate post id 'hello' "
        "(already used at plan/calendar/q1.yml:2:5; give one of them another id)",
    ),
    Case(
        "duplicate-post-id-in-a-yaml-file",
        {"plan/calendar/q2.yaml": ONE_MORE_POST},
        "plan/calendar/q2.yaml:2:5: error: duplicate post id 'hello' "
        "(already used at plan/calendar/q1.yml:2:5; give one of them another id)",
    ),
    Case(
        "duplicate-campaign-id-across-files",
        {
            "plan/calendar/a.yml": "campaigns:\n"
            "  - {id: spring, name: Spring, start: 2027-03-01, end: 2027-03-31}\n",
            "plan/calendar/b.yml": "campaigns:\n"
            "  - {id: spring, name: Spring again, start: 2027-04-01, end: 2027-04-30}\n",
        },
        "plan/calendar/b.yml:2:6: error: duplicate campaign id 'spring' "
        "(already used at plan/calendar/a.yml:2:6; give one of them another id)",
    ),
    Case(
        "duplicate-account-id",
        edit(AUDIT, add="  - id: insta\n    network: facebook\n    handle: Example\n"),
        "plan/audit.yml:13:5: error: duplicate account id 'insta' "
        "(already used at plan/audit.yml:2:5; give one of them another id)",
    ),
    Case(
        "duplicate-content-type-id",
        {
            "plan/content.yml": "types:\n  - {id: tips, name: Tips, share: 50}\n"
            "  - {id: tips, name: More tips, share: 50}\n"
        },
        "plan/content.yml:3:6: error: duplicate content type id 'tips' "
        "(already used at plan/content.yml:2:6; give one of them another id)",
    ),
    # -- ids that are not slugs ------------------------------------------------
    Case(
        "id-with-a-path",
        edit(CALENDAR, "id: hello", "id: ../x"),
        "plan/calendar/q1.yml:2:5: error: 'id' must be an id made of lower-case letters, "
        "digits and dashes (like 'spring-sale')",
    ),
    Case(
        "id-with-capitals-and-a-space",
        edit(AUDIT, add="  - id: A B\n    network: facebook\n    handle: Example\n"),
        "plan/audit.yml:13:5: error: 'id' must be an id made of lower-case letters, "
        "digits and dashes (like 'spring-sale')",
    ),
    Case(
        "empty-id",
        edit(CALENDAR, "id: hello", 'id: ""'),
        "plan/calendar/q1.yml:2:5: error: 'id' must be an id made of lower-case letters, "
        "digits and dashes (like 'spring-sale')",
    ),
    Case(
        "file-name-with-a-space",
        {"plan/personas/Jane Doe.md": "---\nname: Jane\n---\n"},
        "plan/personas/Jane Doe.md: error: file name 'Jane Doe.md' is not a valid persona id "
        "(rename it to 'jane-doe.md': lower-case letters, digits and dashes)",
    ),
    # -- missing files and folders ----------------------------------------------
    Case(
        "missing-plan-md",
        {PLAN: None},
        "plan/plan.md: error: required file is missing "
        "(every plan has one; `plansite init` writes an example to copy from)",
    ),
    Case(
        "missing-audit",
        {AUDIT: None},
        "plan/audit.yml: error: required file is missing "
        "(every plan has one; `plansite init` writes an example to copy from)",
    ),
    Case(
        "missing-plan-folder",
        NO_PLAN_FOLDER,
        "plan: error: plan folder not found (pass the folder with --plan, or run plansite init)",
    ),
    Case(
        "missing-site-config",
        {CONFIG: None},
        "site_config.yml: error: site configuration not found "
        "(pass it with --config, or create site_config.yml with at least 'site_name:')",
    ),
    # Unknown fields are errors so that a typo never goes unnoticed; a folder too.
    Case(
        "misspelled-calendar-folder",
        {"plan/calender/q2.yml": ONE_MORE_POST.replace("hello", "later")},
        "plan/calender: error: unknown folder 'calender' (did you mean 'calendar'?)",
    ),
    # -- fields and choices ------------------------------------------------------
    Case(
        "unknown-field",
        edit(CALENDAR, add="    titel: Hi\n"),
        "plan/calendar/q1.yml:9:5: error: unknown field 'titel' (did you mean 'title'?)",
    ),
    Case(
        "unknown-field-in-config",
        edit(CONFIG, add="timezon: UTC\n"),
        "site_config.yml:5:1: error: unknown field 'timezon' (did you mean 'timezone'?)",
    ),
    Case(
        "missing-required-field",
        edit(CALENDAR, "    title: Hello\n", ""),
        "plan/calendar/q1.yml:2:5: error: missing required field 'title' (add 'title:' here)",
    ),
    Case(
        "unknown-status",
        edit(CALENDAR, add="    status: sheduled\n"),
        "plan/calendar/q1.yml:9:5: error: 'status' cannot be 'sheduled': expected one of "
        "idea, draft, scheduled, published, cancelled (did you mean 'scheduled'?)",
    ),
    Case(
        "unknown-network",
        edit(CHANNEL, "network: instagram", "network: insta"),
        "plan/channels/instagram.md:2:1: error: 'network' cannot be 'insta': expected one of "
        "facebook, instagram, linkedin, x, tiktok, youtube, snapchat, pinterest, threads, "
        "bluesky, mastodon, other (did you mean 'instagram'?)",
    ),
    Case(
        "unknown-language-in-config",
        edit(CONFIG, "language: en", "language: de"),
        "site_config.yml:3:1: error: 'language' cannot be 'de': expected one of en, fr",
    ),
    Case(
        "unknown-check-in-config",
        edit(CONFIG, add="checks:\n  PS999: off\n"),
        "site_config.yml:6:3: error: unknown check 'PS999' (docs/checks.md lists every rule)",
    ),
    Case(
        "link-without-a-scheme",
        edit(AUDIT, add="    url: www.instagram.com/example\n"),
        "plan/audit.yml:13:5: error: 'url': 'www.instagram.com/example' is not an http(s) or "
        "mailto: address (links start with https://, http:// or mailto:)",
    ),
    Case(
        "link-with-an-unclosed-bracket",
        edit(AUDIT, add="    url: https://[instagram.com/example\n"),
        "plan/audit.yml:13:5: error: 'url': 'https://[instagram.com/example' is not a valid "
        "address (check the host name and the port)",
    ),
    Case(
        "link-with-a-port-out-of-range",
        edit(AUDIT, add="    url: https://instagram.com:99999/example\n"),
        "plan/audit.yml:13:5: error: 'url': 'https://instagram.com:99999/example' is not a "
        "valid address (check the host name and the port)",
    ),
    Case(
        "period-ending-before-it-starts",
        edit(PLAN, "end: 2027-06-30", "end: 2026-06-30"),
        "plan/plan.md:4:29: error: the plan period ends before it starts (swap 'start' and 'end')",
    ),
    # -- hostile documents ---------------------------------------------------------
    Case(
        "alias-bomb",
        {"plan/inspiration.yml": _alias_bomb()},
        "plan/inspiration.yml:1:50: error: document too large: more than 200000 values "
        "(anchors and aliases (&, *) can multiply a document; write the values out)",
    ),
    Case(
        "nested-200-levels",
        {"plan/inspiration.yml": "listening: " + "[" * 200 + "]" * 200 + "\n"},
        "plan/inspiration.yml:1:62: error: document nested more than 50 levels deep",
    ),
    Case(
        "python-object-tag",
        {"plan/inspiration.yml": "listening:\n  - !!python/object:os.system lamps\n"},
        "plan/inspiration.yml:2:5: error: unsupported YAML tag "
        "'tag:yaml.org,2002:python/object:os.system' (remove the tag)",
    ),
    # -- site_config.yml settings that would load code or files ------------------
    Case(
        "mkdocs-hooks-load-python",
        edit(CONFIG, add="mkdocs:\n  hooks: [evil.py]\n"),
        "site_config.yml:6:3: error: 'mkdocs.hooks' is not allowed: it loads Python code by path "
        "('mkdocs' may set copyright, extra, site_author, site_description; "
        "see docs/publishing.md)",
    ),
    Case(
        "theme-custom-dir-loads-templates",
        edit(CONFIG, add="theme:\n  custom_dir: overrides\n"),
        "site_config.yml:6:3: error: 'theme.custom_dir' is not allowed: it loads templates by "
        "path, and Jinja templates can run code ('theme' may set features, icon, palette; "
        "see docs/publishing.md)",
    ),
    Case(
        "social-link-to-a-script",
        edit(
            CONFIG,
            add="mkdocs:\n  extra:\n    social:\n"
            "      - {icon: material/web, link: 'javascript:alert(1)'}\n",
        ),
        "site_config.yml:8:30: error: 'mkdocs.extra.social[0].link': 'javascript:alert(1)' is "
        "not an http(s) or mailto: address (links start with https://, http:// or mailto:)",
    ),
    # -- values beyond their bounds, control characters ----------------------------
    # Each passed the check and then crashed the build, or reached the terminal raw.
    Case(
        "id-ending-in-a-newline",
        edit(CALENDAR, "id: hello", 'id: "hello\\n"'),
        "plan/calendar/q1.yml:2:5: error: 'id' must be an id made of lower-case letters, "
        "digits and dashes (like 'spring-sale')",
    ),
    Case(
        "date-near-the-year-9999",
        edit(CALENDAR, "date: 2027-01-05", "date: 9999-12-31"),
        "plan/calendar/q1.yml:3:5: error: 'date': '9999-12-31' is out of range "
        "(plan dates go from 2000-01-01 to 2099-12-31)",
    ),
    Case(
        "number-of-5000-digits",
        edit(AUDIT, add="    followers: " + "9" * 5000 + "\n"),
        "plan/audit.yml:13:16: error: number too long (5000 characters) "
        "(plan numbers have at most 16 digits)",
    ),
    Case(
        "infinite-file-size-limit",
        edit(CONFIG, add="max_file_mb: 1e999\n"),
        "site_config.yml:5:1: error: 'max_file_mb' must be at most 1024, not infinity "
        "(the limit is above 0 and at most 1024 megabytes)",
    ),
    Case(
        "target-beyond-number-formats",
        edit(GOAL, "target: 200", "target: 1e30"),
        "plan/goals/followers.md:3:59: error: 'target' must be at most 1000000000000000, "
        "not 1e+30 (numbers go from -10^15 to 10^15, beyond any figure a plan measures)",
    ),
    Case(
        "repeat-interval-beyond-rfc-5545-clients",
        edit(CALENDAR, add="    repeat: {every: day, interval: 100000000000}\n"),
        "plan/calendar/q1.yml:9:26: error: 'interval' must be at most 99, not 100000000000 "
        "(the interval goes from 1 to 99)",
    ),
    Case(
        "repeat-count-beyond-its-bound",
        edit(CALENDAR, add="    repeat: {every: day, count: 1000}\n"),
        "plan/calendar/q1.yml:9:26: error: 'count' must be at most 730, not 1000 "
        "(a repeat has 1 to 730 occurrences; use 'until' for a longer series)",
    ),
    Case(
        "duration-beyond-a-month",
        edit(CALENDAR, add="    duration: 1000h\n"),
        "plan/calendar/q1.yml:9:5: error: 'duration': '1000h' is too long "
        "(durations go up to 744h, 31 days)",
    ),
    Case(
        "time-zone-naming-a-folder",
        edit(CALENDAR, add="    timezone: Europe\n"),
        "plan/calendar/q1.yml:9:5: error: 'timezone': unknown time zone 'Europe' "
        "(did you mean 'Europe/Rome'?)",
    ),
    Case(
        "escape-sequence-in-double-quotes",
        edit(CALENDAR, "title: Hello", 'title: "\\e[2JHello"'),
        "plan/calendar/q1.yml:7:12: error: control character #x001b is not allowed "
        "(a backslash escape in this quoted text makes it: remove the escape)",
    ),
    Case(
        "escape-sequence-in-a-key",
        edit(CALENDAR, add='    "\\x1b[31mcopy": Hi\n'),
        "plan/calendar/q1.yml:9:5: error: control character #x001b is not allowed "
        "(a backslash escape in this quoted text makes it: remove the escape)",
    ),
    Case(
        "control-character-in-a-markdown-body",
        edit(GOAL, "Why this goal", "Why \x1b[2Jthis goal"),
        "plan/goals/followers.md:11:5: error: control character #x001b is not allowed "
        "(delete it: most editors do not show it)",
    ),
    Case(
        "bare-carriage-return",
        edit(AUDIT, "owner: Sam", "owner: Sa\rm"),
        "plan/audit.yml:5:14: error: control character #x000d is not allowed "
        "(a carriage return without a line feed: save the file with LF or CRLF line ends)",
    ),
    Case(
        "c1-control-in-config",
        edit(CONFIG, "site_name: Test plan", "site_name: Test\x9b2J plan"),
        "site_config.yml:1:16: error: control character #x009b is not allowed "
        "(delete it: most editors do not show it)",
    ),
    Case(
        "control-character-in-a-file-name",
        {"plan/calendar/q2\x1b[2J.yml": "posts: []\n"},
        "plan/calendar/q2\\x1b[2J.yml: error: file name holds control character #x001b "
        "(rename the file)",
    ),
    Case(
        "scheduled-post-without-a-date",
        edit(CALENDAR, "    date: 2027-01-05\n    time: 10:00\n", ""),
        "plan/calendar/q1.yml:2:5: error: missing required field 'date' (add 'date:', or make "
        "it an idea ('status: idea'): only an idea may wait without a date)",
    ),
    Case(
        "unknown-holiday-region",
        edit(CONFIG, add="calendar: {holidays: CA-QQ}\n"),
        "site_config.yml:5:12: error: no public holidays are known for the subdivision 'CA-QQ' "
        "(did you mean 'CA-QC'?)",
    ),
    Case(
        "key-date-ending-before-it-starts",
        {
            "plan/calendar/dates.yml": "key_dates:\n  - date: 2027-03-12\n    end: 2027-03-10\n"
            "    name: Fair\n"
        },
        "plan/calendar/dates.yml:3:5: error: the key date ends (2027-03-10) before it starts "
        "(2027-03-12) (swap 'date' and 'end')",
    ),
    Case(
        "channel-colour-not-hex",
        edit(CHANNEL, "goals: [followers]", "goals: [followers]\ncolor: blue"),
        "plan/channels/instagram.md:6:1: error: 'color' must be a colour written '#rrggbb', "
        "such as '#1e88e5'",
    ),
    # -- natural forms: what stays an error, and the hint that says how ---------------
    Case(
        "network-alias",
        edit(CHANNEL, "network: instagram", "network: twitter"),
        "plan/channels/instagram.md:2:1: error: 'network' cannot be 'twitter': expected one of "
        "facebook, instagram, linkedin, x, tiktok, youtube, snapchat, pinterest, threads, "
        "bluesky, mastodon, other (did you mean 'x'?)",
    ),
    Case(
        "text-for-a-list",
        edit(GOAL, "channels: [instagram]", "channels: instagram"),
        "plan/goals/followers.md:7:1: error: 'channels' must be a list, not the text 'instagram' "
        "(write a list: 'channels: [instagram]', or one item a line: 'channels:' then "
        "'  - instagram')",
    ),
    Case(
        "empty-required-field-of-a-short-form-list",
        {"plan/measurement.yml": "tools:\n  - name: ''\n"},
        "plan/measurement.yml:2:5: error: 'name' must not be empty "
        "(this field is required: fill it in)",
    ),
    Case(
        "unknown-channel-of-a-persona",
        {"plan/personas/claire.md": "---\nname: Claire\nchannels: [shop]\n---\n"},
        "plan/personas/claire.md:3:12: error: unknown channel 'shop' "
        "(known: instagram; or create plan/channels/shop.md)",
    ),
    Case(
        "edit-uri-out-of-the-repository",
        edit(CONFIG, add="edit_uri: ../elsewhere/\n"),
        "site_config.yml:5:1: error: 'edit_uri' must be a path in the repository ending with /, "
        "such as edit/main/ (GitHub) or -/edit/main/ (GitLab)",
    ),
    # -- media (plan/media/ and a post's media) ---------------------------
    Case(
        "media-file-missing",
        edit(CALENDAR, add="    media: [{file: media/vase.jpg, alt: A blue vase}]\n"),
        "plan/calendar/q1.yml:9:13: error: post 'hello' shows 'media/vase.jpg', which is not in "
        "the plan's media/ folder (put the file in the plan's media/ folder, or fix the path: it "
        "starts at the plan folder, such as media/lamp.jpg) [PS521]",
    ),
    Case(
        "media-path-from-the-repository",
        {
            **edit(CALENDAR, add="    media: [{file: plan/media/vase.jpg, alt: A blue vase}]\n"),
            "plan/media/vase.jpg": image(40, 50, "JPEG"),
        },
        "plan/calendar/q1.yml:9:13: error: post 'hello' names 'plan/media/vase.jpg' from the "
        "repository; a media path starts at the plan folder (write 'media/vase.jpg') [PS521]",
    ),
    Case(
        "media-png-that-is-a-jpeg",
        {"plan/media/vase.png": image(40, 50, "JPEG")},
        "plan/media/vase.png:1:1: error: 'media/vase.png' is named as a PNG file but holds JPEG "
        "(rename it to end in .jpg, or export it as PNG) [PS520]",
    ),
    Case(
        "media-truncated-png",
        {"plan/media/vase.png": image(40, 50)[:40]},
        "plan/media/vase.png:1:1: error: 'media/vase.png' is damaged or cut short "
        "(export it again from the original, or copy it again) [PS520]",
    ),
]
# -- results (plan/results/ and a post's `published`) ---------------------------------
CASES += [
    Case(
        "published-under-a-channel-the-post-is-not-on",
        edit(CALENDAR, add="    published: {facebook: {id: '1'}}\n"),
        "plan/calendar/q1.yml:9:17: error: 'published' names channel 'facebook', which the "
        "post is not on (the post is on instagram: put the entry under one of them, or add "
        "'facebook' to the post's 'channel')",
    ),
    Case(
        "published-under-a-misspelt-channel",
        edit(CALENDAR, add="    published:\n      instagrm: {url: 'https://instagram.com/p/1'}\n"),
        "plan/calendar/q1.yml:10:7: error: 'published' names channel 'instagrm', which the "
        "post is not on (did you mean 'instagram'? the post is on instagram: put the entry "
        "under one of them, or add 'instagrm' to the post's 'channel')",
    ),
    Case(
        "results-file-of-no-known-kind",
        {"plan/results/export.csv": "when,what\n2027-01-05,hello\n"},
        "plan/results/export.csv:1:1: error: the header of this results file is of no kind "
        "plansite reads (plansite reads these exports: plansite, ga4, meta-facebook, "
        "meta-instagram, plausible; docs/results.md says how to export each, and plansite's "
        "own CSV takes anything else) [PS610]",
    ),
    Case(
        "results-cell-not-a-number",
        {"plan/results/export.csv": "date,post,reach\n2027-01-06,hello,12x\n"},
        "plan/results/export.csv:2:3: error: '12x' is not a number (write counts as digits, "
        "with or without thousands separators, as in 12345 or 12,345; a cell left empty is "
        "read as no figure) [PS611]",
    ),
]
