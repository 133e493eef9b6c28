"""A post's media on its cards, its calendar details and its campaign's mood board,
and the page sanitizer's narrow allowance for <img>."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check import Inputs, check_plan
from generator.i18n import Translator
from generator.model.media_addresses import published_path, thumbnails
from generator.pages.html_sanitizer import clean_page
from generator.pages.media_html import media_block
from generator.pages.mood_board import mood_board
from generator.pages.site_map import SiteAddresses
from tests.media_plans import media_plan
from tests.media_samples import mp4

MEDIA = (
    '      - {file: media/lamp.jpg, alt: "A <brass> lamp & its shade"}\n'
    "      - {file: media/shop.png}\n"
    "      - {file: media/clip.mp4, kind: video}\n"
    "      - {file: https://cdn.example.net/pic.jpg, alt: Far away}\n"
)


@pytest.fixture
def plan(tmp_path: Path):  # type: ignore[no-untyped-def]
    root = media_plan(
        tmp_path, MEDIA, {"media/lamp.jpg": (1080, 1350), "media/shop.png": (300, 200)}
    )
    (root / "plan/media/clip.mp4").write_bytes(mp4(12))
    return check_plan(Inputs(root / "plan", root / "site_config.yml")).plan


def _block(plan, width: int = 480) -> str:  # type: ignore[no-untyped-def]
    post = next(post for post in plan.posts if post.id == "lamp-post")
    return clean_page(media_block(plan, post, "../../", width, Translator("en")))


def test_an_image_is_its_thumbnail_with_the_plans_alt_text(plan) -> None:  # type: ignore[no-untyped-def]
    html = _block(plan)
    lamp = plan.media_file("media/lamp.jpg")
    small, large = thumbnails(lamp)
    assert f'src="../../{small.path}"' in html
    assert f"../../{large.path} 2x" in html
    assert 'alt="A &lt;brass&gt; lamp &amp; its shade"' in html
    assert f'href="../../{published_path(lamp)}"' in html
    assert 'width="480" height="600"' in html and 'loading="lazy"' in html


def test_an_image_without_alt_text_says_so_on_the_page(plan) -> None:  # type: ignore[no-untyped-def]
    html = _block(plan)
    shop = plan.media_file("media/shop.png")
    (thumb,) = thumbnails(shop)
    assert f'<img src="../../{thumb.path}"' in html
    assert 'alt=""' in html
    assert html.count("No description") == 1


def test_a_video_is_a_badge_and_a_url_a_link_never_an_image(plan) -> None:  # type: ignore[no-untyped-def]
    html = _block(plan)
    # The video's length, read from its header, is on its badge.
    assert "ps-media__badge--video" in html and ">Video · 0:12</a>" in html
    assert 'href="https://cdn.example.net/pic.jpg"' in html
    assert "Image on cdn.example.net" in html
    assert 'src="https://' not in html and "cdn.example.net/pic.jpg 1x" not in html


def test_the_details_show_the_larger_size(plan) -> None:  # type: ignore[no-untyped-def]
    html = _block(plan, 800)
    large = thumbnails(plan.media_file("media/lamp.jpg"))[1]
    assert f'<img src="../../{large.path}"' in html and 'width="800"' in html


def test_the_mood_board_links_each_image_to_its_posts_details(plan) -> None:  # type: ignore[no-untyped-def]
    board = clean_page(mood_board(plan, "spring", "../", SiteAddresses()))
    assert board.count("<img") == 2  # the lamp and the shop; no video, no URL
    assert board.count('href="../calendar/2027-03/posts/#lamp-post"') == 2
    assert mood_board(plan, "no-such-campaign", "../", SiteAddresses()) == ""


@pytest.mark.parametrize(
    "src",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "//evil.example/media/0123456789abcdef-480w-r1.jpg",
        "https://evil.example/media/0123456789abcdef.jpg",
        "../../media/../../etc/0123456789abcdef.jpg",
        "media/0123456789abcdef.jpg?x=1",
        "/media/0123456789abcdef.jpg",
        "../../media/thumbs/0123456789abcdef-480w-r1.jpg onerror=alert(1)",
        "&#106;avascript:alert(1)",
    ],
)
def test_the_sanitizer_drops_an_image_source_outside_the_sites_media(src: str) -> None:
    html = clean_page(f'<img src="{src}" srcset="{src} 1x" alt="x" onerror="alert(1)">')
    assert "src=" not in html and "srcset" not in html and "onerror" not in html
    assert "alert" not in html and "evil" not in html


def test_the_sanitizer_keeps_the_sites_own_thumbnail_and_drops_the_rest() -> None:
    good = "../../media/thumbs/0123456789abcdef-480w-r1.jpg"
    html = clean_page(
        f'<img src="{good}" srcset="{good} 1x, //evil.example/x.jpg 2x" alt="Lamp" '
        'width="480" height="600px" loading="eager" style="position:fixed" '
        'class="x" id="y">'
    )
    assert f'src="{good}"' in html and 'alt="Lamp"' in html and 'width="480"' in html
    for dropped in ("srcset", "height", "eager", "position", "evil"):
        assert dropped not in html
