"""No script in the published site: authored bodies and every page are sanitized,
site_config.yml passes on only checked settings, and plan text is escaped exactly once."""

from __future__ import annotations

import html
import json
import re
import textwrap
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from generator.load.scalars import ValueProblem, check_link
from generator.model.links import is_safe_link, link_scheme
from generator.model.utm import tag_link
from generator.pages.bodies import BodyRenderer
from generator.pages.html_sanitizer import clean_body, clean_inline, clean_page
from generator.pages.markdown_text import body_for_markdown
from generator.pages.table_stash import keep_out
from tests.conftest import MINIMAL_FILES, PlanFactory, run_cli, write_plan

# -- the one link rule ---------------------------------------------------------

SCRIPT_ADDRESSES = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#x6a;avascript&#x3a;alert(1)",
    "&#106;&#97;&#118;&#97;script:alert(1)",
    "javascript&colon;alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java&#x09;script:alert(1)",
    "java&#10;script:alert(1)",
    "  \x01javascript:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript&#58;msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+",
    "file:///etc/passwd",
]
SAFE_ADDRESSES = [
    "https://example.com/a?b=1&c=2",
    "HTTP://EXAMPLE.COM/",
    "mailto:team@example.com",
    "../goals/",
    "page/",
    "/goals/leads/",
    "#anchor",
    "",
    "javascript-tips/",  # a relative path, not a scheme
]


@pytest.mark.parametrize("address", SCRIPT_ADDRESSES)
def test_a_script_address_is_unsafe_however_it_is_written(address: str) -> None:
    assert link_scheme(address) not in ("", "http", "https", "mailto")
    assert not is_safe_link(address)
    # Refused as a link field: for its scheme, or for the tab or line break in it.
    with pytest.raises(ValueProblem, match=r"is not an http|is cut by a tab or a line break"):
        check_link(address)


@pytest.mark.parametrize("address", SAFE_ADDRESSES)
def test_web_mail_relative_and_anchor_addresses_are_safe(address: str) -> None:
    assert is_safe_link(address)


def test_only_web_links_are_tagged_for_analytics() -> None:
    assert "utm_source=instagram" in tag_link("https://a.example/", "instagram", "social", "", "")
    for address in ("mailto:a@example.com", "&#x6a;avascript:x", "java\tscript:x"):
        assert tag_link(address, "instagram", "social", "", "") == address


# -- a body's own Markdown: raw HTML is text -----------------------------------

RAW_HTML = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<svg onload="alert(1)"><circle r="4"/></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<form action="https://evil.example/"><input name="password"></form>',
    '<a href="javascript:alert(1)">raw link</a>',
    '<div style="position: fixed; inset: 0">cover</div>',
    '<object data="x.swf"></object>',
]


def render(text: str, page: str = "goals/followers.md", pages: frozenset[str] = frozenset()) -> str:
    return clean_body(BodyRenderer().render(textwrap.dedent(text), page, pages))


@pytest.mark.parametrize("raw", RAW_HTML)
def test_raw_html_in_a_body_shows_as_text(raw: str) -> None:
    for text in (raw, f"Inline {raw} in a paragraph.", f"<div>\n{raw}\n</div>"):
        fragment = BeautifulSoup(render(text), "html.parser")
        assert [tag.name for tag in fragment.find_all(True)] == ["p"], text
        assert raw in fragment.get_text()


def test_the_raw_html_rules_are_gone_from_a_bodys_markdown() -> None:
    renderer = BodyRenderer()
    markdown = renderer._md
    assert "html_block" not in markdown.preprocessors
    assert "html" not in markdown.inlinePatterns


def test_a_code_span_shows_its_characters_once() -> None:
    fragment = BeautifulSoup(render("Compare `a < b && c > d` and `&amp;`."), "html.parser")
    assert [code.get_text() for code in fragment.find_all("code")] == ["a < b && c > d", "&amp;"]


ATTRIBUTE_LISTS = [
    '![photo](photo.png){: onerror="alert(1)" }',
    '[shop](https://shop.example/){: onmouseover="alert(1)" .md-button }',
    "Paragraph\n{: onclick=alert(1) }",
    '| a | b |\n| - | - |\n| 1 | 2 |\n{: onclick="alert(1)" }',
    '> quoted\n{: onfocus="alert(1)" autofocus tabindex="0" }',
    '- item\n{: ONCLICK="alert(1)" }',
    '![photo](photo.png){: style="position: fixed; top: 0; background: url(javascript:alert(1))" }',
    '[x](https://a.example/){: id="__config" name="__md_scope" }',
]


@pytest.mark.parametrize("text", ATTRIBUTE_LISTS)
def test_attribute_lists_add_no_handler_style_or_id(text: str) -> None:
    fragment = BeautifulSoup(render(text), "html.parser")
    for element in fragment.find_all(True):
        assert not [name for name in element.attrs if name.lower().startswith("on")], element
        assert not {"style", "id", "name", "autofocus", "tabindex"} & set(element.attrs), element


def test_material_s_own_classes_are_kept_out_of_bodies_but_buttons() -> None:
    fragment = BeautifulSoup(
        render("[go](https://a.example/){: .md-button .md-header .mine }"), "html.parser"
    )
    assert fragment.a is not None
    assert fragment.a["class"] == ["md-button", "mine"]


@pytest.mark.parametrize("address", SCRIPT_ADDRESSES)
def test_a_body_link_or_image_to_a_script_address_loses_it(address: str) -> None:
    destination = address.replace("\n", "&#10;").replace(" ", "%20")
    text = f"[click]({destination}) ![image]({destination}) [ref][r]\n\n[r]: {destination}"
    fragment = BeautifulSoup(render(text), "html.parser")
    for element in fragment.find_all(["a", "img"]):
        for attribute in ("href", "src"):
            value = element.get(attribute)
            assert value is None or is_safe_link(str(value)), element


def test_a_body_keeps_what_markdown_tables_and_admonitions_make() -> None:
    text = """\
        Some **bold**, *em*, `code`, ~~no~~ and a [link](https://a.example/ "title").

        | left | right |
        | :--- | ----: |
        | 1 | 2 |

        !!! warning "Careful"
            Inside.

        ???+ note "Open me"
            Hidden.

        ```python
        x = "<y>"
        ```

        1. one
        2. two

        ---

        ![photo](https://a.example/p.png "Photo")
        """
    fragment = BeautifulSoup(render(text), "html.parser")
    names = {tag.name for tag in fragment.find_all(True)}
    assert {"strong", "em", "code", "a", "table", "th", "td", "div", "details", "summary"} <= names
    assert {"pre", "ol", "li", "hr", "img"} <= names
    assert fragment.find("a", href="https://a.example/", title="title")
    assert [th.get("style") for th in fragment.find_all("th")] == [
        "text-align:left",
        "text-align:right",
    ]
    assert fragment.find("div", class_="admonition warning")
    assert fragment.find("details", open=True)
    assert 'x = "<y>"' in fragment.get_text()


def test_body_links_to_pages_become_their_addresses() -> None:
    pages = frozenset({"index.md", "goals/followers.md", "goals/leads.md", "personas/pro.md"})
    text = (
        "[a](leads.md) [b](/goals/leads.md#why) [c](../personas/pro.md) [d](/index.md) [e](nope.md)"
    )
    fragment = BeautifulSoup(render(text, "goals/followers.md", pages), "html.parser")
    assert [a["href"] for a in fragment.find_all("a")] == [
        "../../goals/leads/",
        "../../goals/leads/#why",
        "../../personas/pro/",
        "../../",
        "nope.md",
    ]
    overview = BeautifulSoup(render("[g](goals/leads.md)", "index.md", pages), "html.parser")
    assert overview.a is not None
    assert overview.a["href"] == "goals/leads/"


def test_top_level_body_headings_become_the_page_s_markdown_headings() -> None:
    body = render("Intro\n\n## Why <b> & how\n\nText\n\n> ## Quoted\n")
    markdown = str(body_for_markdown(body))
    assert "\n\n## Why &lt;b&gt; &amp; how\n\n" in markdown
    assert "<h2>Quoted</h2>" in markdown  # inside a quote: stays in its HTML
    assert markdown.startswith('<div class="ps-body">\n<p>Intro</p>\n</div>')


# -- the page's last gate --------------------------------------------------------


def test_the_page_gate_keeps_what_the_templates_write() -> None:
    page = (
        '<h2 id="x" class="ps-month">May<a class="headerlink" href="#x" title="Permanent link">'
        "¶</a></h2>"
        '<div class="admonition quote"><p class="admonition-title">Mission</p></div>'
        '<span class="ps-bar" role="img" aria-label="52 %"><span class="ps-bar__fill" '
        'style="width:52%"></span></span>'
        '<div data-plansite-fragment="ab12">text</div>'
        '<a href="webcal://plan.example/calendar.ics">webcal</a>'
        '<svg class="ps-chart" role="img" viewBox="0 0 10 10" width="10" height="10" '
        'xmlns="http://www.w3.org/2000/svg"><title>t</title><text x="0" y="1">a</text>'
        '<rect x="1" y="2" width="3" height="4"></rect><line x1="1" x2="2" y1="3" y2="4"></line>'
        '<polyline points="1,2 3,4"></polyline><circle cx="1" cy="1" r="4"></circle></svg>'
        '<table><tbody><tr id="post-1"><td><span class="ps-badge ps-badge--draft">d</span>'
        "</td></tr></tbody></table>"
    )
    assert clean_page(page) == page


@pytest.mark.parametrize(
    "dirty",
    [
        '<svg onload="alert(1)"><circle r="4"></circle></svg>',
        '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
        "<svg><script>alert(1)</script></svg>",
        '<svg><foreignObject><img src="x" onerror="alert(1)"></foreignObject></svg>',
        '<math><mi><style><img src="x" onerror="alert(1)"></style></mi></math>',
        '<iframe src="https://evil.example/"></iframe>',
        '<form action="https://evil.example/">'
        '<button formaction="javascript:alert(1)">x</button></form>',
        '<span style="position:fixed;width:100%;background:url(javascript:alert(1))">x</span>',
        '<a href="&#x6a;avascript&#x3a;alert(1)">x</a>',
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=x">',
        '<div data-x="1" onclick="alert(1)" ONMOUSEOVER="alert(1)">x</div>',
    ],
)
def test_the_page_gate_removes_script_and_unsafe_addresses(dirty: str) -> None:
    cleaned = BeautifulSoup(clean_page(dirty), "html.parser")
    for element in cleaned.find_all(True):
        # The calendar's filters are a form of buttons: one that could send a thing
        # anywhere (action, formaction) loses the address.
        assert element.name not in {"script", "iframe", "base", "meta", "style"}
        assert not element.has_attr("action") and not element.has_attr("formaction")
        assert element.name not in {"foreignobject", "math", "object"}
        assert not [name for name in element.attrs if name.lower().startswith("on")]
        for attribute in ("href", "src", "action", "formaction"):
            value = element.get(attribute)
            assert value is None or is_safe_link(str(value), frozenset({"http", "https", "webcal"}))
        assert element.get("style") in (None, "width:100%")


def test_copyright_keeps_formatting_and_safe_links_only() -> None:
    cleaned = clean_inline(
        '© <b>Us</b> <a href="https://us.example/" onclick="x" target="_blank">site</a> '
        '<a href="javascript:alert(1)">bad</a><script>alert(1)</script><img src=x>'
    )
    assert cleaned == '© <b>Us</b> <a href="https://us.example/">site</a> <a>bad</a>'


# -- a whole hostile plan, built -------------------------------------------------

# A plan refuses control characters other than tab and newline in its text
# (control_characters.py), so a body can carry the others only as references.
BODY_ADDRESSES = [
    a.replace(chr(10), "&#10;").replace(chr(1), "&#1;").replace(" ", "%20")
    for a in SCRIPT_ADDRESSES
]
BODY_ATTACKS = "\n\n".join(
    [
        "Intro with `a < b` and **bold**.",
        *ATTRIBUTE_LISTS,
        *RAW_HTML,
        *(f"[link {n}]({a})" for n, a in enumerate(BODY_ADDRESSES)),
        *(f"![image {n}]({a})" for n, a in enumerate(BODY_ADDRESSES)),
        '## Body heading {: onfocus="alert(1)" autofocus }',
        "[to leads](/goals/leads.md)",
    ]
)


def hostile_files() -> dict[str, str | None]:
    """Every kind of body (plan.md's summary, a goal, a persona, a channel) full of attacks."""
    goal = textwrap.dedent(MINIMAL_FILES["plan/goals/followers.md"])
    channel = textwrap.dedent(MINIMAL_FILES["plan/channels/instagram.md"])
    plan = textwrap.dedent(MINIMAL_FILES["plan/plan.md"])
    return {
        "plan/plan.md": plan.replace("A small plan for tests.", BODY_ATTACKS),
        "plan/goals/followers.md": goal.replace("Why this goal matters.", BODY_ATTACKS),
        "plan/channels/instagram.md": channel + BODY_ATTACKS + "\n",
        "plan/personas/pro.md": f"---\nname: Pro buyers\n---\n{BODY_ATTACKS}\n",
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_plan(tmp_path_factory.mktemp("hostile-bodies"), hostile_files())
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    return root / "site"


def pages_of(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    return [
        (path, BeautifulSoup(path.read_text("utf-8"), "html.parser"))
        for path in sorted(site.rglob("*.html"))
    ]


def content_of(page: BeautifulSoup) -> Tag:
    article = page.select_one("article.md-content__inner")
    assert article is not None
    return article


def test_no_body_brings_script_onto_any_page(hostile_site: Path) -> None:
    pages = pages_of(hostile_site)
    assert len(pages) > 10
    site_schemes = frozenset({"http", "https", "mailto", "webcal"})
    for path, page in pages:
        for script in page.find_all("script"):
            assert "alert" not in script.get_text(), path
            assert not script.get("src") or "assets/javascripts/" in str(script["src"]), path
        for element in page.find_all(True):
            assert not [name for name in element.attrs if name.lower().startswith("on")], (
                path,
                element,
            )
            for attribute in ("href", "src", "action", "formaction", "data"):
                value = element.get(attribute)
                assert value is None or is_safe_link(str(value), site_schemes), (path, element)
        article = page.select_one("article.md-content__inner")
        if article is not None:  # Material's own search and palette are forms
            found = {element.name for element in article.find_all(True)}
            assert not found & {"iframe", "object", "embed", "base", "script"}, path
            for control in article.find_all(["form", "button", "input"]):  # the calendar's own
                assert control.find_parent(class_="ps-calendar"), (path, control)


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "goals/followers/index.html",
        "channels/instagram/index.html",
        "personas/pro/index.html",
    ],
)
def test_every_kind_of_body_is_rendered_and_sanitized(hostile_site: Path, page: str) -> None:
    content = content_of(BeautifulSoup((hostile_site / page).read_text("utf-8"), "html.parser"))
    text = content.get_text()
    for raw in RAW_HTML:
        assert raw in text, raw  # shown as the text it is
    assert [code.get_text() for code in content.find_all("code")][:1] == ["a < b"]
    for element in content.find_all(True):
        assert element.get("style") in (
            None,
            "width:52%",
            "width:30%",
            "width:0%",
            "width:100%",
        ) or (str(element.get("style")).startswith("text-align:")), element
    heading = content.find(lambda tag: tag.name == "h2" and "Body heading" in tag.get_text())
    assert heading is not None and heading.get("id") == "body-heading"
    assert "autofocus" not in heading.attrs and "onfocus" not in heading.attrs
    toc = BeautifulSoup((hostile_site / page).read_text("utf-8"), "html.parser").select(
        "nav.md-nav--secondary a.md-nav__link"
    )
    assert "#body-heading" in [a["href"] for a in toc]
    assert content.find("a", string="to leads")["href"] in (
        "goals/leads/",
        "../../goals/leads/",
        "../../../goals/leads/",
    )


def test_a_sanitized_site_is_the_same_bytes_twice(tmp_path: Path) -> None:
    first = write_plan(tmp_path / "one", hostile_files())
    second = write_plan(tmp_path / "two", hostile_files())
    for root in (first, second):
        assert run_cli("build", cwd=root).exit_code == 0
    page = "goals/followers/index.html"
    assert (first / "site" / page).read_bytes() == (second / "site" / page).read_bytes()


# -- escaped exactly once ----------------------------------------------------------

SITE_NAME = "Smith & Sons"
TITLE = "<script>alert(1)</script> & a < b"
PERSONA = 'Pros "&" <i>buyers</i>'


@pytest.fixture(scope="module")
def escaping_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    goal = textwrap.dedent(MINIMAL_FILES["plan/goals/followers.md"])
    goal = goal.replace("title: Grow the Instagram audience", f"title: {json.dumps(TITLE)}")
    goal = goal.replace("Why this goal matters.", "Keep `a < b` & c.\n\n## Why a < b & c\n\nText.")
    config = textwrap.dedent(MINIMAL_FILES["site_config.yml"]).replace(
        "site_name: Test plan", f"site_name: {json.dumps(SITE_NAME)}"
    )
    config += (
        "mkdocs:\n"
        f"  site_description: {json.dumps(SITE_NAME + ' <b>plan</b>')}\n"
        f"  site_author: {json.dumps(SITE_NAME)}\n"
        f"  copyright: {json.dumps('© ' + SITE_NAME + ' <b>2027</b>')}\n"
        "  extra:\n"
        "    social:\n"
        f"      - {{icon: fontawesome/brands/mastodon, link: 'https://m.example/@a?b=1&c=2', "
        f"name: {json.dumps(SITE_NAME)}}}\n"
        # Material prints the neighbours' titles in the footer, escaped and not.
        "theme:\n  features: [navigation.footer, content.tooltips]\n"
    )
    root = write_plan(
        tmp_path_factory.mktemp("escaping"),
        {
            "site_config.yml": config,
            "plan/plan.md": textwrap.dedent(MINIMAL_FILES["plan/plan.md"]).replace(
                "title: Test plan", f"title: {json.dumps(TITLE)}"
            ),
            "plan/goals/followers.md": goal,
            "plan/personas/pro.md": f"---\nname: {json.dumps(PERSONA)}\n---\nBody.\n",
        },
    )
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0, result.output
    return root / "site"


def shown(element: Tag | None) -> str:
    assert element is not None
    return " ".join(element.get_text().split())


def test_no_value_is_escaped_twice_anywhere(escaping_site: Path) -> None:
    """Parsed HTML shows each character as written: an '&amp;' or '&lt;' left in a
    text or an attribute once parsed means it was escaped twice."""
    for path, page in pages_of(escaping_site):
        for text in page.find_all(string=True):
            if text.parent is not None and text.parent.name not in ("script", "style"):
                assert not re.search(r"&(amp|lt|gt|quot|#\d+);", text), (path, text)
        for element in page.find_all(True):
            for name, value in element.attrs.items():
                values = value if isinstance(value, list) else [value]
                for one in values:
                    assert not re.search(r"&(amp|lt|gt|quot|#\d+);", one), (path, name, one)


def test_the_site_name_shows_as_written(escaping_site: Path) -> None:
    page = BeautifulSoup((escaping_site / "audit" / "index.html").read_text("utf-8"), "html.parser")
    assert page.title is not None and page.title.get_text() == f"Audit - {SITE_NAME}"
    for logo in page.select("a.md-logo"):
        assert logo["title"] == SITE_NAME
        assert logo["aria-label"] == SITE_NAME
    assert shown(page.select_one(".md-header__topic .md-ellipsis")) == SITE_NAME
    description = page.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"] == SITE_NAME + " <b>plan</b>"
    author = page.find("meta", attrs={"name": "author"})
    assert author is not None and author["content"] == SITE_NAME
    copyright_ = page.select_one(".md-copyright__highlight")
    assert copyright_ is not None and shown(copyright_) == f"© {SITE_NAME} 2027"
    assert copyright_.b is not None  # the HTML the copyright is written in
    social = page.select_one("a.md-social__link")
    assert social is not None
    assert social["href"] == "https://m.example/@a?b=1&c=2"
    assert social["title"] == SITE_NAME


def test_a_title_with_markup_shows_as_written_everywhere(escaping_site: Path) -> None:
    page = BeautifulSoup(
        (escaping_site / "goals" / "followers" / "index.html").read_text("utf-8"), "html.parser"
    )
    assert page.title is not None and page.title.get_text() == f"{TITLE} - {SITE_NAME}"
    assert shown(content_of(page).h1) == TITLE + "¶"  # and its permalink
    topics = [shown(topic) for topic in page.select(".md-header__topic")]
    assert topics == [SITE_NAME, TITLE]
    assert TITLE in [shown(link) for link in page.select("nav.md-nav--primary a.md-nav__link")]
    # The plan's title heads the overview, and names the site's home in its tab.
    overview = BeautifulSoup((escaping_site / "index.html").read_text("utf-8"), "html.parser")
    assert shown(content_of(overview).h1) == TITLE + "¶"
    assert overview.title is not None and overview.title.get_text() == f"{TITLE} - {SITE_NAME}"
    assert not page.find_all("script", string=re.compile("alert"))
    assert not page.find_all("i")  # the persona's <i> in the navigation stays text


def test_a_code_span_and_a_body_heading_show_as_written(escaping_site: Path) -> None:
    page = BeautifulSoup(
        (escaping_site / "goals" / "followers" / "index.html").read_text("utf-8"), "html.parser"
    )
    content = content_of(page)
    assert [code.get_text() for code in content.find_all("code")][:1] == ["a < b"]
    assert "Keep a < b & c." in shown(content)
    toc = [shown(a) for a in page.select("nav.md-nav--secondary a.md-nav__link")]
    assert "Why a < b & c" in toc
    heading = content.find("h2", id=True)
    assert heading is not None and shown(heading) == "Why a < b & c¶"


def test_the_search_index_holds_titles_escaped_once(escaping_site: Path) -> None:
    """Material's search shows its index's titles as HTML: escaped once, they read as written."""
    index = json.loads((escaping_site / "search" / "search_index.json").read_text("utf-8"))
    titles = {html.unescape(entry["title"]) for entry in index["docs"]}
    assert {TITLE, PERSONA, "Why a < b & c"} <= titles
    raw = {entry["title"] for entry in index["docs"]}
    assert not [title for title in raw if "<script" in title or "<i>" in title]


# -- site_config.yml's pass-through ------------------------------------------------

CONFIG = textwrap.dedent(MINIMAL_FILES["site_config.yml"])
SEE = "see docs/publishing.md"
MKDOCS = f"'mkdocs' may set copyright, extra, site_author, site_description; {SEE}"
THEME = f"'theme' may set features, icon, palette; {SEE}"
ICON_HINT = "name one as Material's documentation does, e.g. material/weather-night"
LINK_HINT = "links start with https://, http:// or mailto:"

# (what site_config.yml gets, where the error is, the error, its hint)
REFUSED = [
    ("mkdocs:\n  hooks: [evil.py]\n", "6:3", "'mkdocs.hooks' is not allowed: "
     "it loads Python code by path", MKDOCS),
    ("mkdocs:\n  plugins: [search, {evil: {}}]\n", "6:3", "'mkdocs.plugins' is not allowed: "
     "it loads Python code", MKDOCS),
    ("mkdocs:\n  markdown_extensions: [pymdownx.snippets]\n", "6:3",
     "'mkdocs.markdown_extensions' is not allowed: "
     "it replaces the Markdown pipeline (and some extensions read files)", MKDOCS),
    ("mkdocs:\n  extra_javascript: [https://evil.example/x.js]\n", "6:3",
     "'mkdocs.extra_javascript' is not allowed: it adds script to every page", MKDOCS),
    ("mkdocs:\n  INHERIT: ../secrets.yml\n", "6:3", "'mkdocs.INHERIT' is not allowed: "
     "it reads another file", MKDOCS),
    ("mkdocs:\n  site_dir: /var/www\n", "6:3", "'mkdocs.site_dir' is not allowed: "
     "it writes the site elsewhere; use 'plansite build --out'", MKDOCS),
    ("mkdocs:\n  docs_dir: /etc\n", "6:3", "'mkdocs.docs_dir' is not allowed: "
     "plansite writes the docs itself", MKDOCS),
    ("mkdocs:\n  theme: {name: readthedocs}\n", "6:3", "'mkdocs.theme' is not allowed: "
     "it replaces Material and its templates; use the top-level 'theme:' setting", MKDOCS),
    ("mkdocs:\n  repo_url: https://github.com/x/y\n", "6:3",
     "'mkdocs.repo_url' is not a setting plansite passes on", MKDOCS),
    ("mkdocs:\n  extra:\n    analytics: {provider: google}\n", "7:5",
     "'mkdocs.extra.analytics' is not a setting plansite passes on",
     f"'mkdocs.extra' may set generator, social; {SEE}"),
    ("mkdocs:\n  extra:\n    social:\n      - {icon: material/web, link: 'java\tscript:x'}\n",
     "8:30", "'mkdocs.extra.social[0].link': 'java\\tscript:x' is cut by a tab or a line "
     "break", "write the address on one line"),
    ("mkdocs:\n  extra:\n    social:\n      - {icon: ../../etc/passwd, link: 'https://a.example/'}\n",
     "8:10", "'mkdocs.extra.social[0].icon': '../../etc/passwd' is not one of Material's icons",
     ICON_HINT),
    ("theme:\n  custom_dir: overrides\n", "6:3", "'theme.custom_dir' is not allowed: "
     "it loads templates by path, and Jinja templates can run code", THEME),
    ("theme:\n  name: readthedocs\n", "6:3", "'theme.name' is not allowed: "
     "plansite builds with Material", THEME),
    ("theme:\n  palette:\n    - {scheme: 'slate\" onmouseover=\"alert(1)'}\n", "7:8",
     "'theme.palette[0].scheme': 'slate\" onmouseover=\"alert(1)' is not a colour scheme such "
     "as default or slate", ""),
    ("theme:\n  palette:\n    - toggle: {icon: '../x', name: Dark}\n", "7:16",
     "'theme.palette[0].toggle.icon': '../x' is not one of Material's icons", ICON_HINT),
]  # fmt: skip


@pytest.mark.parametrize(("added", "place", "message", "hint"), REFUSED)
def test_settings_that_load_code_or_files_are_refused(
    make_plan: PlanFactory, added: str, place: str, message: str, hint: str
) -> None:
    root = make_plan({"site_config.yml": CONFIG + added})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 1
    expected = f"site_config.yml:{place}: error: {message}" + (f" ({hint})" if hint else "")
    assert result.output.splitlines()[0] == expected
    assert not (root / "site").exists()
    assert "Traceback" not in result.output


def test_every_refused_setting_is_reported_at_once(make_plan: PlanFactory) -> None:
    added = "mkdocs:\n  hooks: [a.py]\n  plugins: []\n  INHERIT: x.yml\ntheme:\n  custom_dir: t\n"
    result = run_cli("check", cwd=make_plan({"site_config.yml": CONFIG + added}))
    assert result.exit_code == 1
    assert result.output.count("error:") == 4


def test_the_allowed_settings_reach_the_site(make_plan: PlanFactory) -> None:
    added = (
        "mkdocs:\n"
        '  copyright: \'<a href="https://us.example/" onclick="alert(1)">Us</a>'
        " <script>alert(1)</script>'\n"
        "  extra:\n"
        "    generator: false\n"
        "    social: [{icon: material/web, link: 'https://us.example/', name: Us}]\n"
        "theme:\n"
        "  features: [navigation.tabs]\n"
        "  icon: {logo: material/lamp, admonition: {note: material/pencil}}\n"
        "  palette:\n"
        "    - {media: '(prefers-color-scheme: light)', scheme: default, primary: deep orange,\n"
        "       toggle: {icon: material/weather-night, name: 'Dark <b>&</b> \"calm\"'}}\n"
        "    - {media: '(prefers-color-scheme: dark)', scheme: slate, primary: deep orange,\n"
        "       toggle: {icon: material/weather-sunny, name: Light}}\n"
    )
    root = make_plan({"site_config.yml": CONFIG + added})
    result = run_cli("build", "--strict", cwd=root)
    assert result.exit_code == 0, result.output
    page = BeautifulSoup((root / "site" / "index.html").read_text("utf-8"), "html.parser")
    copyright_ = page.select_one(".md-copyright__highlight")
    assert copyright_ is not None
    assert str(copyright_.a) == '<a href="https://us.example/">Us</a>'
    assert "alert" not in str(copyright_)
    assert page.select_one(".md-tabs")  # the feature took effect
    toggle = page.select_one("input#__palette_0")
    assert toggle is not None and toggle["aria-label"] == 'Dark <b>&</b> "calm"'
    assert toggle["data-md-color-primary"] == "deep-orange"
    assert page.select_one("a.md-social__link[href='https://us.example/']")


def test_a_kept_out_table_is_sanitized_and_reused_only_unchanged(tmp_path: Path) -> None:
    """The preview's folder keeps sanitized tables between renders: what it holds
    is what a fresh folder gets, and a changed table is sanitized again."""
    table = '<table><tbody><tr><td onclick="alert(1)">a</td></tr></tbody></table>'
    changed = table.replace(">a<", '><a href="javascript:alert(1)">b</a><')
    kept, fresh = tmp_path / "kept", tmp_path / "fresh"
    for html_text in (table, table, changed, changed, table):
        digest = keep_out(kept, "k", html_text)
        assert keep_out(fresh / digest, "k", html_text) == digest
        written = (kept / "k.html").read_bytes()
        assert written == (fresh / digest / "k.html").read_bytes()
        assert written == clean_page(html_text).encode()
        assert b"onclick" not in written and b"javascript" not in written


@pytest.mark.parametrize(
    "dirty",
    [
        '<h2 id="__config">{"search": "data:text/javascript,alert(1)"}</h2>',
        '<div id="__search">x</div><p id="__drawer">y</p>',
        '<div data-md-component="search-result" data-md-state="x">z</div>',
    ],
)
def test_content_cannot_pass_for_a_part_of_material(dirty: str) -> None:
    cleaned = BeautifulSoup(clean_page(dirty), "html.parser")
    for element in cleaned.find_all(True):
        assert not str(element.get("id", "")).startswith("__")
        assert not [name for name in element.attrs if name.startswith("data-md-")]


def test_a_heading_named_like_material_s_settings_does_not_replace_them(
    make_plan: PlanFactory,
) -> None:
    goal = textwrap.dedent(MINIMAL_FILES["plan/goals/followers.md"])
    goal = goal.replace("title: Grow the Instagram audience", "title: __config")
    goal = goal.replace("Why this goal matters.", "## __search\n\n## __drawer\n\nText.")
    root = make_plan({"plan/goals/followers.md": goal})
    assert run_cli("build", cwd=root).exit_code == 0
    page = BeautifulSoup(
        (root / "site" / "goals" / "followers" / "index.html").read_text("utf-8"), "html.parser"
    )
    for reserved in ("__config", "__search", "__drawer"):
        found = page.find_all(id=reserved)
        assert len(found) == 1, reserved  # Material's own
        assert found[0].find_parent("article") is None
    config = page.find(id="__config")
    assert config is not None and config.name == "script"
    assert json.loads(config.get_text())["search"].endswith(".min.js")


def test_a_body_link_to_a_file_that_is_no_page_is_a_warning(make_plan: PlanFactory) -> None:
    persona = (
        "---\nname: Pro buyers\n---\nSee [the brief](brief.md#why) and [leads](/goals/leads.md).\n"
    )
    root = make_plan({"plan/personas/pro.md": persona})
    result = run_cli("build", cwd=root)
    assert result.exit_code == 0
    assert (
        "plan: warning: MkDocs: Doc file 'personas/pro.md' contains a link to 'brief.md', "
        "which is not a page of the site." in result.stderr.splitlines()
    )
    assert "leads.md" not in result.stderr
    assert run_cli("build", "--strict", "--out", "strict", cwd=root).exit_code == 1
