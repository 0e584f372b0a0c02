"""Two small forms under the roadmap table: add an action of your own, and edit one action.

Both work on a phone as well as on a desktop (the wide table does not): every field is shown with
its value, nothing is hidden in a cell editor. Both save at once, through the state module (and
so through ui/persist.py like every other edit).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from readiness.answers import MAX_ADDED, STATUSES
from readiness.i18n import format_date, locale_info
from readiness.roadmap import Roadmap, RoadmapAction, add_action, edit_action
from readiness.roadmap_checks import dates_outside, outside_phase

from . import state
from .components import escape_markdown
from .i18n import tr, trn

ADD = "roadmap.add"
ONE = "roadmap.one"
TEXT_LIMITS = {"title": 500, "owner": 500, "kpi": 500, "why": 5000}
FIELDS = ("title", "phase", "owner", "start", "end", "status", "kpi", "why")


def _key(form: str, field: str) -> str:
    return state.widget_key(f"{form}.{field}")


def _text(field: str, value: Any) -> str:
    return str(value or "").strip()[: TEXT_LIMITS[field]]


def _phase_dates(roadmap: Roadmap, phase_id: str) -> tuple[dt.date, dt.date]:
    phase = roadmap.phase(phase_id) or roadmap.phases[0]
    return phase.start, phase.end


def _outside_note(roadmap: Roadmap, title: str, phase_id: str, start: dt.date, end: dt.date) -> str | None:
    phase = roadmap.phase(phase_id)
    if phase is None or not dates_outside(phase, start, end):
        return None
    lang = state.lang()
    return tr("editor.outside_saved", title=escape_markdown(title), phase=phase.name,
              start=format_date(phase.start, lang), end=format_date(phase.end, lang))


def outside_phase_note(roadmap: Roadmap) -> None:
    """A clear note (never silence) on every action dated outside the phase it belongs to."""
    found = outside_phase(roadmap)
    if not found:
        return
    lang = state.lang()
    lines = [tr("editor.outside_item", title=escape_markdown(f.action.title), phase=f.phase.name,
                start=format_date(f.phase.start, lang), end=format_date(f.phase.end, lang)) for f in found]
    st.warning(trn("editor.outside_intro", len(found)) + "\n\n" + "\n".join(f"- {line}" for line in lines),
               icon=":material/date_range:")


# -- add an action --------------------------------------------------------------------------


def _seed_add(roadmap: Roadmap, reset: bool = False) -> None:
    ss = st.session_state
    first = roadmap.phases[0].id
    if reset or _key(ADD, "phase") not in ss:
        ss[_key(ADD, "phase")] = first
    if reset or _key(ADD, "start") not in ss:
        ss[_key(ADD, "start")], ss[_key(ADD, "end")] = _phase_dates(roadmap, ss[_key(ADD, "phase")])
    defaults = {"title": "", "owner": roadmap.owner, "status": "todo"}
    for field, value in defaults.items():
        if reset or _key(ADD, field) not in ss:
            ss[_key(ADD, field)] = value


def _on_add_phase(roadmap: Roadmap) -> None:
    """A new phase chosen: the dates follow it (the form shows them, and they can still be changed)."""
    ss = st.session_state
    ss[_key(ADD, "start")], ss[_key(ADD, "end")] = _phase_dates(roadmap, ss[_key(ADD, "phase")])


def _on_add(roadmap: Roadmap) -> None:
    ss = st.session_state
    title = _text("title", ss.get(_key(ADD, "title")))
    if not title:
        ss[state.ROADMAP_NOTICE] = ("error", tr("editor.title_required"))
        return
    edits = state.edits()
    if len(edits.added) >= MAX_ADDED:  # the answers file's limit: what is saved must import again
        ss[state.ROADMAP_NOTICE] = ("warning", tr("safety.too_many_actions", limit=MAX_ADDED))
        return
    phase = ss.get(_key(ADD, "phase")) or roadmap.phases[0].id
    default_start, default_end = _phase_dates(roadmap, phase)
    start = ss.get(_key(ADD, "start")) or default_start
    end = ss.get(_key(ADD, "end")) or default_end
    end = max(end, start)
    status = ss.get(_key(ADD, "status")) if ss.get(_key(ADD, "status")) in STATUSES else "todo"
    state.set_edits(add_action(edits, {"title": title, "phase": phase, "owner": _text("owner", ss.get(_key(ADD, "owner"))),
                                       "start": start, "end": end, "status": status}))
    note = _outside_note(roadmap, title, phase, start, end)
    ss[state.ROADMAP_NOTICE] = ("warning", note) if note else ("success", tr("editor.added", title=escape_markdown(title)))
    _seed_add(roadmap, reset=True)


def add_form(roadmap: Roadmap) -> None:
    """'Add an action': the title is required; phase, owner, dates and status start from the plan's defaults."""
    _seed_add(roadmap)
    phase_names = {p.id: p.name for p in roadmap.phases}
    status_names = {s: tr(f"status.{s}") for s in STATUSES}
    date_format = locale_info(state.lang()).date_format
    with st.container(border=True, key="roadmap-add"):
        st.markdown(f"**{tr('editor.add_title')}**")
        st.caption(tr("editor.add_help"))
        st.selectbox(tr("roadmap.col.phase"), list(phase_names), format_func=phase_names.get, key=_key(ADD, "phase"),
                     on_change=_on_add_phase, args=(roadmap,), help=tr("editor.phase_help"))
        with st.form(key=state.widget_key("roadmap.add.form"), border=False, enter_to_submit=True):
            st.text_input(tr("editor.title_label"), key=_key(ADD, "title"), max_chars=TEXT_LIMITS["title"],
                          placeholder=tr("editor.title_placeholder"))
            st.text_input(tr("roadmap.col.owner"), key=_key(ADD, "owner"), max_chars=TEXT_LIMITS["owner"])
            left, right = st.columns(2)
            left.date_input(tr("roadmap.col.start"), key=_key(ADD, "start"), format=date_format)
            right.date_input(tr("roadmap.col.end"), key=_key(ADD, "end"), format=date_format)
            st.selectbox(tr("roadmap.col.status"), list(STATUSES), format_func=status_names.get, key=_key(ADD, "status"))
            st.form_submit_button(tr("editor.add"), icon=":material/add:", type="primary", on_click=_on_add,
                                  args=(roadmap,), key=_key(ADD, "submit"))


# -- edit one action ------------------------------------------------------------------------


def _value(action: RoadmapAction, field: str) -> Any:
    return getattr(action, field)


def _on_edit_one(roadmap: Roadmap, action_id: str, generated: dict[str, RoadmapAction]) -> None:
    ss = st.session_state
    action = next((a for a in roadmap.actions if a.id == action_id), None)
    if action is None:
        return
    fields: dict[str, Any] = {}
    for field in FIELDS:
        value = ss.get(_key(ONE, f"{action_id}.{field}"))
        if field in TEXT_LIMITS:
            value = _text(field, value)
            if field == "title" and not value:
                continue  # an action keeps a title
        elif value in (None, ""):
            continue
        if value != _value(action, field):
            fields[field] = value
    if "start" in fields or "end" in fields:
        start, end = fields.get("start", action.start), fields.get("end", action.end)
        if end < start:
            fields["end"] = start
    if not fields:
        ss[state.ROADMAP_NOTICE] = ("info", tr("editor.nothing_changed"))
        return
    try:
        state.set_edits(edit_action(state.bank(), state.edits(), generated, action_id, fields))
    except KeyError:
        ss[state.ROADMAP_NOTICE] = ("error", tr("roadmap.edit_failed"))
        return
    title = fields.get("title", action.title)
    start, end = fields.get("start", action.start), fields.get("end", action.end)
    note = _outside_note(roadmap, title, fields.get("phase", action.phase), start, end)
    ss[state.ROADMAP_NOTICE] = ("warning", note) if note else ("success", tr("editor.saved", title=escape_markdown(title)))


def edit_form(roadmap: Roadmap, generated: dict[str, RoadmapAction]) -> None:
    """'Change one action': pick it, change any field, save. Always shows the action as it is now."""
    if not roadmap.actions:
        return
    ss = st.session_state
    ids = [a.id for a in roadmap.actions]
    by_id = {a.id: a for a in roadmap.actions}
    phase_names = {p.id: p.name for p in roadmap.phases}
    pick = state.widget_key("roadmap.one.pick")
    if ss.get(pick) not in by_id:
        ss[pick] = ids[0]
    date_format = locale_info(state.lang()).date_format
    status_names = {s: tr(f"status.{s}") for s in STATUSES}
    with st.container(border=True, key="roadmap-one"):
        st.markdown(f"**{tr('editor.one_title')}**")
        st.selectbox(tr("editor.pick"), ids, key=pick,
                     format_func=lambda i: f"{phase_names.get(by_id[i].phase, '')} · {by_id[i].title}")
        action = by_id[ss[pick]]
        for field in FIELDS:  # the form always shows the action as it is now (the table may have changed it)
            ss[_key(ONE, f"{action.id}.{field}")] = _value(action, field)
        with st.form(key=state.widget_key(f"roadmap.one.form.{action.id}"), border=False):
            st.text_input(tr("editor.title_label"), key=_key(ONE, f"{action.id}.title"), max_chars=TEXT_LIMITS["title"])
            left, right = st.columns(2)
            left.selectbox(tr("roadmap.col.phase"), list(phase_names), format_func=phase_names.get,
                           key=_key(ONE, f"{action.id}.phase"))
            right.selectbox(tr("roadmap.col.status"), list(STATUSES), format_func=status_names.get,
                            key=_key(ONE, f"{action.id}.status"))
            st.text_input(tr("roadmap.col.owner"), key=_key(ONE, f"{action.id}.owner"), max_chars=TEXT_LIMITS["owner"])
            left, right = st.columns(2)
            left.date_input(tr("roadmap.col.start"), key=_key(ONE, f"{action.id}.start"), format=date_format)
            right.date_input(tr("roadmap.col.end"), key=_key(ONE, f"{action.id}.end"), format=date_format)
            st.text_input(tr("roadmap.col.kpi"), key=_key(ONE, f"{action.id}.kpi"), max_chars=TEXT_LIMITS["kpi"])
            st.text_area(tr("roadmap.col.why"), key=_key(ONE, f"{action.id}.why"), max_chars=TEXT_LIMITS["why"])
            st.form_submit_button(tr("editor.save"), icon=":material/save:", type="primary", on_click=_on_edit_one,
                                  args=(roadmap, action.id, generated), key=_key(ONE, "submit"))


def notice() -> None:
    """What the last add or edit did (once), next to the forms."""
    message = st.session_state.pop(state.ROADMAP_NOTICE, None)
    if message:
        kind, text = message
        getattr(st, kind)(text)

