"""Roadmap: the start date, a timeline of phases and actions, and the editable table."""

import streamlit as st

from readiness.answers import STATUSES
from readiness.i18n import format_date, locale_info
from readiness.theme import Theme
from ui import effort, frame, roadmap_editor, roadmap_forms, roadmap_views, state
from ui.cache import plan
from ui.i18n import tr, trn

frame.setup("roadmap")
lang = state.lang()
roadmap = plan(state.assessment(), lang).roadmap
theme = Theme.from_brand(frame.brand()[0])

st.title(tr("roadmap.title"))
st.markdown(tr("roadmap.lead"))

start_key = state.widget_key("roadmap_start")
st.session_state[start_key] = roadmap.start
st.date_input(tr("roadmap.start"), key=start_key, format=locale_info(lang).date_format,
              on_change=lambda: state.set_roadmap_start(st.session_state[start_key]),
              help=tr("roadmap.start_help"))

status_names = {s: tr(f"status.{s}") for s in STATUSES}
roadmap_views.timeline(roadmap, theme, status_names)  # the gantt; a list by phase on a phone
with st.expander(tr("roadmap.phases"), icon=":material/view_timeline:"):
    for phase in roadmap.phases:
        st.markdown(f"**{phase.name}** · {format_date(phase.start, lang)} – {format_date(phase.end, lang)}  \n{phase.goal}"
                    + (f"  \n*{phase.note}*" if phase.note else ""))
moved = [a for a in roadmap.actions if a.moved]
if moved:
    st.caption(trn("roadmap.moved_note", len(moved)))

st.subheader(tr("roadmap.table"))
st.caption(tr("roadmap.table_help"))
roadmap_editor.render(roadmap)
roadmap_forms.notice()
roadmap_forms.outside_phase_note(roadmap)
roadmap_forms.add_form(roadmap)
roadmap_forms.edit_form(roadmap, roadmap_editor.generated(roadmap.start))
if roadmap.dropped_edits:
    st.caption(trn("roadmap.dropped", len(roadmap.dropped_edits)))
st.caption(tr("roadmap.reassess_on", date=format_date(roadmap.reassess_on, lang)))
effort.render(plan(state.assessment(), lang))
frame.cta("download", label=tr("roadmap.to_download"), icon=":material/download:")
