"""Start page: what employee advocacy is, why it pays, what the assessment covers; start or import."""

import streamlit as st

from ui import frame, importer, resume, state
from ui.i18n import loc, tr, trn

frame.setup("start")
bank = state.bank()

st.title(tr("start.title"))
st.markdown(tr("start.lead"))

st.subheader(tr("start.why"))
facts = bank.facts.facts[:3]
for column, fact in zip(st.columns(len(facts)), facts):
    with column.container(border=True, height="stretch"):
        st.markdown(f"## {fact.figure}")
        st.markdown(loc(fact.text))
        st.caption(tr("start.source", source=bank.sources[fact.source].name))

st.subheader(tr("start.covers"))
st.markdown("\n".join(f"{s.number}. **{loc(s.title)}** – {loc(s.planning_question)}" for s in bank.planning_sections))
st.info(tr("start.time"), icon=":material/schedule:")

answered = len(state.assessment().answers)
if answered:
    frame.cta("assess", label=trn("start.continue", answered), icon=":material/play_arrow:")
    with st.popover(tr("start.new"), icon=":material/add:"):
        st.write(tr("start.new_confirm"))
        st.button(tr("start.new_yes"), key=state.widget_key("new"), on_click=resume.start_afresh)
else:
    frame.cta("assess", label=tr("start.begin"), icon=":material/play_arrow:")

with st.expander(tr("start.import_title"), icon=":material/upload_file:"):
    importer.render()
