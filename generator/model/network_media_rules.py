"""What each network accepts of a post's images and videos: one table, for the
media checks (checks/media.py) and the site, with where each figure was read.

A shape range is the tallest and the widest picture the network shows whole:
past it, the network crops the picture (Instagram's feed cuts a 9:16 photo to
4:5) or refuses it. Each bound is named as the network's help names it, with a
pixel size that has that ratio, so that a hint can say "crop to 1080 x 1350
(4:5)". A ratio within RATIO_TOLERANCE of a bound is at the bound: the
networks' own example sizes round (1080 x 566 is 1.908, for 1.91:1).

The networks change these figures; each rule says where it was read and
when, and docs/media.md shows the table. Most networks' own help pages are
scattered or sit behind a log-in, so several figures come from the media
guides of scheduling services that publish through the networks' APIs: those
are marked second-hand. A network missing from the table (threads, bluesky,
mastodon, snapchat, other) is not checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

RATIO_TOLERANCE = 0.01  # relative: 1%
MB = 1024 * 1024
READ_ON = date(2026, 11, 30)


@dataclass(frozen=True)
class Shape:
    """An aspect ratio as the network names it, and a pixel size that has it."""

    name: str  # "4:5"
    width: int
    height: int

    @property
    def ratio(self) -> float:
        """Width over height as the name says it (1.91 for 1.91:1), not as the example
        size rounds it (1080 x 566 is 1.908)."""
        across, down = self.name.split(":")
        return float(across) / float(down)


@dataclass(frozen=True)
class ShapeRange:
    """From the tallest to the widest picture shown whole; `best`, the size the
    network recommends."""

    tallest: Shape
    widest: Shape
    best: Shape

    def fits(self, width: int, height: int) -> bool:
        ratio = width / height
        low = self.tallest.ratio * (1 - RATIO_TOLERANCE)
        high = self.widest.ratio * (1 + RATIO_TOLERANCE)
        return low <= ratio <= high

    def fitting_crop(self, width: int, height: int) -> tuple[int, int, Shape]:
        """The largest crop of a `width` x `height` picture that the range shows
        whole, and the bound it meets."""
        if width / height < self.tallest.ratio:
            return width, round(width / self.tallest.ratio), self.tallest
        return round(height * self.widest.ratio), height, self.widest


@dataclass(frozen=True)
class Source:
    """Where a rule was read: the page, the day, and whether it is the network's
    own page or a second-hand one."""

    address: str
    read_on: date = READ_ON
    second_hand: bool = False


@dataclass(frozen=True)
class MediaKindRules:
    """What a network accepts of one kind of media (image or video)."""

    shapes: ShapeRange | None = None
    max_bytes: int | None = None
    min_width: int | None = None
    most: int | None = None  # how many a post may carry
    min_seconds: float | None = None  # videos only
    max_seconds: float | None = None


@dataclass(frozen=True)
class NetworkMediaRules:
    network: str
    image: MediaKindRules
    video: MediaKindRules
    sources: tuple[Source, ...]
    note: str = ""  # what the rules stand for on this network, for docs/media.md

    def of_kind(self, kind: str) -> MediaKindRules:
        return self.video if kind == "video" else self.image


SQUARE = Shape("1:1", 1080, 1080)
PORTRAIT_4_5 = Shape("4:5", 1080, 1350)
LANDSCAPE_1_91 = Shape("1.91:1", 1080, 566)
VERTICAL_9_16 = Shape("9:16", 1080, 1920)
WIDE_16_9 = Shape("16:9", 1920, 1080)
_AYRSHARE = "https://www.ayrshare.com/docs/media-guidelines/"

NETWORK_MEDIA_RULES: dict[str, NetworkMediaRules] = {
    rules.network: rules
    for rules in (
        NetworkMediaRules(
            "instagram",
            image=MediaKindRules(
                ShapeRange(PORTRAIT_4_5, LANDSCAPE_1_91, PORTRAIT_4_5),
                max_bytes=8 * MB,
                min_width=320,
                most=10,
            ),
            video=MediaKindRules(
                ShapeRange(VERTICAL_9_16, VERTICAL_9_16, VERTICAL_9_16),
                max_bytes=300 * MB,
                most=10,
                min_seconds=3,
                max_seconds=15 * 60,
            ),
            sources=(Source(_AYRSHARE + "instagram", second_hand=True),),
            note="images as in the feed (a story takes 9:16 and is not told apart); "
            "videos as reels; a carousel takes 10 items through the publishing API",
        ),
        NetworkMediaRules(
            "facebook",
            image=MediaKindRules(
                ShapeRange(PORTRAIT_4_5, Shape("1.91:1", 1200, 630), PORTRAIT_4_5),
                max_bytes=10 * MB,
            ),
            video=MediaKindRules(max_bytes=10 * 1024 * MB, max_seconds=4 * 3600),
            sources=(
                Source("https://developers.facebook.com/docs/page-stories-api"),
                Source(_AYRSHARE + "facebook_pages", second_hand=True),
                Source("https://socialk.it/fr/sizes/facebook-post-size", second_hand=True),
            ),
            note="the feed shows a picture whole from 4:5 to 1.91:1 and crops a taller "
            "one to 4:5; 10 MB is Meta's limit for a page's photo",
        ),
        NetworkMediaRules(
            "linkedin",
            image=MediaKindRules(
                ShapeRange(
                    Shape("4:5", 960, 1200), Shape("1.91:1", 1200, 628), Shape("1.91:1", 1200, 628)
                ),
                max_bytes=5 * MB,
                min_width=552,
                most=20,
            ),
            video=MediaKindRules(max_bytes=5 * 1024 * MB, min_seconds=3, max_seconds=15 * 60),
            sources=(
                Source(
                    "https://transmissionagency.com/hubbub/toolkit/"
                    "the-linkedin-spec-hub-organic-social",
                    second_hand=True,
                ),
            ),
            note="a video of up to 15 minutes uploaded from a computer",
        ),
        NetworkMediaRules(
            "x",
            image=MediaKindRules(max_bytes=5 * MB, most=4),
            video=MediaKindRules(max_bytes=512 * MB, most=1, min_seconds=0.5, max_seconds=140),
            sources=(
                Source("https://docs.x.com/x-api/media/introduction"),
                Source("https://docs.x.com/x-api/media/quickstart/best-practices"),
                Source(_AYRSHARE + "x-twitter", second_hand=True),
            ),
            note="up to 4 photos, or 1 video, a post (X's own pages); the 140 seconds "
            "of a video are second-hand; any shape from 1:3 to 3:1 is shown",
        ),
        NetworkMediaRules(
            "tiktok",
            image=MediaKindRules(
                ShapeRange(VERTICAL_9_16, WIDE_16_9, VERTICAL_9_16), max_bytes=20 * MB, most=35
            ),
            video=MediaKindRules(
                ShapeRange(VERTICAL_9_16, VERTICAL_9_16, VERTICAL_9_16),
                max_bytes=4 * 1024 * MB,
                most=1,
                min_seconds=3,
                max_seconds=10 * 60,
            ),
            sources=(
                Source(
                    "https://docs.getlate.dev/resources/media-guidelines/tiktok", second_hand=True
                ),
                Source(_AYRSHARE + "tiktok", second_hand=True),
            ),
            note="one video, or a photo post of up to 35 photos; a video of another shape "
            "than 9:16 is shown with bars",
        ),
        NetworkMediaRules(
            "pinterest",
            image=MediaKindRules(
                ShapeRange(Shape("1:2.1", 1000, 2100), SQUARE, Shape("2:3", 1000, 1500)),
                max_bytes=20 * MB,
                most=5,
            ),
            video=MediaKindRules(
                ShapeRange(
                    Shape("1:2", 1000, 2000), Shape("1.91:1", 1910, 1000), Shape("2:3", 1000, 1500)
                ),
                max_bytes=1024 * MB,
                min_seconds=4,
                max_seconds=15 * 60,
            ),
            sources=(
                Source("https://ayrshare.com/docs/media-guidelines/pinterest", second_hand=True),
                Source("https://moda.app/resources/sizes/pinterest-pin", second_hand=True),
            ),
            note="2:3 is the size Pinterest recommends; a pin taller than 1:2.1 is cut in "
            "the feed; a carousel takes 5 images",
        ),
        NetworkMediaRules(
            "youtube",
            image=MediaKindRules(
                ShapeRange(
                    Shape("16:9", 1280, 720), Shape("16:9", 1280, 720), Shape("16:9", 1280, 720)
                ),
                max_bytes=2 * MB,
                min_width=640,
                most=1,
            ),
            video=MediaKindRules(most=1),
            sources=(
                Source("https://simonwebdesign.com/custom-youtube-thumbnail", second_hand=True),
            ),
            note="an image is the video's custom thumbnail (YouTube's help, as quoted); "
            "the length a video may have depends on the account (not checked)",
        ),
    )
}


def media_rules_of(network: str) -> NetworkMediaRules | None:
    """The network's media rules; None where the table has none (nothing is checked)."""
    return NETWORK_MEDIA_RULES.get(network)
