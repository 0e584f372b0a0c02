"""Static charts as PNG images (matplotlib, Agg) for the Word documents, in the theme's colours.

python-docx takes raster images only; the PDF's charts are fpdf2 drawings and plotly's export
needs a browser, so the Word plan draws the same figures with matplotlib. The committed DejaVu
fonts (reports/fonts) are registered, so Danish letters render the same on every machine.
"""

from __future__ import annotations

import functools
from io import BytesIO

from readiness.plan import Plan
from readiness.theme import Theme, score_colour

from .document import FONT_DIR, FONT_FILES
from .office import xml_text

FONT = "DejaVu Sans"


@functools.cache
def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    for file in FONT_FILES.values():
        font_manager.fontManager.addfont(str(FONT_DIR / file))
    return plt


def _png(fig) -> bytes:
    out = BytesIO()
    fig.savefig(out, format="png", dpi=150, bbox_inches="tight", facecolor="white")
    _pyplot().close(fig)
    return out.getvalue()


def _short(text: str, limit: int = 34) -> str:
    text = xml_text(text, single_line=True)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def profile_png(plan: Plan, theme: Theme, overall_label: str) -> bytes:
    """The seven areas' scores as horizontal bars, the overall score as a dashed line."""
    plt = _pyplot()
    sections = plan.score.sections
    with plt.rc_context({"font.family": FONT, "font.size": 9}):
        fig, ax = plt.subplots(figsize=(6.4, 0.42 * len(sections) + 0.9))
        names = [_short(s.title) for s in sections][::-1]
        values = [s.score for s in sections][::-1]
        ax.barh(names, values, color=[score_colour(v) for v in values], height=0.6)
        for y, v in enumerate(values):
            ax.text(min(v + 1.5, 93), y, f"{v:.0f}", va="center", color=theme.text)
        ax.axvline(plan.score.overall, color=theme.primary, linestyle="--", linewidth=1.2)
        ax.text(plan.score.overall, len(values) - 0.35, overall_label.format(score=f"{plan.score.overall:.0f}"),
                color=theme.primary, ha="center", va="bottom", fontsize=8)
        ax.set_xlim(0, 100)
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(colors=theme.text)
        ax.grid(axis="x", color=theme.grid)
        ax.set_axisbelow(True)
        return _png(fig)


def roadmap_png(plan: Plan, theme: Theme) -> bytes:
    """The roadmap's phases as a timeline, one bar per phase with its dates."""
    import matplotlib.dates as mdates

    plt = _pyplot()
    phases = plan.roadmap.phases
    colours = theme.phase_colours(len(phases))
    with plt.rc_context({"font.family": FONT, "font.size": 9}):
        fig, ax = plt.subplots(figsize=(6.4, 0.45 * len(phases) + 0.9))
        for i, (phase, colour) in enumerate(zip(phases, colours, strict=True)):
            start = mdates.date2num(phase.start)
            width = mdates.date2num(phase.end) - start + 1
            ax.barh(len(phases) - 1 - i, width, left=start, color=colour, height=0.6)
        ax.set_yticks(range(len(phases)), [_short(p.name) for p in phases][::-1])
        ax.xaxis.set_major_locator(mdates.MonthLocator(interval=2))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m/%Y"))
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x", color=theme.grid)
        ax.set_axisbelow(True)
        return _png(fig)
