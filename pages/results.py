"""Results: the overall score and level, every section explained, blockers, red flags and gaps."""

import pandas as pd
import streamlit as st

from readiness.i18n import format_number
from readiness.theme import Theme
from ui import charts, frame, state
from ui.cache import plan
from ui.components import escape_markdown, score_badge
from ui.i18n import loc, tr, trn

frame.setup("results")
bank = state.bank()
lang = state.lang()
the_plan = plan(state.assessment(), lang)
result = the_plan.score
theme = Theme.from_brand(frame.brand()[0])

st.title(tr("results.title"))
if not state.assessment().answers:
    st.info(tr("results.empty"), icon=":material/info:")
    frame.page_link("assess", label=tr("start.begin"))
    st.stop()

left, right = st.columns([1, 2])
left.metric(tr("score.overall"), f"{result.overall:.0f} / 100", border=True)
with right:
    st.markdown(f"### {result.level.name}")
    st.markdown(the_plan.level_text or result.level.meaning)

for blocker in result.blockers:
    st.error(f"**{tr('results.blocker')}:** {blocker.message}", icon=":material/block:")
for flag in result.red_flags:
    st.warning(f"**{tr('results.red_flag')}:** {flag.message}", icon=":material/flag:")

radar_tab, bars_tab, table_tab = st.tabs([tr("results.radar"), tr("results.bars"), tr("results.table")])
with radar_tab:
    st.plotly_chart(charts.radar(result, theme), width="stretch", config={"displayModeBar": False})
with bars_tab:
    st.plotly_chart(charts.bars(result, theme), width="stretch", config={"displayModeBar": False})
with table_tab:
    st.dataframe(pd.DataFrame({tr("results.section"): [s.title for s in result.sections],
                               tr("results.score"): [round(s.score) for s in result.sections]}),
                 hide_index=True, width="stretch")

strong, weak = st.columns(2)
with strong:
    st.subheader(tr("results.strengths"))
    st.markdown("\n".join(f"- {s.title}: {score_badge(s.score)}" for s in result.strengths()))
with weak:
    st.subheader(tr("results.gaps"))
    st.markdown("\n".join(f"- {s.title}: {score_badge(s.score)}" for s in result.gaps()))

st.subheader(tr("results.sections"))
for section in result.sections:
    with st.expander(f"{section.title} · {section.score:.0f}/100"):
        st.progress(section.score / 100)
        st.markdown(section.explanation.text)
        st.table(pd.DataFrame({  # a table that wraps: no statement or points cut off
            tr("results.statement"): [escape_markdown(i.text) for i in section.explanation.items],
            tr("results.answer"): [escape_markdown(i.answer) for i in section.explanation.items],
            tr("results.points"): [f"{i.value if i.value is not None else 0}\u00a0×\u00a0"
                                   f"{format_number(i.weight, lang, len(f'{i.weight:g}'.partition('.')[2]))}"
                                   for i in section.explanation.items],
        }), hide_index=True, border="horizontal")

if result.unknown or result.missing:
    st.subheader(tr("results.knowledge_gaps"))
    if result.unknown:
        st.markdown(tr("results.unknown_intro"))
        st.markdown("\n".join(f"- {loc(bank.questions[q].text)}" for q in result.unknown))
    if result.missing:
        st.markdown(trn("results.missing_intro", len(result.missing)))
required = [q for q in bank.questions.values() if q.required and q.id not in state.assessment().answers]
if required:
    st.info(tr("results.required_missing", items=", ".join(loc(q.text) for q in required)), icon=":material/info:")

with st.expander(tr("results.levels"), icon=":material/stairs:"):
    st.table(pd.DataFrame({
        tr("results.level"): [loc(lv.name) for lv in bank.meta.levels],
        tr("results.from"): [f"{lv.min_score:.0f}" for lv in bank.meta.levels],
        tr("results.meaning"): [loc(lv.meaning) for lv in bank.meta.levels],
    }), hide_index=True, border="horizontal")

frame.cta("roadmap", label=tr("results.to_roadmap"), icon=":material/timeline:")
