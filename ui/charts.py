"""Plotly figures for the results and roadmap pages, in the theme shared with the PDF."""

from __future__ import annotations

import datetime as dt
import html

import plotly.graph_objects as go

from readiness.export import unique_labels
from readiness.i18n import format_date_short, locale_info
from readiness.roadmap import Roadmap
from readiness.scoring import ScoreResult
from readiness.theme import STATUS_COLOURS, Theme, score_colour


def css_font_family(family: str) -> str:
    """A font list as CSS reads it: names with spaces quoted. Unquoted, "Source Sans 3" makes the
    whole list invalid, the browser draws the chart's text in another font than plotly measured,
    and labels are cut off at the edges."""
    names = [n.strip().strip("'\"") for n in family.split(",") if n.strip()]
    generic = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
    return ", ".join(n if n in generic or " " not in n else f"'{n}'" for n in names)


def _layout(fig: go.Figure, theme: Theme, height: int) -> go.Figure:
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      font={"family": css_font_family(theme.font_family), "color": theme.text, "size": 13},
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)", showlegend=False)
    return fig


def radar(result: ScoreResult, theme: Theme) -> go.Figure:
    """All sections on one radar, 0–100."""
    names = [wrap_label(s.short, 14) for s in result.sections]  # wrapped: long names are not cut at the edge
    full = [html.escape(s.title, quote=False) for s in result.sections]
    scores = [s.score for s in result.sections]
    fig = go.Figure(go.Scatterpolar(r=[*scores, scores[0]], theta=[*names, names[0]], fill="toself",
                                    line={"color": theme.primary, "width": 2}, fillcolor=theme.primary,
                                    customdata=[*full, full[0]], opacity=0.55,
                                    hovertemplate="%{customdata}: %{r:.0f}<extra></extra>"))
    fig.update_layout(polar={"radialaxis": {"range": [0, 100], "tickvals": [25, 50, 75, 100],
                                            "gridcolor": theme.grid},
                             "angularaxis": {"gridcolor": theme.grid, "tickfont": {"size": 12}},
                             "bgcolor": "rgba(0,0,0,0)"})
    _layout(fig, theme, 420)
    fig.update_layout(margin={"l": 88, "r": 88, "t": 40, "b": 40})  # room for the names left and right
    return fig


def bars(result: ScoreResult, theme: Theme) -> go.Figure:
    """One horizontal bar per section, coloured by score band."""
    sections = list(reversed(result.sections))
    fig = go.Figure(go.Bar(x=[s.score for s in sections], y=[wrap_label(s.title, 22) for s in sections], orientation="h",
                           marker={"color": [score_colour(s.score) for s in sections]},
                           customdata=[html.escape(s.title, quote=False) for s in sections],
                           text=[f"{s.score:.0f}" for s in sections], textposition="outside", cliponaxis=False,
                           hovertemplate="%{customdata}: %{x:.0f}<extra></extra>"))
    fig.update_xaxes(range=[0, 116], gridcolor=theme.grid, tickvals=[0, 20, 40, 60, 80, 100], automargin=True)
    fig.update_yaxes(automargin=True)
    return _layout(fig, theme, 60 + 42 * len(sections))


def month_ticks(begin: dt.date, end: dt.date, lang: str, every: int = 1) -> tuple[list[str], list[str]]:
    """Tick positions (the first of each month) and their texts in our own month names (``_locale``):
    plotly's own date labels would be English ("May"), whatever the page's language."""
    months = locale_info(lang).months_short
    first = dt.date(begin.year, begin.month, 1)
    values, texts = [], []
    day, n = first, 0
    while day <= end + dt.timedelta(days=1):
        if n % every == 0:
            values.append(day.isoformat())
            year = f"<br>{day.year}" if not texts or day.month <= every else ""
            texts.append(months[day.month - 1] + year)
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        n += 1
    return values, texts


def timeline(roadmap: Roadmap, theme: Theme, status_names: dict[str, str], lang: str = "en") -> go.Figure:
    """Phases as bands and actions as bars on a dated axis (a Gantt chart).

    Action labels are short (at most two lines); the full title is in the hover. The date ticks
    use our own month names.
    """
    fig = go.Figure()
    colours = theme.phase_colours(len(roadmap.phases))
    actions = list(roadmap.actions)
    labels = unique_labels([wrap_label(a.title) for a in actions])
    for i, (phase, colour) in enumerate(zip(roadmap.phases, colours)):
        # alternate the phase names above and below, so short phases' names don't collide
        fig.add_vrect(x0=phase.start, x1=phase.end + dt.timedelta(days=1), fillcolor=colour, opacity=0.12,
                      line_width=0, annotation_text=html.escape(phase.name),
                      annotation_position="top left" if i % 2 == 0 else "bottom left",
                      annotation_font={"size": 11, "color": theme.text})
    bar_colours = {**STATUS_COLOURS, "todo": theme.primary}
    for status, colour in bar_colours.items():
        chosen = [i for i, a in enumerate(actions) if a.status == status]
        if not chosen:
            continue
        fig.add_trace(go.Bar(
            base=[actions[i].start.isoformat() for i in chosen],
            x=[((actions[i].end - actions[i].start).days + 1) * 86_400_000 for i in chosen],
            y=[labels[i] for i in chosen], orientation="h", marker={"color": colour}, name=status_names.get(status, status),
            customdata=[[html.escape(actions[i].owner, quote=False), format_date_short(actions[i].start, lang),
                         format_date_short(actions[i].end, lang), html.escape(actions[i].title, quote=False)]
                        for i in chosen],
            hovertemplate="%{customdata[3]}<br>%{customdata[1]} – %{customdata[2]}<br>%{customdata[0]}<extra></extra>"))
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)), automargin=True,
                     tickfont={"size": 11})
    span_days = (roadmap.end - roadmap.start).days
    tickvals, ticktext = month_ticks(roadmap.start, roadmap.end, lang, every=1 if span_days <= 200 else 2)
    fig.update_xaxes(type="date", gridcolor=theme.grid, tickvals=tickvals, ticktext=ticktext, tickangle=0,
                     automargin=True, tickfont={"size": 11})
    _layout(fig, theme, 160 + 30 * len(actions))
    fig.update_layout(barmode="overlay", showlegend=True,
                      legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "xanchor": "left"},
                      margin={"l": 10, "r": 10, "t": 60, "b": 30})
    return fig


def wrap_label(text: str, width: int = 24, lines: int = 2) -> str:
    """A chart label from user text: wrapped into at most ``lines`` lines, shortened with "…", escaped
    (plotly reads a few HTML tags)."""
    out: list[str] = []
    line, cut = "", False
    for word in text.split():
        if len(word) > width:
            word = word[: width - 1] + "…"
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
            if len(out) == lines:
                line, cut = "", True
                break
        else:
            line = f"{line} {word}".strip()
    if line:
        out.append(line)
    if cut and not out[-1].endswith("…"):
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return "<br>".join(html.escape(part, quote=False) for part in out)

