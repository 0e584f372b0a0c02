"""The assessment: the context step, then one step per planning question."""

import streamlit as st

from ui import frame, state, step_url
from ui import progress as followup
from ui.components import scroll_to_top
from ui.i18n import loc, tr
from ui.widgets import render_question

frame.setup("assess")
bank = state.bank()
sections = bank.sections
total = len(sections)
current = step_url.wizard()  # a reload stays on this step
section = sections[current]
answers = state.assessment().answers


def _done(s) -> bool:
    return all(q.id in answers for q in s.questions if q.required or q.is_scored)


def _jump() -> None:
    state.set_step(st.session_state[state.widget_key(f"{state.lang()}.jump")])


st.title(tr("assess.title"))
scroll_to_top(current)
st.progress((current + 1) / total, text=tr("assess.progress", step=current + 1, total=total, title=loc(section.title)))
jump_key = state.widget_key(f"{state.lang()}.jump")
st.session_state[jump_key] = current
step_labels = [f"{'✓' if _done(s) else '○'} {i + 1}. {loc(s.title)}" for i, s in enumerate(sections)]
st.selectbox(tr("assess.jump"), list(range(total)), key=jump_key, on_change=_jump, format_func=step_labels.__getitem__)

st.header(loc(section.planning_question) or loc(section.title))
st.markdown(loc(section.intro))
followup.prefilled_note()
if any(q.kind == "scale" for q in section.questions):
    with st.expander(tr("assess.scale_help"), icon=":material/help:"):
        st.markdown("\n".join(f"- **{loc(s.label)}** – {loc(s.meaning)}" for s in bank.meta.scale.steps))
if current == 0:
    name_key = state.widget_key("organisation")
    if name_key not in st.session_state:
        st.session_state[name_key] = state.assessment().organisation
    st.text_input(tr("assess.organisation"), key=name_key, max_chars=200, help=tr("sense.name_limit", n=200),
                  on_change=lambda: state.set_organisation(st.session_state[name_key].strip()))

decisions = [q for q in section.questions if not q.is_scored]
items = [q for q in section.questions if q.is_scored]
if decisions:
    if items:
        st.subheader(tr("assess.decisions"))
    for question in decisions:
        render_question(question)
        followup.carried_mark(question)
if items:
    st.subheader(tr("assess.readiness"))
    st.caption(tr("assess.readiness_help"))
    for question in items:
        render_question(question)
        followup.carried_mark(question)

st.caption(tr("assess.required_note"))
back, forward = st.columns(2)
with back:
    if current > 0:
        st.button(tr("assess.back"), icon=":material/arrow_back:", key=state.widget_key("back"),
                  on_click=state.set_step, args=(current - 1,), width="stretch")
with forward:
    if current < total - 1:
        st.button(tr("assess.next"), icon=":material/arrow_forward:", type="primary", key=state.widget_key("next"),
                  on_click=state.set_step, args=(current + 1,), width="stretch")
    else:
        frame.page_link("results", label=tr("assess.see_results"), icon=":material/insights:")
