"""The editable roadmap table: ``st.data_editor`` reports edits by row position; we turn them
into edits of action ids at once (the state keeps edits, never the table)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from readiness.answers import MAX_ADDED, STATUSES, RoadmapEdits
from readiness.i18n import locale_info
from readiness.roadmap import Roadmap, RoadmapAction, add_action, edit_action, generate, remove_action

from . import state
from .components import escape_markdown
from .i18n import loc, tr

EDITOR = "editor.roadmap"
COLUMNS = ("title", "phase", "owner", "start", "end", "status", "kpi", "why")
# What the table shows: narrow enough for the page's width (no sideways scrolling); every field,
# KPI and why included, can be changed in the "change one action" form below it.
TABLE_COLUMNS = ("title", "phase", "owner", "start", "end", "status")
TEXT_LIMITS = {"title": 500, "owner": 500, "kpi": 500, "why": 5000}


def _generated(start: dt.date) -> dict[str, Any]:
    _, actions = generate(state.bank(), state.assessment().answers, start, state.lang())
    return {a.id: a for a in actions}


def generated(start: dt.date) -> dict[str, Any]:
    """The plan's generated actions by id (before the user's edits)."""
    return _generated(start)


def _clean(column: str, value: Any) -> Any:
    if column in ("start", "end"):
        if value in (None, ""):
            return None
        return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]
    if column in TEXT_LIMITS:
        return str(value or "").strip()[: TEXT_LIMITS[column]]
    return value


def table_change_to_edits(change: dict[str, Any], ids: list[str], edits: RoadmapEdits,
                          generated: dict[str, RoadmapAction], start: dt.date, first_phase: str) -> RoadmapEdits:
    """Turn ``st.data_editor``'s row-position change report into edits of action ids."""
    for row, fields in (change.get("edited_rows") or {}).items():
        action_id = ids[int(row)]
        cleaned = {k: _clean(k, v) for k, v in fields.items() if k in COLUMNS}
        cleaned = {k: v for k, v in cleaned.items() if v not in (None, "") or k in ("owner", "kpi", "why")}
        if cleaned:
            edits = edit_action(state.bank(), edits, generated, action_id, cleaned)
    for row in sorted(change.get("deleted_rows") or [], reverse=True):
        edits = remove_action(edits, ids[int(row)])
    for row in change.get("added_rows") or []:
        fields = {k: _clean(k, v) for k, v in row.items() if k in COLUMNS}
        fields = {k: v for k, v in fields.items() if v not in (None, "")}
        if not fields.get("title"):
            continue
        fields.setdefault("start", start.isoformat())
        fields.setdefault("end", fields["start"])
        fields.setdefault("phase", first_phase)
        edits = add_action(edits, fields)
    return edits


def _on_edit(ids: list[str], start: dt.date) -> None:
    change = st.session_state.get(state.widget_key(EDITOR)) or {}
    try:
        edits = table_change_to_edits(change, ids, state.edits(), _generated(start), start,
                                      state.bank().meta.phases[0].id)
    except (KeyError, IndexError, ValueError):
        state.flash("error", tr("roadmap.edit_failed"))
    else:
        if len(edits.added) > MAX_ADDED:  # the answers file's limit: what is saved must import again
            state.flash("warning", tr("safety.too_many_actions", limit=MAX_ADDED))
            return
        state.set_edits(edits)
    st.session_state.pop(state.widget_key(EDITOR), None)


def render(roadmap: Roadmap) -> None:
    """The table of actions; edits, additions and deletions are saved as they happen."""
    bank = state.bank()
    phase_names = {p.id: loc(p.name) for p in bank.meta.phases}
    status_names = {s: tr(f"status.{s}") for s in STATUSES}
    ids = [a.id for a in roadmap.actions]
    frame = pd.DataFrame([{
        "title": a.title, "phase": a.phase, "owner": a.owner, "start": a.start, "end": a.end, "status": a.status}
        for a in roadmap.actions], columns=list(TABLE_COLUMNS))
    date_format = locale_info(state.lang()).date_format  # a date_input format is also a momentjs one
    config = {
        "title": st.column_config.TextColumn(tr("roadmap.col.title"), required=True, max_chars=500, width=175),
        "phase": st.column_config.SelectboxColumn(tr("roadmap.col.phase"), options=list(phase_names),
                                                  format_func=phase_names.get, required=True, width=90),
        "owner": st.column_config.TextColumn(tr("roadmap.col.owner"), max_chars=500, width=100),
        "start": st.column_config.DateColumn(tr("roadmap.col.start"), format=date_format, required=True, width=82),
        "end": st.column_config.DateColumn(tr("roadmap.col.end"), format=date_format, required=True, width=82),
        "status": st.column_config.SelectboxColumn(tr("roadmap.col.status"), options=list(STATUSES),
                                                   format_func=status_names.get, required=True, default="todo",
                                                   width=92),
    }
    # Rows are deleted here; new actions come from the "add an action" form (a table row could not
    # be saved until every required cell was filled, and the defaults never showed).
    st.data_editor(frame, column_config=config, hide_index=True, num_rows="delete", key=state.widget_key(EDITOR),
                   on_change=_on_edit, args=(ids, roadmap.start), width="content")
    removed = [a for a in _generated(roadmap.start).values() if a.id in state.edits().removed]
    if removed:
        with st.expander(tr("roadmap.removed", n=len(removed)), icon=":material/restore:"):
            for action in removed:
                st.button(tr("roadmap.restore", title=escape_markdown(action.title)),
                          key=state.widget_key(f"restore.{action.id}"), on_click=_restore, args=(action.id,), type="tertiary")


def _restore(action_id: str) -> None:
    from readiness.roadmap import restore_action

    state.set_edits(restore_action(state.edits(), action_id))
