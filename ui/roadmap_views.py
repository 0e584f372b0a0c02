"""The roadmap's timeline in two forms: the gantt chart for wide screens and, below a breakpoint
(a phone), a vertical list by phase. Both are drawn; a style rule shows the one that fits the
viewport (the server cannot know the width of the screen)."""

from __future__ import annotations

import streamlit as st

from readiness.i18n import format_date_short
from readiness.roadmap import Roadmap
from readiness.theme import Theme

from . import charts, state
from .components import escape_markdown
from .i18n import tr

BREAKPOINT_PX = 640
GANTT_KEY, LIST_KEY = "roadmap-gantt", "roadmap-list"
# Static rules only (no user text): hide the view that does not fit.
_STYLE = (f"<style>@media (max-width: {BREAKPOINT_PX}px) {{ .st-key-{GANTT_KEY} {{ display: none; }} }}"
          f"@media (min-width: {BREAKPOINT_PX + 1}px) {{ .st-key-{LIST_KEY} {{ display: none; }} }}</style>")


def _dates(start, end, lang: str) -> str:
    """'1. feb. 2027 – 25. apr. 2027', its dots escaped: at the start of a line, "1." would begin a numbered list."""
    return f"{format_date_short(start, lang)} – {format_date_short(end, lang)}".replace(".", "\\.")


def timeline(roadmap: Roadmap, theme: Theme, status_names: dict[str, str]) -> None:
    st.html(_STYLE)
    lang = state.lang()
    with st.container(key=GANTT_KEY):
        st.plotly_chart(charts.timeline(roadmap, theme, status_names, lang), config={"displayModeBar": False},
                        alt=tr("roadmap.chart_alt"), width="stretch")
    with st.container(key=LIST_KEY):
        for phase in roadmap.phases:
            actions = roadmap.actions_in(phase.id)
            lines = [f"**{escape_markdown(phase.name)}** · {format_date_short(phase.start, lang)} – "
                     f"{format_date_short(phase.end, lang)}"]
            lines += [f"- {escape_markdown(a.title)}  \n  {_dates(a.start, a.end, lang)} · "
                      f"{status_names.get(a.status, a.status)}" + (f" · {escape_markdown(a.owner)}" if a.owner else "")
                      for a in actions]
            if not actions:
                lines.append(f"- *{tr('editor.no_actions')}*")
            st.markdown("\n".join(lines))
