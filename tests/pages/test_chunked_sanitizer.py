"""A long table sanitized a slice of rows at a time (pages/chunked_sanitizer.py)
gives the bytes of sanitizing it whole, on the tables plansite writes and on
hostile ones."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from generator.pages import chunked_sanitizer, table_stash
from generator.pages.chunked_sanitizer import clean_page_in_slices
from generator.pages.html_sanitizer import clean_page

SLICE = 300  # characters: a few rows a slice
TABLE_HEAD = (
    '<div class="ps-occurrences"><table>\n'
    "<thead><tr><th>Date</th><th>Title</th><th>Status</th></tr></thead>\n<tbody>\n"
)
TABLE_TAIL = "</tbody></table></div>\n"
LIST_HEAD, LIST_TAIL = '<ul class="ps-findings">\n', "</ul>\n"
# Titles as a plan may hold them: escaped by markupsafe, as html_rows.py does.
TITLES = [
    "Light ideas for your hallway",
    "L'atelier : « nos lampes »",  # apostrophe, no-break spaces
    'The "opaline" pendant',
    "<script>alert(1)</script> & co",
    "Café\u00a0crème — 2027",
]


def occurrence_row(number: int, title: str) -> str:
    return (
        f'<tr id="post-{number}"><td>Mon {number % 28 + 1} Mar</td>'
        f'<td><a href="../channels/x-{number % 5}/">{escape(title)}</a></td>'
        f'<td><span class="ps-badge ps-badge--draft">draft</span></td></tr>\n'
    )


def finding_item(number: int, title: str) -> str:
    return (
        '<li><span class="ps-badge ps-badge--warning">warning</span> <code>PS502</code> '
        f"{escape(title)} — <em>{escape(f'space {number}')}</em> "
        f'<span class="ps-where">plan/calendar/q{number}.yml</span></li>\n'
    )


def table(rows: list[str]) -> str:
    return TABLE_HEAD + "".join(rows) + TABLE_TAIL


def sliced(html: str) -> str:
    return "".join(clean_page_in_slices(html, SLICE))


@pytest.fixture
def sanitized_lengths(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The length of each piece of HTML the chunked sanitizer hands nh3."""
    lengths: list[int] = []

    def counted(html: str) -> str:
        lengths.append(len(html))
        return clean_page(html)

    monkeypatch.setattr(chunked_sanitizer, "clean_page", counted)
    yield lengths


@pytest.mark.parametrize(
    ("head", "make_row", "tail"),
    [(TABLE_HEAD, occurrence_row, TABLE_TAIL), (LIST_HEAD, finding_item, LIST_TAIL)],
)
def test_plansite_s_tables_are_sanitized_in_slices_to_the_same_bytes(
    head: str, make_row: object, tail: str, sanitized_lengths: list[int]
) -> None:
    assert callable(make_row)
    html = head + "".join(make_row(n, TITLES[n % len(TITLES)]) for n in range(200)) + tail
    assert sliced(html) == clean_page(html)
    assert "<script>" not in sliced(html)
    # No piece sanitized at once holds the whole table: it went by slices.
    assert len(sanitized_lengths) > 10
    assert max(sanitized_lengths) < len(html) / 5


def test_a_table_handed_over_as_markup_is_sanitized_in_slices_too(
    sanitized_lengths: list[int],
) -> None:
    """The templates hand their tables over as markupsafe Markup."""
    html = table([occurrence_row(n, TITLES[n % len(TITLES)]) for n in range(200)])
    assert sliced(Markup(html)) == clean_page(html)
    assert max(sanitized_lengths) < len(html) / 5


def test_a_short_table_is_sanitized_whole(sanitized_lengths: list[int]) -> None:
    html = table([occurrence_row(n, "A") for n in range(3)])
    assert sliced(html) == clean_page(html)
    assert sanitized_lengths == [len(html)]


# Rows that are not markup plansite writes: each leaves the parser elsewhere
# than it found it, or is changed by the sanitizer, and so must not be
# sanitized apart from the rows around it.
HOSTILE_ROWS = [
    "<tr><td>an open comment <!-- swallows what follows</td></tr>\n",
    "<tr><td>a cell left open\n",
    "<tr><td>closes the table</td></tr></tbody></table><tr><td>after</td></tr>\n",
    "<tr><td>x</td></tr>text fostered out of the table\n",
    '<tr><td title="an attribute left open>x</td></tr>\n',
    "<tr><td><b>bold left open</td></tr>\n",
    "<tr><td><script>alert(1)</script></td></tr>\n",
    "<tr><td><svg><title>in svg</td></tr>\n",
    "<tr><td><title>raw text</td></tr>\n",
    "<tr><td>a\r\nreturn</td></tr>\n",
    "<tr><td>nul\x00</td></tr>\n",
    '<tr><td><a href="javascript:alert(1)">x</a></td></tr>\n',
    "</tbody><tbody><tr><td>a body of its own</td></tr>\n",
    '<tr><td><span title="&#34;">quote</span></td></tr>\n',
    "<tr><td><p>paragraph</td></tr>\n",
    "<li>an item in a table</li>\n",
    "<tr><td><table><tr><td>nested</td></tr>\n",
    "<tr><td>x</td></tr><!-- a comment between rows -->\n",
    "<tr><td><textarea>x</td></tr>\n",
    "<tr><td>x</td></tr></div></ul>\n",
]


@pytest.mark.parametrize("hostile", HOSTILE_ROWS)
@pytest.mark.parametrize("where", [0, 37, 79])
def test_a_hostile_row_gives_the_bytes_of_sanitizing_whole(hostile: str, where: int) -> None:
    rows = [occurrence_row(n, TITLES[n % len(TITLES)]) for n in range(80)]
    rows.insert(where, hostile)
    html = table(rows)
    assert sliced(html) == clean_page(html)


@pytest.mark.parametrize("hostile", HOSTILE_ROWS)
def test_a_hostile_frame_gives_the_bytes_of_sanitizing_whole(hostile: str) -> None:
    rows = "".join(occurrence_row(n, "A") for n in range(80))
    for html in (TABLE_HEAD + hostile + rows + TABLE_TAIL, TABLE_HEAD + rows + hostile):
        assert sliced(html) == clean_page(html)


PIECES = [
    "<tr>",
    "</tr>",
    "<td>",
    "</td>",
    "\n<tr>",
    "\n<li>",
    "<li>",
    "</li>",
    "<b>",
    "</b>",
    "<em>",
    "<a href='javascript:x'>",
    '<a href="../x/">',
    "</a>",
    "<!--",
    "-->",
    '"',
    "'",
    "&#39;",
    "&#34;",
    "\u00a0",
    "<",
    ">",
    "&",
    "</table>",
    "<table>",
    "</tbody>",
    "<tbody>",
    "<svg>",
    "</svg>",
    "<title>",
    "</title>",
    "<script>",
    "<p>",
    '<span title="',
    "text",
    "\r",
    "\n",
    "</ul>",
    "<ul>",
]


@settings(max_examples=300, deadline=None)
@given(
    hostile=st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
    where=st.integers(min_value=0, max_value=60),
    as_list=st.booleans(),
)
def test_any_hostile_text_among_the_rows_gives_the_bytes_of_sanitizing_whole(
    hostile: str, where: int, as_list: bool
) -> None:
    if as_list:
        rows = [finding_item(n, TITLES[n % len(TITLES)]) for n in range(60)]
        rows.insert(where, hostile)
        html = LIST_HEAD + "".join(rows) + LIST_TAIL
    else:
        rows = [occurrence_row(n, TITLES[n % len(TITLES)]) for n in range(60)]
        rows.insert(where, hostile)
        html = table(rows)
    assert sliced(html) == clean_page(html)


def test_a_kept_out_table_is_written_sanitized_with_the_digest_of_its_html(
    tmp_path: Path,
) -> None:
    html = table([occurrence_row(n, TITLES[n % len(TITLES)]) for n in range(30_000)])
    digest = table_stash.keep_out(tmp_path, "key", Markup(html))
    assert digest == hashlib.sha256(html.encode()).hexdigest()
    assert (tmp_path / "key.html").read_bytes() == clean_page(html).encode()
