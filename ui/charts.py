"""Plotly figures for the results and roadmap pages, in the theme shared with the PDF."""

from __future__ import annotations

import datetime as dt
import html

import plotly.graph_objects as go

from readiness.export import unique_labels
from readiness.roadmap import Roadmap
from readiness.scoring import ScoreResult
from readiness.theme import STATUS_COLOURS, Theme, score_colour


def _layout(fig: go.Figure, theme: Theme, height: int) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      font={"family": theme.font_family, "color": theme.text, "size": 13},
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)", showlegend=False)
    return fig


def radar(result: ScoreResult, theme: Theme) -> go.Figure:
    """All sections on one radar, 0–100."""
    names = [s.short for s in result.sections]
    scores = [s.score for s in result.sections]
    fig = go.Figure(go.Scatterpolar(r=[*scores, scores[0]], theta=[*names, names[0]], fill="toself",
                                    line={"color": theme.primary, "width": 2}, fillcolor=theme.primary,
                                    opacity=0.55, hovertemplate="%{theta}: %{r:.0f}<extra></extra>"))
    fig.update_layout(polar={"radialaxis": {"range": [0, 100], "tickvals": [25, 50, 75, 100],
                                            "gridcolor": theme.grid},
                             "angularaxis": {"gridcolor": theme.grid}, "bgcolor": "rgba(0,0,0,0)"})
    _layout(fig, theme, 420)
    fig.update_layout(margin={"l": 70, "r": 70, "t": 40, "b": 40})
    return fig


def bars(result: ScoreResult, theme: Theme) -> go.Figure:
    """One horizontal bar per section, coloured by score band."""
    sections = list(reversed(result.sections))
    fig = go.Figure(go.Bar(x=[s.score for s in sections], y=[s.title for s in sections], orientation="h",
                           marker={"color": [score_colour(s.score) for s in sections]},
                           text=[f"{s.score:.0f}" for s in sections], textposition="outside", cliponaxis=False,
                           hovertemplate="%{y}: %{x:.0f}<extra></extra>"))
    fig.update_xaxes(range=[0, 105], gridcolor=theme.grid, tickvals=[0, 20, 40, 60, 80, 100])
    return _layout(fig, theme, 60 + 42 * len(sections))


def timeline(roadmap: Roadmap, theme: Theme, status_names: dict[str, str]) -> go.Figure:
    """Phases as bands and actions as bars on a dated axis (a Gantt chart)."""
    fig = go.Figure()
    colours = theme.phase_colours(len(roadmap.phases))
    actions = list(roadmap.actions)
    labels = unique_labels([_short(a.title) for a in actions])
    for i, (phase, colour) in enumerate(zip(roadmap.phases, colours)):
        # alternate the phase names above and below, so short phases' names don't collide
        fig.add_vrect(x0=phase.start, x1=phase.end + dt.timedelta(days=1), fillcolor=colour, opacity=0.12,
                      line_width=0, annotation_text=html.escape(phase.name),
                      annotation_position="top left" if i % 2 == 0 else "bottom left",
                      annotation_font={"size": 12, "color": theme.text})
    bar_colours = {**STATUS_COLOURS, "todo": theme.primary}
    for status, colour in bar_colours.items():
        chosen = [i for i, a in enumerate(actions) if a.status == status]
        if not chosen:
            continue
        fig.add_trace(go.Bar(
            base=[actions[i].start.isoformat() for i in chosen],
            x=[((actions[i].end - actions[i].start).days + 1) * 86_400_000 for i in chosen],
            y=[labels[i] for i in chosen], orientation="h", marker={"color": colour}, name=status_names.get(status, status),
            customdata=[[html.escape(actions[i].owner, quote=False), actions[i].start.isoformat(),
                         actions[i].end.isoformat()] for i in chosen],
            hovertemplate="%{y}<br>%{customdata[1]} – %{customdata[2]}<br>%{customdata[0]}<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)), automargin=True)
    fig.update_xaxes(type="date", gridcolor=theme.grid)
    _layout(fig, theme, 140 + 26 * len(actions))
    fig.update_layout(barmode="overlay", showlegend=True, legend={"orientation": "h", "y": -0.06},
                      margin={"l": 10, "r": 10, "t": 40, "b": 40})
    return fig


def _short(text: str, limit: int = 40) -> str:
    """A chart label from user text: shortened, and escaped (plotly reads a few HTML tags)."""
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return html.escape(text, quote=False)
