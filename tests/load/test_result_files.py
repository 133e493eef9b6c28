"""Reading what analytics tools export: each kind by its header, and every way a file
can fail to be read, as a problem at file:line:column, never a traceback."""

from __future__ import annotations

import codecs
import io
import os
import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from generator.i18n import checks_catalogue
from generator.load.confined_files import real_folder
from generator.load.results import result_values
from generator.load.results.result_rows import ResultFile
from generator.load.results.results_folder import read_results_bytes, read_results_folder

FIXTURES = Path(__file__).parent / "results_fixtures"
RESULTS_SOURCES = Path(__file__).parents[2] / "generator" / "load" / "results"
LIMIT = 1024 * 1024


def read_fixture(name: str) -> ResultFile:
    path = FIXTURES / name
    return read_results_bytes(path, path.read_bytes())


def read_text(text: str, name: str = "export.csv") -> ResultFile:
    return read_results_bytes(Path(name), text.encode("utf-8"))


def where(result: ResultFile) -> list[tuple[str, int, int]]:
    return [(p.key, p.location.line, p.location.column) for p in result.problems]


def plausible_zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def export_members() -> dict[str, bytes]:
    folder = FIXTURES / "plausible_export"
    return {f"Plausible export/{p.name}": p.read_bytes() for p in sorted(folder.iterdir())}


# --- each kind, from its fixture ---------------------------------------------------------


def test_plansite_csv_reads_its_columns_and_any_other_as_a_custom_metric() -> None:
    result = read_fixture("plansite.csv")
    assert (result.kind, result.problems) == ("plansite", ())
    first, second, third = result.rows
    assert (first.line, first.day, first.channel, first.post) == (
        3,
        date(2027, 1, 12),
        "linkedin",
        "launch-teaser",
    )
    assert first.metrics == {
        "impressions": 1200,
        "reach": 900,
        "engagements": 45,
        "clicks": 30,
        "saves": 7,
    }
    assert (second.url, second.metrics) == (
        "https://example.org/launch",
        {"sessions": 310, "conversions": 12},
    )
    assert third.metrics["impressions"] == 2400  # "2,400"


def test_ga4_report_reads_its_period_its_tables_and_its_separators() -> None:
    result = read_fixture("ga4_report.csv")
    assert (result.kind, result.problems) == ("ga4", ())
    assert result.period == (date(2027, 1, 1), date(2027, 1, 31))
    # The "Nth day" table and the "Grand total" row are left out.
    assert [(r.line, r.campaign, r.post) for r in result.rows] == [
        (17, "lancement-2027", "launch-teaser"),
        (18, "lancement-2027", "launch-day"),
        (19, "", ""),  # (not set)
    ]
    teaser, day, not_set = result.rows
    assert teaser.metrics == {
        "sessions": 10204,
        "engaged_sessions": 6800,
        "conversions": 41,
        "revenue": 980,
    }
    assert day.metrics["sessions"] == 1234  # a no-break space groups the thousands
    assert not_set.metrics["engaged_sessions"] == 1400  # a narrow no-break space
    assert {r.day for r in result.rows} == {date(2027, 1, 31)}  # no Date: the period's end


def test_ga4_exploration_in_utf16_reads_a_day_per_row_and_the_older_conversions() -> None:
    assert (FIXTURES / "ga4_exploration_daily.csv").read_bytes().startswith(codecs.BOM_UTF16_LE)
    result = read_fixture("ga4_exploration_daily.csv")
    assert (result.kind, result.problems) == ("ga4", ())
    assert [(r.line, r.day, r.post, r.metrics) for r in result.rows] == [
        (6, date(2027, 2, 1), "launch-teaser", {"sessions": 1500, "conversions": 20}),
        (7, date(2027, 2, 2), "launch-day", {"sessions": 600, "conversions": 13}),
    ]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-16", "utf-8-sig", "utf-8"])
def test_every_encoding_a_tool_writes_gives_the_same_rows(codec: str) -> None:
    text = (FIXTURES / "ga4_exploration_daily.csv").read_bytes().decode("utf-16")
    expected = read_fixture("ga4_exploration_daily.csv").rows
    assert read_results_bytes(Path("x.csv"), text.encode(codec)).rows == expected


def test_meta_facebook_reads_columns_by_name_with_hashtags_and_multi_line_captions() -> None:
    result = read_fixture("meta_facebook.csv")
    assert (result.kind, result.problems) == ("meta-facebook", ())
    teaser, launch = result.rows
    assert teaser.title == "Teaser du lancement #lancement #2027"  # a hashtag is data
    assert (teaser.platform_id, teaser.account, teaser.network) == (
        "123_456",
        "Atelier Exemple",
        "facebook",
    )
    assert teaser.url == "https://www.facebook.com/123/posts/456"
    assert teaser.published_at == datetime(2027, 1, 12, 9, 30)
    assert teaser.published_at.tzinfo is None
    assert teaser.day == date(2027, 1, 12)
    assert teaser.metrics == {
        "views": 3400,
        "reach": 2100,
        "reactions": 40,
        "comments": 15,
        "shares": 6,
        "engagements": 61,
    }
    assert launch.line == 4
    assert launch.title == "Le grand jour"
    assert launch.metrics["engagements"] == 150


def test_a_hash_line_inside_a_quoted_cell_is_data_not_a_comment() -> None:
    text = 'date,post,title,reach\n2027-01-05,a,"line one\n# still the caption",10\n'
    (row,) = read_text(text).rows
    assert row.title == "line one\n# still the caption"
    assert row.metrics == {"reach": 10}


def test_meta_instagram_adds_its_own_engagements() -> None:
    result = read_fixture("meta_instagram.csv")
    assert (result.kind, result.problems) == ("meta-instagram", ())
    (row,) = result.rows
    assert (row.network, row.account, row.title) == (
        "instagram",
        "atelier.exemple",
        "#lancement le jour J",
    )
    assert row.metrics == {
        "views": 7800,
        "reach": 4200,
        "likes": 310,
        "shares": 12,
        "follows": 9,
        "comments": 25,
        "saves": 40,
        "engagements": 387,
    }


def test_meta_columns_in_another_order_and_number_are_found_by_name() -> None:
    text = "Reach,Publish time,Comments,Post ID,Page ID\n500,02/03/2027 08:00,4,9_1,9\n"
    (row,) = read_text(text).rows
    assert (row.platform_id, row.metrics) == (
        "9_1",
        {"reach": 500, "comments": 4, "engagements": 4},
    )


def test_plausible_zip_reads_its_utm_tables_over_the_period_of_its_visitors(
    tmp_path: Path,
) -> None:
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "plausible.zip").write_bytes(plausible_zip(export_members()))
    (result,) = read_results_folder(tmp_path / "results", real_folder(tmp_path), LIMIT)
    assert (result.kind, result.problems) == ("plausible", ())
    assert result.period == (date(2027, 1, 1), date(2027, 1, 31))
    assert [(r.post, r.campaign, r.day, r.metrics) for r in result.rows] == [
        ("launch-teaser", "", date(2027, 1, 31), {"visitors": 1240}),
        ("launch-day", "", date(2027, 1, 31), {"visitors": 310}),
        ("", "lancement-2027", date(2027, 1, 31), {"visitors": 1550}),
    ]


def test_plausible_tables_dropped_alone_are_told_apart_by_their_names() -> None:
    contents = read_fixture("plausible_export/utm_contents.csv")
    campaigns = read_fixture("plausible_export/utm_campaigns.csv")
    assert [r.post for r in contents.rows] == ["launch-teaser", "launch-day"]
    assert [r.campaign for r in campaigns.rows] == ["lancement-2027"]
    data = (FIXTURES / "plausible_export" / "utm_contents.csv").read_bytes()
    renamed = read_results_bytes(Path("plausible.csv"), data)
    assert where(renamed) == [("PS610_plausible_table", 0, 0)]


# --- numbers and dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12345", 12345), ("12,345", 12345), ("1,234,567", 1234567), ("12\u00a0345", 12345),
        ("12\u202f345", 12345), ("12 345", 12345), ("1.234,5", 1234.5), ("1,234.5", 1234.5),
        ("12,5", 12.5), ("1\u00a0234,56", 1234.56), ("-1,200", -1200), ("0.25", 0.25),
        ("12'345", 12345),
    ],
)  # fmt: skip
def test_numbers_with_the_separators_of_every_locale(text: str, value: float) -> None:
    assert result_values.number_from_cell(text) == value


@pytest.mark.parametrize(
    "text", ["abc", "12%", "$12", "nan", "inf", "1,23,4", "1..2", "²", "12-3", "--1", ",5"]
)
def test_what_is_not_a_number(text: str) -> None:
    assert result_values.number_from_cell(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "20271301",
        "2027011",
        "\uff12\uff10\uff12\uff17\uff10\uff11\uff10\uff11",
        "19990101",
        "²0270101",
    ],
)
def test_compact_days_that_are_not_days(text: str) -> None:
    assert result_values.day_from_compact(text) is None


@pytest.mark.parametrize(
    "text",
    ["13/01/2027 10:00", "01/12/2027", "01/12/2027 24:00", "01/12/2027 1O:00", "1/2/3 4:5:6"],
)
def test_meta_times_that_are_not_times(text: str) -> None:
    assert result_values.time_from_meta(text) is None


# --- every way a file can fail -----------------------------------------------------------

BROKEN = [
    pytest.param(b"", "PS610_empty", 0, 0, id="empty"),
    pytest.param(b"\r\n \n", "PS610_empty", 0, 0, id="blank"),
    pytest.param(b"date,post\n2027-01-01,caf\xe9\n", "PS610_encoding", 2, 1, id="latin-1"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "PS610_encoding", 1, 1, id="png"),
    pytest.param(b"date,post\n2027-01-01,a\x00b\n", "PS610_nul", 2, 13, id="nul"),
    pytest.param(b"name;score\nx;1\n", "PS610_kind", 1, 1, id="unknown header"),
    pytest.param(b"{\"json\": true}\n", "PS610_kind", 1, 1, id="json"),
    pytest.param(b"date,post,title\n2027-01-01,a,ok\n2027-01-02,b,\"open\n", "PS610_quote", 3, 1,
                 id="unclosed quote"),
    pytest.param(b"date,post,title\n2027-01-01,a,\"x\"y\n", "PS610_csv", 2, 1, id="bad quote"),
    pytest.param(b"date,post\n2027-01-01,\"" + b"x" * 200_000 + b"\"\n", "PS610_cell_size", 2, 1,
                 id="huge cell"),
    pytest.param(b"date,post,reach\n2027-01-01,a,lots\n", "PS611_number", 2, 3,
                 id="plansite number"),
    pytest.param(b"date,post\n05/01/2027,a\n", "PS611_date", 2, 1, id="plansite date"),
    pytest.param(b"# Start date: 2027-01-01\n# End date: 20270131\nDate,Sessions\n20270101,3\n",
                 "PS611_date", 1, 15, id="ga4 period"),
    pytest.param(b"Date,Session campaign,Sessions\n2027-01-01,x,3\n", "PS611_date", 2, 1,
                 id="ga4 date"),
    pytest.param(b"Session campaign,Sessions\nx,12.5%\n", "PS611_number", 2, 2, id="ga4 number"),
    pytest.param(b"\xef\xbb\xbfPost ID,Page ID,Publish time,Reach\n1_2,1,2027-01-12 09:30,5\n",
                 "PS611_date", 2, 3, id="meta time"),
    pytest.param(b"Post ID,Account username,Publish time,Likes\n1,a,01/12/2027 09:30,many\n",
                 "PS611_number", 2, 4, id="meta number"),
]  # fmt: skip


@pytest.mark.parametrize(("data", "key", "line", "column"), BROKEN)
def test_a_broken_file_is_a_problem_at_its_line_and_column(
    data: bytes, key: str, line: int, column: int
) -> None:
    result = read_results_bytes(Path("broken.csv"), data)
    assert where(result) == [(key, line, column)]


def test_the_expected_format_is_given_with_a_date_that_is_not_one() -> None:
    problems = [
        read_text("date,post\n2027/01/05,a\n").problems[0],
        read_text("Date,Sessions,Session campaign\n2027-01-05,1,x\n").problems[0],
        read_text("Post ID,Page ID,Publish time\n1,1,2027-01-05\n").problems[0],
    ]
    assert [p.values["expected"] for p in problems] == [
        "YYYY-MM-DD",
        "YYYYMMDD",
        "MM/DD/YYYY HH:MM",
    ]


def test_a_row_with_a_bad_cell_keeps_its_other_figures_and_the_rows_after_it() -> None:
    result = read_text("date,post,reach,clicks\n2027-01-01,a,x,3\n2027-01-02,b,4,5\n")
    assert where(result) == [("PS611_number", 2, 3)]
    assert [r.metrics for r in result.rows] == [{"clicks": 3}, {"reach": 4, "clicks": 5}]


@pytest.mark.parametrize("cell", ["nan", "inf", "-Infinity", "1e999"])
def test_a_number_that_counts_nothing_is_not_one(cell: str) -> None:
    result = read_text(f"date,post,reach,clicks\n2027-01-01,a,{cell},2\n")
    assert where(result) == [("PS611_number", 2, 3)]
    assert result.rows[0].metrics == {"clicks": 2}


def test_a_cell_of_spaces_is_no_figure() -> None:
    result = read_text("date,post,reach,clicks\n2027-01-01,a,  ,2\n")
    assert (result.problems, result.rows[0].metrics) == ((), {"clicks": 2})


def test_hostile_values_are_passed_as_values_and_cut_short() -> None:
    value = "\x1b]0;pwned\x07" + "9" * 500
    result = read_text(f"date,post,reach\n2027-01-01,a,{value}\n")
    (problem,) = result.problems
    shown = problem.values["value"]
    assert isinstance(shown, str) and shown.startswith("\x1b]0;pwned\x07") and len(shown) <= 60
    assert all(isinstance(v, str | int) for p in result.problems for v in p.values.values())


def test_the_kinds_are_listed_when_no_header_is_recognised() -> None:
    (problem,) = read_text("a,b\n1,2\n").problems
    assert problem.values == {"kinds": "plansite, ga4, meta-facebook, meta-instagram, plausible"}


# --- the folder: strays, links, sizes, zips ----------------------------------------------


def read_folder(tmp_path: Path, limit: int = LIMIT) -> list[ResultFile]:
    return read_results_folder(tmp_path / "plan" / "results", real_folder(tmp_path / "plan"), limit)


@pytest.fixture
def results(tmp_path: Path) -> Path:
    folder = tmp_path / "plan" / "results"
    folder.mkdir(parents=True)
    return folder


def test_a_file_of_another_kind_is_a_stray_and_a_readme_or_dotfile_is_left_alone(
    tmp_path: Path, results: Path
) -> None:
    for name in ("README.md", ".gitkeep", "export.xlsx", "export.tsv"):
        (results / name).write_text("x")
    (results / "old").mkdir()
    found = read_folder(tmp_path)
    assert [(f.path.name, f.problems[0].key) for f in found] == [
        ("export.tsv", "PS610_stray"),
        ("export.xlsx", "PS610_stray"),
        ("old", "PS610_stray"),
    ]


def test_a_link_out_of_the_plan_and_a_file_too_large_are_refused(
    tmp_path: Path, results: Path
) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("date,post\n2027-01-01,a\n")
    os.symlink(secret, results / "a-link.csv")
    os.symlink(tmp_path / "secret.zip", results / "b-link.zip")
    (results / "c-big.csv").write_text("date,post\n" + "2027-01-01,a\n" * 100)
    found = read_folder(tmp_path, limit=500)
    assert [(f.path.name, where(f)) for f in found] == [
        ("a-link.csv", [("PS610_refused", 0, 0)]),
        ("b-link.zip", [("PS610_refused", 0, 0)]),
        ("c-big.csv", [("PS610_refused", 0, 0)]),
    ]
    assert all(not f.rows for f in found)
    assert "secret" not in repr([f.problems for f in found]).replace(str(tmp_path), "")


def test_a_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path, results: Path) -> None:
    members = export_members()
    del members["Plausible export/utm_contents.csv"]
    members["/../../etc/utm_contents.csv"] = b"name,visitors\n" + b"0" * (LIMIT - 20)
    (results / "bomb.zip").write_bytes(plausible_zip(members))
    (found,) = read_folder(tmp_path)
    assert [(p.key, p.location.path) for p in found.problems] == [
        ("PS610_zip_ratio", results / "bomb.zip" / "utm_contents.csv")  # never a place on disk
    ]


def test_a_zip_member_larger_than_the_limit_is_refused(tmp_path: Path, results: Path) -> None:
    members = export_members()
    # Random hex compresses about twice: the zip is under the limit, the member over.
    members["Plausible export/utm_campaigns.csv"] = os.urandom(LIMIT * 6 // 10).hex().encode()
    (results / "large.zip").write_bytes(plausible_zip(members))
    (found,) = read_folder(tmp_path)
    assert [p.key for p in found.problems] == ["PS610_zip_size"]


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"PK\x03\x04 not really a zip", "PS610_zip"),
        (b"", "PS610_zip"),
        (plausible_zip({f"f{n}.csv": b"x" for n in range(201)}), "PS610_zip_members"),
        (plausible_zip({"sources.csv": b"name,visitors\nx,1\n"}), "PS610_zip_tables"),
        (plausible_zip({"utm_contents.csv": b""}), "PS610_empty"),
        (plausible_zip({"utm_contents.csv": b'name,visitors\n"x,1\n'}), "PS610_quote"),
    ],
)
def test_a_zip_that_cannot_be_read_says_why(
    tmp_path: Path, results: Path, data: bytes, key: str
) -> None:
    (results / "export.zip").write_bytes(data)
    (found,) = read_folder(tmp_path)
    assert [p.key for p in found.problems] == [key]


def test_an_encrypted_zip_member_is_refused(tmp_path: Path, results: Path) -> None:
    data = bytearray(plausible_zip({"utm_contents.csv": b"name,visitors\nx,1\n"}))
    data[data.find(b"PK\x03\x04") + 6] |= 0x1  # the "encrypted" flag, in the local header
    data[data.find(b"PK\x01\x02") + 8] |= 0x1  # and in the central directory
    (results / "export.zip").write_bytes(bytes(data))
    (found,) = read_folder(tmp_path)
    assert [p.key for p in found.problems] == ["PS610_zip_encrypted"]


# --- the catalogue -----------------------------------------------------------------------


def test_every_problem_key_a_reader_uses_is_in_both_catalogues_with_its_values() -> None:
    used = set()
    for source in RESULTS_SOURCES.glob("*.py"):
        used |= set(re.findall(r"\"(PS61[01]_\w+)\"", source.read_text("utf-8")))
    assert len(used) >= 15
    for language in ("en", "fr"):
        entries = checks_catalogue(language)
        assert sorted(used - entries.keys()) == []
    english, french = checks_catalogue("en"), checks_catalogue("fr")
    for key in used:
        fields = {
            part: set(re.findall(r"\{(\w+)\}", str(english[key][part])))
            for part in ("message", "hint")
        }
        french_fields = {
            part: set(re.findall(r"\{(\w+)\}", str(french[key][part])))
            for part in ("message", "hint")
        }
        assert fields == french_fields, key
