"""Charts drawn as vectors with fpdf2 itself: score bars, the level scale and the readiness profile.

(The roadmap's timeline lives with the roadmap section, in :mod:`reports.sections.roadmap`.)
Colours come from :mod:`readiness.theme`, the same as the app's plotly charts.
"""

from __future__ import annotations

from collections.abc import Sequence

from readiness.i18n import format_number
from readiness.scoring import ScoreResult
from readiness.theme import CAPPED_COLOUR, mix, score_colour

from .document import BODY, SMALL, TINY, ReportPDF


def score_bar(pdf: ReportPDF, x: float, y: float, w: float, h: float, score: float, *, label: bool = True) -> None:
    """A horizontal 0–100 bar filled to ``score`` in its band's colour, the number on the right."""
    th = pdf.theme
    colour = score_colour(score)
    bar_w = w - (11 if label else 0)
    pdf.set_fill_colour(th.grid)
    pdf.rect(x, y, bar_w, h, style="F", round_corners=True, corner_radius=h / 2)
    filled = bar_w * max(0.0, min(score, 100.0)) / 100
    if filled > 0.3:
        pdf.set_fill_colour(colour)
        pdf.rect(x, y, max(filled, h), h, style="F", round_corners=True, corner_radius=h / 2)
    if label:
        pdf.style(SMALL + 0.5, "B", th.text)
        pdf.set_xy(x + bar_w, y + h / 2 - 2)
        pdf.cell(11, 4, format_number(score, pdf.language), align="R")
    pdf.style()


def level_scale(pdf: ReportPDF, result: ScoreResult, levels: Sequence[tuple[str, float]], x: float, y: float,
                w: float) -> float:
    """The five levels as bands on a 0–100 track, filled up to the score, with a marker; returns its height.

    ``levels`` are ``(name, min_score)`` pairs, lowest first.
    """
    th = pdf.theme
    h = 7.0
    bounds = [m for _, m in levels] + [100.0]
    # a capped score fills only up to the end of the level that applies, in a neutral colour,
    # and the marker stands in that level
    names = [n for n, _ in levels]
    reach = result.overall
    if result.capped and result.level.name in names:
        reach = min(result.overall, bounds[names.index(result.level.name) + 1] - 2.0)
    for i, (name, low) in enumerate(levels):
        high = bounds[i + 1]
        x0 = x + w * low / 100
        x1 = x + w * high / 100
        band = score_colour(low)
        pdf.set_fill_colour(mix(band, "#FFFFFF", 0.78))
        pdf.rect(x0, y, x1 - x0, h, style="F")
        if reach > low:
            filled_to = min(reach, high)
            pdf.set_fill_colour(CAPPED_COLOUR if result.capped else band)
            pdf.rect(x0, y, w * (filled_to - low) / 100, h, style="F")
        current = name == result.level.name
        pdf.style(TINY, "B" if current else "", th.text if current else th.muted)
        label = pdf.fit(pdf.safe(name, single_line=True), x1 - x0 - 1)
        pdf.set_xy(x0, y + h + 1.2)
        pdf.cell(x1 - x0, 3.5, label, align="C")
    # separators between bands
    pdf.set_draw_colour("#FFFFFF")
    pdf.set_line_width(0.6)
    for low in bounds[1:-1]:
        pdf.line(x + w * low / 100, y, x + w * low / 100, y + h)
    # the marker: a small triangle above the track at the score
    mx = x + w * max(0.0, min(reach, 100.0)) / 100
    pdf.set_fill_colour(th.text)
    pdf.polygon([(mx - 1.8, y - 3.0), (mx + 1.8, y - 3.0), (mx, y - 0.4)], style="F")
    pdf.style()
    return h + 5.5


def profile_chart(pdf: ReportPDF, result: ScoreResult, levels: Sequence[tuple[str, float]], x: float, y: float,
                  w: float) -> float:
    """Every section on one horizontal bar chart with the level bands behind and the overall line; returns the height."""
    th = pdf.theme
    label_w = 42.0
    plot_x, plot_w = x + label_w, w - label_w - 10
    row_h, bar_h = 8.0, 4.8
    top = y + 9
    n = len(result.sections)
    plot_h = n * row_h + 2
    # level bands and their names along the top
    bounds = [m for _, m in levels] + [100.0]
    for i, (name, low) in enumerate(levels):
        x0, x1 = plot_x + plot_w * low / 100, plot_x + plot_w * bounds[i + 1] / 100
        pdf.set_fill_colour(mix(score_colour(low), "#FFFFFF", 0.9 if i % 2 else 0.86))
        pdf.rect(x0, top, x1 - x0, plot_h, style="F")
        pdf.style(TINY - 0.5, "", th.muted)
        pdf.set_xy(x0, top - 7.5)
        pdf.multi_cell(x1 - x0, 2.9, pdf.fit(pdf.safe(name, single_line=True), (x1 - x0) * 2 - 2), align="C",
                       max_line_height=2.9, new_x="LMARGIN", new_y="NEXT")
    # grid and axis labels
    pdf.set_draw_colour("#FFFFFF")
    pdf.set_line_width(0.35)
    for tick in range(0, 101, 20):
        gx = plot_x + plot_w * tick / 100
        pdf.line(gx, top, gx, top + plot_h)
        pdf.style(TINY, "", th.muted)
        pdf.set_xy(gx - 6, top + plot_h + 1)
        pdf.cell(12, 3.5, str(tick), align="C")
    # bars
    for i, s in enumerate(result.sections):
        cy = top + 1 + i * row_h + (row_h - bar_h) / 2
        pdf.style(SMALL + 0.5, "", th.text)
        label = pdf.fit(pdf.safe(s.title, single_line=True), label_w - 3)
        pdf.set_xy(x, cy + bar_h / 2 - 2.2)
        pdf.cell(label_w - 3, 4.4, label, align="R")
        length = plot_w * max(0.0, min(s.score, 100.0)) / 100
        if length > 0.2:
            pdf.set_fill_colour(score_colour(s.score))
            pdf.rect(plot_x, cy, length, bar_h, style="F")
        pdf.style(SMALL, "B", th.text)
        pdf.set_xy(plot_x + length + 1, cy + bar_h / 2 - 2)
        pdf.cell(9, 4, format_number(s.score, pdf.language))
    # the overall score as a dashed line
    ox = plot_x + plot_w * max(0.0, min(result.overall, 100.0)) / 100
    pdf.set_draw_colour(th.text)
    pdf.set_line_width(0.35)
    pdf.set_dash_pattern(dash=1.2, gap=0.9)
    pdf.line(ox, top - 0.5, ox, top + plot_h + 0.5)
    pdf.set_dash_pattern()
    pdf.style(TINY, "B", th.text)
    text = pdf.tr("profile.overall", score=format_number(result.overall, pdf.language))
    tw = pdf.get_string_width(text) + 1
    tx = min(max(ox - tw / 2, plot_x), plot_x + plot_w - tw)
    pdf.set_xy(tx, top + plot_h + 4.5)
    pdf.cell(tw, 3.5, text, align="C")
    pdf.style(BODY)
    return (top + plot_h + 9) - y
