"""Time and budget on the roadmap page: the owner's estimated hours per action, editable, and the totals."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import streamlit as st

from readiness.answers import MAX_ACTION_HOURS
from readiness.i18n import format_number
from readiness.plan import Plan
from readiness.roadmap import RoadmapAction, edit_action, generate

from . import state
from .i18n import tr

EDITOR = "editor.effort"


def _generated(start: dt.date) -> dict[str, RoadmapAction]:
    _, actions = generate(state.bank(), state.assessment().answers, start, state.lang())
    return {a.id: a for a in actions}


def hours_change_to_edits(change: dict[str, Any], ids: list[str], edits: Any,
                          generated: dict[str, RoadmapAction]) -> Any:
    """Turn the hours editor's row-position change report into ``hours`` edits of action ids."""
    for row, fields in (change.get("edited_rows") or {}).items():
        value = fields.get("hours")
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            hours = round(min(max(float(value), 0.0), MAX_ACTION_HOURS), 1)
            edits = edit_action(state.bank(), edits, generated, ids[int(row)], {"hours": hours})
    return edits


def _on_edit(ids: list[str], start: dt.date) -> None:
    change = st.session_state.get(state.widget_key(EDITOR)) or {}
    try:
        edits = hours_change_to_edits(change, ids, state.edits(), _generated(start))
    except (KeyError, IndexError, ValueError):
        state.flash("error", tr("roadmap.edit_failed"))
    else:
        state.set_edits(edits)
    st.session_state.pop(state.widget_key(EDITOR), None)


def render(plan: Plan) -> None:
    """An expander with the estimates: the totals, and a table whose hours column can be changed."""
    effort, lang = plan.effort, plan.lang
    if effort is None or not effort.actions:
        return
    with st.expander(tr("programme.effort.app_title"), icon=":material/schedule:"):
        st.caption(tr("programme.effort.app_help"))
        st.markdown(tr("programme.effort.app_total", owner=format_number(effort.owner_week, lang, 1),
                       ambassador=format_number(effort.ambassador_month, lang, 1),
                       low=format_number(effort.cost_low, lang), high=format_number(effort.cost_high, lang),
                       currency=effort.currency))
        if effort.overload:
            st.warning(effort.overload, icon=":material/warning:")
        ids = [a.id for a in effort.actions]
        frame = pd.DataFrame([{"title": a.title, "hours": a.owner_hours, "ambassador": a.ambassador_hours}
                              for a in effort.actions])
        config = {
            "title": st.column_config.TextColumn(tr("programme.effort.col_action"), disabled=True, width="large"),
            "hours": st.column_config.NumberColumn(tr("programme.effort.col_owner_hours"), min_value=0,
                                                   max_value=MAX_ACTION_HOURS, step=0.5, required=True,
                                                   format="localized"),
            "ambassador": st.column_config.NumberColumn(tr("programme.effort.col_ambassador_hours"), disabled=True,
                                                        format="localized"),
        }
        st.data_editor(frame, column_config=config, hide_index=True, key=state.widget_key(EDITOR),
                       on_change=_on_edit, args=(ids, plan.roadmap.start))
        phases = pd.DataFrame([{"phase": p.name, "owner": p.owner_week, "ambassador": p.ambassador_month}
                               for p in effort.phases])
        st.dataframe(phases, hide_index=True, column_config={
            "phase": st.column_config.TextColumn(tr("programme.effort.col_phase")),
            "owner": st.column_config.NumberColumn(tr("programme.effort.col_owner_week"), format="localized"),
            "ambassador": st.column_config.NumberColumn(tr("programme.effort.col_ambassador_month"),
                                                        format="localized")})
