"""One theme for every face: the colours and fonts shared by the app's charts and the PDF.

The primary and accent colours come from the brand; the rest (score colours, neutrals, status
colours) are fixed so that scores read the same everywhere.
"""

from __future__ import annotations

import dataclasses

from .brand import DEFAULT_BRAND, Brand


@dataclasses.dataclass(frozen=True)
class ScoreBand:
    """A band of 0–100 scores: below ``upper`` (exclusive), drawn in ``colour`` (charts, PDF) and named
    ``markdown`` for Streamlit's coloured text (``:green[...]``)."""

    upper: float
    colour: str
    markdown: str


#: Score bands, lowest first. Red → amber → green, colour-blind safe; one definition for every face.
SCORE_BANDS = (ScoreBand(20, "#B91C1C", "red"), ScoreBand(40, "#D97706", "orange"),
               ScoreBand(60, "#CA8A04", "orange"), ScoreBand(80, "#65A30D", "green"),
               ScoreBand(101, "#15803D", "green"))
#: The colour of spreadsheet heading rows (white text on it).
SHEET_HEADING = DEFAULT_BRAND.colours.primary
STATUS_COLOURS = {"todo": "#94A3B8", "doing": "#2563EB", "done": "#15803D", "dropped": "#CBD5E1"}
FONT_FAMILY = "Source Sans 3, DejaVu Sans, Helvetica, Arial, sans-serif"


@dataclasses.dataclass(frozen=True)
class Theme:
    primary: str = DEFAULT_BRAND.colours.primary
    accent: str = DEFAULT_BRAND.colours.accent
    text: str = "#1F2937"
    muted: str = "#4B5563"  # captions and source lines: 7.6:1 on white, 6.9:1 on ``light`` (WCAG AA asks 4.5:1)
    light: str = "#F1F5F4"
    grid: str = "#E5E7EB"
    danger: str = "#B91C1C"
    warning: str = "#B45309"
    font_family: str = FONT_FAMILY

    @classmethod
    def from_brand(cls, brand: Brand) -> Theme:
        return cls(primary=brand.colours.primary, accent=brand.colours.accent)

    def phase_colours(self, n: int) -> list[str]:
        """``n`` tints of the primary colour, darkest first (one per roadmap phase)."""
        return [mix(self.primary, "#FFFFFF", 0.55 * i / max(n - 1, 1)) for i in range(n)]


def score_band(score: float) -> ScoreBand:
    """The band a 0–100 score falls in."""
    return next((band for band in SCORE_BANDS if score < band.upper), SCORE_BANDS[-1])


def score_colour(score: float) -> str:
    """The colour of a 0–100 score band."""
    return score_band(score).colour


#: A score a blocker caps is drawn in this neutral grey: its band's colour would promise a level it doesn't reach.
CAPPED_COLOUR = "#6B7280"


def result_colour(overall: float, capped: bool) -> str:
    """The colour of an overall score: its band's, or neutral when a blocker caps the level."""
    return CAPPED_COLOUR if capped else score_colour(overall)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def mix(a: str, b: str, share_b: float) -> str:
    """``a`` mixed with ``share_b`` of ``b`` (0 = a, 1 = b), as a hex colour."""
    ra, ga, ba = hex_to_rgb(a)
    rb, gb, bb = hex_to_rgb(b)
    return "#{:02X}{:02X}{:02X}".format(*(round(x + (y - x) * share_b) for x, y in ((ra, rb), (ga, gb), (ba, bb))))


def relative_luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a hex colour (0 = black, 1 = white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in hex_to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2's contrast ratio of two hex colours, 1 to 21."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
