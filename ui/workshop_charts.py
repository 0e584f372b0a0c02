"""Plotly figures for the workshop's live views, in the theme shared with the rest of the app."""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go

from readiness.theme import Theme, mix, score_colour
from readiness.workshop import QuestionStats, SectionStats

from .charts import css_font_family, wrap_label

MAX_POINTS = 300  # above this many participants a section shows its box only, not every point
DONT_KNOW_COLOUR = "#9CA3AF"


def _layout(fig: go.Figure, theme: Theme, height: int, size: int = 13) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 24, "t": 10, "b": 10},
                      font={"family": css_font_family(theme.font_family), "color": theme.text, "size": size},
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)", showlegend=False)
    return fig


def _label(text: str, limit: int = 60) -> str:
    """An axis label: wrapped onto two lines of about half ``limit`` (never cut mid-word at the edge)."""
    return wrap_label(text, max(12, limit // 2))


def section_distribution(sections: Sequence[SectionStats], names: dict[str, str], theme: Theme, *,
                         size: int = 13, points: bool = False) -> go.Figure:
    """Each section's spread of participants' scores (0–100) as a box.

    ``points`` adds every participant's score as a dot: only for the host of a named workshop
    (an anonymous workshop's pictures, and the projector's, show distributions only).
    """
    fig = go.Figure()
    ordered = list(reversed(sections))  # the first section on top
    for s in ordered:
        median = s.median or 0
        colour = score_colour(median)
        fig.add_trace(go.Box(
            x=list(s.scores), y=[_label(names.get(s.section_id, s.section_id), 40)] * s.n, orientation="h",
            boxpoints="all" if points and s.n <= MAX_POINTS else False, jitter=0.45, pointpos=0,
            marker={"color": colour, "size": 9, "opacity": 0.75},
            line={"color": colour, "width": 2}, fillcolor=mix(colour, "#FFFFFF", 0.8), hoveron="boxes",
            hovertemplate="%{x:.0f}<extra></extra>", name=names.get(s.section_id, s.section_id)))
    fig.update_xaxes(range=[-3, 103], tickvals=[0, 20, 40, 60, 80, 100], gridcolor=theme.grid, zeroline=False,
                     tickfont={"size": size})
    fig.update_yaxes(automargin=True, tickfont={"size": size})
    return _layout(fig, theme, 70 + (52 if size <= 14 else 70) * max(len(sections), 1), size)


def question_histogram(stats: QuestionStats, labels: dict[str, str], dont_know_label: str, theme: Theme) -> go.Figure:
    """How many chose each answer (the first on top), "don't know" in grey at the bottom."""
    full = [html.escape(labels.get(o, o), quote=False) for o in stats.options]
    names = [_label(labels.get(o, o), 34) for o in stats.options]
    counts = list(stats.counts)
    colours = [theme.primary] * len(names)
    if stats.scored:  # the scale's steps, coloured from low to high readiness
        colours = [score_colour(100 * i / max(len(names) - 1, 1) - 0.01) for i in range(len(names))]
    if stats.kind != "multi" and (stats.dont_know or stats.scored):
        names.append(_label(dont_know_label, 34))
        full.append(html.escape(dont_know_label, quote=False))
        counts.append(stats.dont_know)
        colours.append(DONT_KNOW_COLOUR)
    top = max(counts) if counts else 0
    fig = go.Figure(go.Bar(x=counts, y=names, orientation="h", marker={"color": colours},
                           text=[str(c) for c in counts], textposition="outside", cliponaxis=False,
                           customdata=full, hovertemplate="%{customdata}: %{x}<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(names)), automargin=True)
    fig.update_xaxes(range=[0, max(top, 1) * 1.18], dtick=max(1, round(top / 5)) if top else 1, gridcolor=theme.grid)
    return _layout(fig, theme, 40 + 26 * len(names), 12)


def group_medians(sections: Sequence[SectionStats], names: dict[str, str], theme: Theme) -> go.Figure:
    """The group's median score per section (what a participant may see at the end)."""
    shown = [s for s in reversed(sections) if s.median is not None]
    fig = go.Figure(go.Bar(x=[s.median for s in shown], y=[_label(names.get(s.section_id, s.section_id), 28) for s in shown],
                           orientation="h", marker={"color": [score_colour(s.median or 0) for s in shown]},
                           text=[f"{s.median:.0f}" for s in shown], textposition="outside", cliponaxis=False,
                           customdata=[html.escape(names.get(s.section_id, s.section_id), quote=False) for s in shown],
                           hovertemplate="%{customdata}: %{x:.0f}<extra></extra>"))
    fig.update_xaxes(range=[0, 110], tickvals=[0, 50, 100], gridcolor=theme.grid)
    fig.update_yaxes(automargin=True)
    return _layout(fig, theme, 50 + 38 * max(len(shown), 1), 12)
